using System.Net;
using EParticipation.Tests.Infrastructure;

namespace EParticipation.Tests.Platform;

/// <summary>Common passwords are refused with a reason in the page's language (issue 10, finding 5).</summary>
public sealed class PasswordSecurityTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("password12")]
    [InlineData("1234567890")]
    [InlineData("qwertyuiop")]
    [InlineData("iloveyou2026")]
    public async Task Register_WithACommonPassword_IsRefusedWithALocalisedReason(string password)
    {
        var email = $"common-{Guid.NewGuid():N}@example.test";
        var response = await factory.Client().SubmitAsync("/ar/account/register", Registration(email, password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Contains("كلمة المرور هذه شائعة جدًا أو سهلة التخمين", page.QuerySelector("#Password-error")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Null(await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(db.Users, u => u.Email == email)));
    }

    [Fact]
    public async Task ChangePassword_ToACommonPassword_IsRefusedInEnglishOnAnEnglishPage()
    {
        var (client, _) = await TestAccounts.SignedInAsync(factory);
        var response = await client.SubmitAsync("/en/account/change-password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = TestAccounts.Password,
            ["NewPassword"] = "qwertyuiop",
            ["ConfirmPassword"] = "qwertyuiop",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This password is too common or too easy to guess.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_WithThePartOfTheEmailBeforeTheAt_SaysThatPartCounts()
    {
        var local = "salma.alqahtani" + Guid.NewGuid().ToString("N")[..6];
        var response = await factory.Client().SubmitAsync("/en/account/register", Registration(local + "@example.test", local + "-2026!"));
        var page = await PortalClient.ParseAsync(response);
        Assert.Contains("nor the part of it before the @", page.QuerySelector("#Password-error")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Contains("the part of it before the @", page.QuerySelector("#Password-hint")?.TextContent ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_WithAPassphrase_IsAccepted()
    {
        var response = await factory.Client().SubmitAsync("/ar/account/register", Registration($"phrase-{Guid.NewGuid():N}@example.test", "olive lantern harbour 7"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static Dictionary<string, string> Registration(string email, string password) => new()
    {
        ["AccountType"] = "Citizen",
        ["FullName"] = "Password Test",
        ["Email"] = email,
        ["Password"] = password,
        ["ConfirmPassword"] = password,
        ["AcceptTerms"] = "true",
    };
}
