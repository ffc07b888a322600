using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Platform.Moderation;

/// <summary>What happened to a report: whether it was new, and how many people now report the item.</summary>
public sealed record ReportOutcome(bool Added, int OpenReporters)
{
    /// <summary>True when this report brought the item to the number of reporters that hides it.</summary>
    public bool ReachedThreshold(int threshold) => Added && OpenReporters >= threshold;
}

/// <summary>An open report as the moderation queue shows it.</summary>
public sealed record OpenReport(string ContentId, ReportReason Reason, string? Details, DateTime CreatedAt);

/// <summary>
/// Reports of content by participants, shared by every module that publishes what participants write.
/// Changes are added to the caller's unit of work (its SaveChanges commits them with its own change),
/// except <see cref="ResolveAsync"/>, which updates in place and belongs in the caller's transaction.
/// </summary>
public sealed class ContentReports(AppDbContext db, TimeProvider clock, IConfiguration configuration)
{
    /// <summary>Different people reporting the same item hide it until a moderator decides ("Moderation:HideAfterReports", 3).</summary>
    public int HideThreshold { get; } = Math.Max(1, configuration.GetValue("Moderation:HideAfterReports", 3));

    public async Task<ReportOutcome> AddAsync(string contentType, string contentId, Guid reporterId, ReportReason reason, string? details, CancellationToken cancellationToken = default)
    {
        var already = await db.ContentReports.AnyAsync(r => r.ContentType == contentType && r.ContentId == contentId && r.ReporterId == reporterId, cancellationToken);
        var open = await db.ContentReports.CountAsync(r => r.ContentType == contentType && r.ContentId == contentId && r.ResolvedAt == null, cancellationToken);
        if (already)
        {
            return new ReportOutcome(false, open);
        }
        db.ContentReports.Add(new ContentReport
        {
            ContentType = contentType,
            ContentId = contentId,
            ReporterId = reporterId,
            Reason = reason,
            Details = string.IsNullOrWhiteSpace(details) ? null : details.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        return new ReportOutcome(true, open + 1);
    }

    /// <summary>Closes the open reports of an item once a moderator has decided on it.</summary>
    public Task<int> ResolveAsync(string contentType, string contentId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.ContentReports
            .Where(r => r.ContentType == contentType && r.ContentId == contentId && r.ResolvedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ResolvedAt, now), cancellationToken);
    }

    /// <summary>The open reports of several items at once (one query for a page of the queue).</summary>
    public async Task<ILookup<string, OpenReport>> OpenReportsAsync(string contentType, IReadOnlyCollection<string> contentIds, CancellationToken cancellationToken = default)
    {
        var reports = await db.ContentReports.AsNoTracking()
            .Where(r => r.ContentType == contentType && r.ResolvedAt == null && contentIds.Contains(r.ContentId))
            .OrderBy(r => r.CreatedAt)
            .Select(r => new OpenReport(r.ContentId, r.Reason, r.Details, r.CreatedAt))
            .ToListAsync(cancellationToken);
        return reports.ToLookup(r => r.ContentId);
    }
}

/// <summary>The reasons a participant can give, in the page's language.</summary>
public static class ReportReasons
{
    public static IReadOnlyList<ReportReason> All { get; } = Enum.GetValues<ReportReason>();

    public static string Describe(IStringLocalizer<SharedResource> s, ReportReason reason)
    {
        ArgumentNullException.ThrowIfNull(s);
        return reason switch
        {
            ReportReason.Offensive => s["Offensive, abusive or hateful"],
            ReportReason.Spam => s["Spam or advertising"],
            ReportReason.PersonalData => s["Reveals someone's personal data"],
            ReportReason.OffTopic => s["Not about this subject"],
            _ => s["Something else"],
        };
    }
}

public static class ModerationSetup
{
    /// <summary>Registers the reports service once, however many modules ask for it.</summary>
    public static IServiceCollection AddContentModeration(this IServiceCollection services)
    {
        services.TryAddScoped<ContentReports>();
        return services;
    }
}
