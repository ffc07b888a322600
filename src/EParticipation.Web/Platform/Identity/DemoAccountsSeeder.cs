using EParticipation.Web.Data;
using EParticipation.Web.Platform.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Identity;

/// <summary>
/// One confirmed account for every role, for trying the portal (Development only; listed in the
/// README). The password is "Demo:Password" in configuration.
/// </summary>
public sealed class DemoAccountsSeeder(UserManager<ApplicationUser> users, IConfiguration configuration, TimeProvider clock) : IDataSeeder
{
    public const string DefaultPassword = "Demo-Portal-2026";

    public static IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new("admin@demo.portal.test", "مدير المنصة", AccountType.Citizen, [Roles.Administrator], null),
        new("moderator@demo.portal.test", "مشرف المحتوى", AccountType.Citizen, [Roles.Moderator], null),
        new("publisher.hrsd@demo.portal.test", "ناشر وزارة الموارد البشرية", AccountType.Citizen, [Roles.AgencyPublisher], "hrsd"),
        new("reviewer.hrsd@demo.portal.test", "مكتب التشريعات - الموارد البشرية", AccountType.Citizen, [Roles.LegislationReviewer], "hrsd"),
        new("officer.hrsd@demo.portal.test", "موظف معالجة الحالات", AccountType.Citizen, [Roles.CaseOfficer], "hrsd"),
        new("publisher.moj@demo.portal.test", "ناشر وزارة العدل", AccountType.Citizen, [Roles.AgencyPublisher, Roles.LegislationReviewer], "moj"),
        new("voc.moj@demo.portal.test", "إدارة صوت المستفيد - العدل", AccountType.Citizen, [Roles.VocAnalyst], "moj"),
        new("citizen@demo.portal.test", "نورة العتيبي", AccountType.Citizen, [], null),
        new("resident@demo.portal.test", "Amal Rahman", AccountType.Resident, [], null, Language: "en"),
        new("visitor@demo.portal.test", "Daniel Weber", AccountType.Visitor, [], null),
        new("business@demo.portal.test", "خالد الحربي", AccountType.Business, [], null, "1010123456"),
    ];

    public int Order => 100;

    public bool DemoOnly => true;

    public async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var password = configuration["Demo:Password"] is { Length: > 0 } configured ? configured : DefaultPassword;
        var agencies = await db.Agencies.ToDictionaryAsync(a => a.Code, a => a.Id, cancellationToken);
        foreach (var account in Accounts)
        {
            if (await users.FindByEmailAsync(account.Email) is not null)
            {
                continue;
            }
            var user = new ApplicationUser
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                FullName = account.Name,
                AccountType = account.Type,
                CommercialRegistrationNumber = account.CommercialRegistration,
                PreferredLanguage = account.Language,
                AgencyId = account.AgencyCode is null ? null : agencies[account.AgencyCode],
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            var created = await users.CreateAsync(user, password);
            if (created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
            {
                // Another instance starting at the same moment created it first.
                continue;
            }
            Check(created);
            if (account.Roles.Count > 0)
            {
                Check(await users.AddToRolesAsync(user, account.Roles));
            }
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("A demo account could not be created: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <param name="Language">The language of the account's emails ("ar" or "en").</param>
    public sealed record DemoAccount(string Email, string Name, AccountType Type, IReadOnlyList<string> Roles, string? AgencyCode, string? CommercialRegistration = null, string Language = "ar");
}

/// <summary>Every role in <see cref="Roles.All"/> exists in every database (not demo-only).</summary>
public sealed class RolesSeeder(RoleManager<ApplicationRole> roles) : IDataSeeder
{
    public int Order => 1;

    public bool DemoOnly => false;

    public async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new ApplicationRole(role));
            }
        }
    }
}
