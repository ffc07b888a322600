using System.Net;
using System.Text.Json;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Platform;

/// <summary>The participant's rights the privacy policy promises: download their data, delete their account.</summary>
public sealed class PersonalDataTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task DownloadMyData_GivesTheAccountAndItsFollowsAsJson_AndNobodyElses()
    {
        var (client, user) = await TestAccounts.SignedInAsync(factory, type: AccountType.Business);
        var other = await TestAccounts.CreateAsync(factory);
        await factory.WithScopeAsync(async sp =>
        {
            var notifier = sp.GetRequiredService<Notifier>();
            await notifier.FollowAsync(user.Id, FollowKinds.Consultation, "77");
            await notifier.FollowAsync(other.Id, FollowKinds.Consultation, "88");
            await sp.GetRequiredService<EParticipation.Web.Data.AppDbContext>().SaveChangesAsync();
            return 0;
        });

        var response = await client.GetAsync("/ar/account/data");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var json = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(json);
        Assert.Equal(user.Email, document.RootElement.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal("1010123456", document.RootElement.GetProperty("account").GetProperty("commercialRegistrationNumber").GetString());
        Assert.Equal("مستخدم اختبار", document.RootElement.GetProperty("account").GetProperty("fullName").GetString());
        var follows = document.RootElement.GetProperty("notifications").GetProperty("follows");
        Assert.Equal("77", Assert.Single(follows.EnumerateArray()).GetProperty("targetId").GetString());
        Assert.True(document.RootElement.TryGetProperty("consultations", out _), "Each module adds its section.");
        Assert.DoesNotContain(other.Email!, json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteMyAccount_ErasesThePersonSignsThemOutAndFreesTheAddress()
    {
        var (client, user) = await TestAccounts.SignedInAsync(factory);

        var wrong = await client.SubmitAsync("/ar/account/delete", new Dictionary<string, string> { ["Password"] = "not my password", ["Understood"] = "true" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("كلمة المرور الحالية غير صحيحة", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var deleted = await client.SubmitAsync("/ar/account/delete", new Dictionary<string, string> { ["Password"] = TestAccounts.Password, ["Understood"] = "true" });
        Assert.Contains("تم حذف حسابك", await deleted.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var row = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        Assert.Null(row.Email);
        Assert.Equal("", row.FullName);
        Assert.Null(row.PasswordHash);
        Assert.NotNull(row.DeletedAt);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "account.deleted" && a.EntityId == user.Id.ToString())));

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/ar/account")).StatusCode);
        var again = await factory.Client().SubmitAsync("/ar/account/login", new Dictionary<string, string> { ["Email"] = user.Email!, ["Password"] = TestAccounts.Password });
        Assert.Contains("البريد الإلكتروني أو كلمة المرور غير صحيحة", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The address can be used for a new account.
        Assert.Null(await factory.WithScopeAsync(sp => sp.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(user.Email!)));
    }

    [Fact]
    public async Task DeleteMyAccount_ForStaff_IsLeftToAnAdministrator()
    {
        var (client, user) = await TestAccounts.SignedInAsync(factory, [Roles.CaseOfficer], agencyCode: "hrsd");
        var response = await client.SubmitAsync("/en/account/delete", new Dictionary<string, string> { ["Password"] = TestAccounts.Password, ["Understood"] = "true" });
        Assert.Contains("Staff accounts are closed by an administrator", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.Email).SingleAsync()));
    }
}
