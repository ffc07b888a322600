using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Identity;

/// <summary>
/// A module's share of a participant's personal data (PDPL): what it gives back when they download
/// their data, and how it detaches them from their contributions when they delete their account.
/// Contributions themselves stay (they are part of a public record), without anything that points
/// to the person.
/// </summary>
public interface IPersonalDataContributor
{
    /// <summary>The section name in the download, for example "consultations".</summary>
    string Section { get; }

    Task<object> ExportAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Adds the anonymising changes to the DbContext; the deletion's SaveChanges commits them.</summary>
    Task AnonymiseAsync(Guid userId, CancellationToken cancellationToken);
}

/// <summary>Downloads and deletes a participant's personal data across every module.</summary>
public sealed class PersonalDataService(
    AppDbContext db,
    UserManager<ApplicationUser> users,
    IEnumerable<IPersonalDataContributor> contributors,
    AuditLog audit,
    TimeProvider clock)
{
    /// <summary>The name shown on contributions whose author deleted their account.</summary>
    public const string AnonymousName = AuthorNames.Deleted;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public async Task<byte[]> ExportAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var document = new Dictionary<string, object>
        {
            ["exportedAt"] = clock.GetUtcNow().UtcDateTime,
            ["account"] = new
            {
                user.FullName,
                user.Email,
                AccountType = user.AccountType.ToString(),
                user.CommercialRegistrationNumber,
                user.PreferredLanguage,
                user.CreatedAt,
                user.EmailConfirmed,
                // Self-declared on the account page; erased with the account.
                TargetGroups = await db.DeclaredTargetGroups.AsNoTracking().Where(d => d.UserId == user.Id)
                    .OrderBy(d => d.TargetGroup!.SortOrder)
                    .Select(d => new { d.TargetGroup!.Code, NameAr = d.TargetGroup.Name.Ar, NameEn = d.TargetGroup.Name.En, d.DeclaredAt })
                    .ToListAsync(cancellationToken),
            },
        };
        foreach (var contributor in contributors.OrderBy(c => c.Section, StringComparer.Ordinal))
        {
            document[contributor.Section] = await contributor.ExportAsync(user.Id, cancellationToken);
        }
        return JsonSerializer.SerializeToUtf8Bytes(document, Json);
    }

    /// <summary>
    /// Deletes the account: the person's details are erased, every module detaches them from their
    /// contributions, and the account can no longer sign in. The row itself stays as an anonymous
    /// tombstone, so contributions keep a valid author and counts stay true.
    /// </summary>
    public async Task DeleteAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var contributor in contributors)
        {
            await contributor.AnonymiseAsync(user.Id, cancellationToken);
        }
        var roles = await users.GetRolesAsync(user);
        if (roles.Count > 0)
        {
            await users.RemoveFromRolesAsync(user, roles);
        }
        await db.UserLogins.Where(l => l.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.UserTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.UserClaims.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.UserSessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.DeclaredTargetGroups.Where(d => d.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);

        var tombstone = $"deleted-{user.Id:N}";
        user.UserName = tombstone;
        user.NormalizedUserName = tombstone.ToUpperInvariant();
        user.Email = null;
        user.NormalizedEmail = null;
        user.EmailConfirmed = false;
        user.PasswordHash = null;
        user.PhoneNumber = null;
        user.FullName = "";
        user.CommercialRegistrationNumber = null;
        user.AgencyId = null;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        user.DeletedAt = clock.GetUtcNow().UtcDateTime;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        audit.Record("account.deleted", "User", user.Id);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>The platform's own share: follows and notification preferences.</summary>
public sealed class NotificationPersonalData(AppDbContext db) : IPersonalDataContributor
{
    public string Section => "notifications";

    public async Task<object> ExportAsync(Guid userId, CancellationToken cancellationToken) => new
    {
        Follows = await db.Follows.AsNoTracking().Where(f => f.UserId == userId).OrderBy(f => f.Id)
            .Select(f => new { f.Kind, f.TargetId, f.CreatedAt }).ToListAsync(cancellationToken),
        Preferences = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId)
            .Select(p => new { p.Kind, Frequency = p.Frequency.ToString() }).ToListAsync(cancellationToken),
    };

    public async Task AnonymiseAsync(Guid userId, CancellationToken cancellationToken)
    {
        await db.Follows.Where(f => f.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.NotificationPreferences.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.DigestItems.Where(d => d.UserId == userId).ExecuteDeleteAsync(cancellationToken);

        // Emails to the person keep their row (the outbox's history and counts) but lose the address,
        // name, subject and bodies; one still waiting is never sent.
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.NormalizedEmail).SingleOrDefaultAsync(cancellationToken);
        if (string.IsNullOrEmpty(email))
        {
            return;
        }
        // Translated to SQL UPPER(...), the way Identity normalises the address; no culture is involved.
#pragma warning disable CA1304, CA1311, CA1862
        var messages = db.OutboxMessages.Where(m => m.ToAddress.ToUpper() == email);
#pragma warning restore CA1304, CA1311, CA1862
        await db.OutboxAttempts.Where(a => messages.Any(m => m.Id == a.OutboxMessageId) && a.Error != null)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Error, ErasedText), cancellationToken);
        await messages.Where(m => m.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(u => u
                .SetProperty(m => m.Status, OutboxStatus.Failed)
                .SetProperty(m => m.LastError, ErasedText), cancellationToken);
        await messages.ExecuteUpdateAsync(u => u
            .SetProperty(m => m.ToAddress, ErasedAddress)
            .SetProperty(m => m.ToName, (string?)null)
            .SetProperty(m => m.Subject, ErasedText)
            .SetProperty(m => m.TextBody, "")
            .SetProperty(m => m.HtmlBody, "")
            .SetProperty(m => m.HeadersJson, (string?)null), cancellationToken);
    }

    /// <summary>What replaces an erased email's address (a reserved, undeliverable domain).</summary>
    public const string ErasedAddress = "erased@deleted.invalid";

    public const string ErasedText = "(erased: the recipient deleted their account)";
}
