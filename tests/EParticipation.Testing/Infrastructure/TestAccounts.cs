using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Infrastructure;

/// <summary>Creates confirmed accounts directly, for tests whose subject is not registration.</summary>
public static class TestAccounts
{
    public const string Password = "Test-Password-2026";

    public static async Task<ApplicationUser> CreateAsync(
        PortalFactory factory,
        string? email = null,
        IEnumerable<string>? roles = null,
        string? agencyCode = null,
        AccountType type = AccountType.Citizen,
        string language = "ar",
        string? name = null,
        bool confirmed = true)
    {
        ArgumentNullException.ThrowIfNull(factory);
        email ??= $"user-{Guid.NewGuid():N}@example.test";
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        int? agencyId = agencyCode is null ? null : await db.Agencies.Where(a => a.Code == agencyCode).Select(a => a.Id).SingleAsync();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = confirmed,
            FullName = name ?? "مستخدم اختبار",
            AccountType = type,
            CommercialRegistrationNumber = type == AccountType.Business ? "1010123456" : null,
            PreferredLanguage = language,
            AgencyId = agencyId,
            CreatedAt = DateTime.UtcNow,
        };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        if (roles is not null)
        {
            var list = roles.ToList();
            if (list.Count > 0)
            {
                Assert.True((await users.AddToRolesAsync(user, list)).Succeeded);
            }
        }
        return user;
    }

    /// <summary>A client already signed in as a new account.</summary>
    public static async Task<(PortalClient Client, ApplicationUser User)> SignedInAsync(
        PortalFactory factory, IEnumerable<string>? roles = null, string? agencyCode = null, AccountType type = AccountType.Citizen, string language = "ar", string? name = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var user = await CreateAsync(factory, roles: roles, agencyCode: agencyCode, type: type, language: language, name: name);
        var client = factory.Client();
        await client.SignInAsync(user.Email!, Password);
        return (client, user);
    }
}
