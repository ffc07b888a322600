using EParticipation.Web.Data;
using EParticipation.Web.Platform.Agencies;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Notifications;

/// <summary>An item people follow: its kind and id, its title in both languages, and its address after the language segment.</summary>
public sealed record FollowTarget(string Kind, string Id, LocalizedText Title, string Path);

/// <summary>An agency's team mailboxes, set by administrators.</summary>
public enum AgencyMailbox
{
    LegislationOffice,
    VoiceOfBeneficiary,
    Supervisor,
}

/// <summary>
/// The one way modules send email. Everything is added to the caller's unit of work (outbox rows,
/// digest items), so it commits or rolls back with the action that caused it. Content is composed in
/// each recipient's language: the compose function runs with that language as the current culture,
/// so a module's localizer inside it speaks the recipient's language.
/// </summary>
public sealed class Notifier(
    AppDbContext db,
    EmailComposer composer,
    IEmailOutbox outbox,
    PortalLinks links,
    UnsubscribeTokens tokens,
    TimeProvider clock)
{
    public async Task FollowAsync(Guid userId, string kind, string targetId, CancellationToken cancellationToken = default)
    {
        // Also looks at follows added earlier in this same unit of work.
        if (!db.Follows.Local.Any(f => f.UserId == userId && f.Kind == kind && f.TargetId == targetId)
            && !await IsFollowingAsync(userId, kind, targetId, cancellationToken))
        {
            db.Follows.Add(new Follow { UserId = userId, Kind = kind, TargetId = targetId, CreatedAt = clock.GetUtcNow().UtcDateTime });
        }
    }

    public async Task UnfollowAsync(Guid userId, string kind, string targetId, CancellationToken cancellationToken = default) =>
        await db.Follows.Where(f => f.UserId == userId && f.Kind == kind && f.TargetId == targetId).ExecuteDeleteAsync(cancellationToken);

    public Task<bool> IsFollowingAsync(Guid userId, string kind, string targetId, CancellationToken cancellationToken = default) =>
        db.Follows.AnyAsync(f => f.UserId == userId && f.Kind == kind && f.TargetId == targetId, cancellationToken);

    /// <summary>
    /// Tells everyone following <paramref name="target"/> what happened: an email now, an entry in
    /// tomorrow's digest, or nothing, as each of them chose for this kind of item.
    /// </summary>
    public async Task<int> NotifyFollowersAsync(FollowTarget target, string category, Func<EmailContent> compose, Guid? except = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(compose);
        var followers = await db.Follows.AsNoTracking()
            .Where(f => f.Kind == target.Kind && f.TargetId == target.Id && f.UserId != except)
            .Select(f => new
            {
                f.UserId,
                f.User!.Email,
                f.User.FullName,
                f.User.PreferredLanguage,
                Frequency = db.NotificationPreferences
                    .Where(p => p.UserId == f.UserId && p.Kind == target.Kind)
                    .Select(p => (NotificationFrequency?)p.Frequency)
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        // Compose once per language, then address it to each follower.
        var byLanguage = new Dictionary<string, EmailContent>();
        EmailContent For(string language)
        {
            if (!byLanguage.TryGetValue(language, out var content))
            {
                using var scope = CultureScope.Use(language);
                content = compose() with { ItemTitle = target.Title.For(language) };
                content = content with { Action = content.Action ?? new EmailLink(composer.OpenLabel(language), links.Absolute($"/{language}/{target.Path}")) };
                byLanguage[language] = content;
            }
            return content;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var sent = 0;
        foreach (var follower in followers)
        {
            var frequency = follower.Frequency ?? NotificationFrequency.Immediately;
            if (frequency == NotificationFrequency.Never || follower.Email is null)
            {
                continue;
            }
            var language = PortalCultures.IsSupported(follower.PreferredLanguage) ? follower.PreferredLanguage : PortalCultures.Default;
            var content = For(language);
            if (frequency == NotificationFrequency.DailyDigest)
            {
                db.DigestItems.Add(new DigestItem
                {
                    UserId = follower.UserId,
                    Kind = target.Kind,
                    TargetId = target.Id,
                    Title = Truncate(content.Subject, 500),
                    Summary = Truncate(content.Paragraphs.Count > 0 ? content.Paragraphs[0] : "", 1000),
                    Url = Truncate(content.Action!.Url, 500),
                    CreatedAt = now,
                });
                continue;
            }
            var personal = content with { UnsubscribeUrl = UnsubscribeUrl(follower.UserId, target.Kind, language) };
            outbox.Enqueue(composer.Compose(follower.Email, follower.FullName, language, personal), category);
            sent++;
        }
        return sent;
    }

    /// <summary>
    /// Emails one account directly about something of theirs (a moderation decision, a case
    /// response). Its unsubscribe link turns off follow emails; emails like this one still come.
    /// </summary>
    public void NotifyUser(ApplicationUser user, string category, Func<EmailContent> compose)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(compose);
        if (user.Email is null)
        {
            return;
        }
        var language = PortalCultures.IsSupported(user.PreferredLanguage) ? user.PreferredLanguage : PortalCultures.Default;
        EmailContent content;
        using (CultureScope.Use(language))
        {
            content = compose();
        }
        content = content with { UnsubscribeUrl = content.UnsubscribeUrl ?? UnsubscribeUrl(user.Id, UnsubscribeTokens.AllKinds, language) };
        outbox.Enqueue(composer.Compose(user.Email, user.FullName, language, content), category);
    }

    /// <summary>
    /// Emails one of an agency's team mailboxes (in Arabic). Returns false, and sends nothing, when
    /// an administrator has not set that mailbox.
    /// </summary>
    public async Task<bool> NotifyAgencyAsync(int agencyId, AgencyMailbox mailbox, string category, Func<EmailContent> compose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(compose);
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == agencyId, cancellationToken);
        return agency is not null && NotifyAgency(agency, mailbox, category, compose);
    }

    /// <summary>
    /// <see cref="NotifyAgencyAsync"/> for an agency already read (a job that writes to many agencies'
    /// mailboxes reads each agency once).
    /// </summary>
    public bool NotifyAgency(Agency agency, AgencyMailbox mailbox, string category, Func<EmailContent> compose)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(compose);
        var address = mailbox switch
        {
            AgencyMailbox.LegislationOffice => agency.LegislationOfficeEmail,
            AgencyMailbox.VoiceOfBeneficiary => agency.VocEmail,
            _ => agency.SupervisorEmail,
        };
        if (string.IsNullOrWhiteSpace(address))
        {
            return false;
        }
        EmailContent content;
        using (CultureScope.Use(PortalCultures.Arabic))
        {
            content = compose();
        }
        outbox.Enqueue(composer.Compose(address, agency.Name.Ar, PortalCultures.Arabic, content), category);
        return true;
    }

    public string UnsubscribeUrl(Guid userId, string kind, string language) =>
        links.Absolute($"/{language}/notifications/unsubscribe?token={Uri.EscapeDataString(tokens.Create(userId, kind))}");

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
