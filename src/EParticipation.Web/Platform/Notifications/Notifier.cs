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
        IsFollowingQuery(db, userId, kind, targetId, cancellationToken);

    // Asked on every signed-in view of a followable page: compiled once.
    private static readonly Func<AppDbContext, Guid, string, string, CancellationToken, Task<bool>> IsFollowingQuery =
        EF.CompileAsyncQuery((AppDbContext db, Guid userId, string kind, string targetId, CancellationToken _) =>
            db.Follows.Any(f => f.UserId == userId && f.Kind == kind && f.TargetId == targetId));

    /// <summary>
    /// Tells everyone following <paramref name="target"/> what happened: an email now, an entry in
    /// tomorrow's digest, or nothing, as each of them chose for this kind of item. Only one event is
    /// added to the caller's unit of work (with the email written once per language), whatever the
    /// number of followers: <see cref="FanOutJob"/> writes the followers' emails and digest entries in
    /// the background once it commits. Returns how many followers will get an email now.
    /// </summary>
    public async Task<int> NotifyFollowersAsync(FollowTarget target, string category, Func<EmailContent> compose, Guid? except = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(compose);
        var followers = db.Follows.Where(f => f.Kind == target.Kind && f.TargetId == target.Id);
        // Followers up to now; one added earlier in this unit of work has no id yet, so then all of them.
        var upTo = db.Follows.Local.Any(f => f.Kind == target.Kind && f.TargetId == target.Id && f.Id == 0)
            ? long.MaxValue
            : await followers.MaxAsync(f => (long?)f.Id, cancellationToken) ?? 0;
        var immediately = await followers
            .Where(f => f.UserId != except && f.User!.Email != null)
            .Where(f => !db.NotificationPreferences.Any(p => p.UserId == f.UserId && p.Kind == target.Kind && p.Frequency != NotificationFrequency.Immediately))
            .CountAsync(cancellationToken);

        var fanOut = new FanOutEvent
        {
            Kind = target.Kind,
            TargetId = target.Id,
            Category = category,
            ExceptUserId = except,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            UpToFollowId = upTo,
        };
        foreach (var language in new[] { PortalCultures.Arabic, PortalCultures.English })
        {
            EmailContent content;
            using (CultureScope.Use(language))
            {
                content = compose() with { ItemTitle = target.Title.For(language) };
            }
            content = content with
            {
                Action = content.Action ?? new EmailLink(composer.OpenLabel(language), links.Absolute($"/{language}/{target.Path}")),
                UnsubscribeUrl = links.Absolute($"/{language}/notifications/unsubscribe?token={FanOutContent.TokenPlaceholder}"),
            };
            // The address is the recipient's, written by the job; only the bodies are kept here.
            var message = composer.Compose("follower@invalid", null, language, content);
            fanOut.Contents.Add(new FanOutContent
            {
                Language = language,
                Subject = Truncate(message.Subject, 500),
                TextBody = message.TextBody,
                HtmlBody = message.HtmlBody,
                HeadersJson = message.Headers.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(message.Headers),
                DigestTitle = Truncate(content.Subject, 500),
                DigestSummary = Truncate(content.Paragraphs.Count > 0 ? content.Paragraphs[0] : "", 1000),
                DigestUrl = Truncate(content.Action!.Url, 500),
            });
        }
        db.FanOutEvents.Add(fanOut);
        return immediately;
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
