using System.Globalization;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Comments;

/// <summary>What a report did: whether it was new, and what it changed in the item's published-comment counter.</summary>
public sealed record ReportStep(bool Added, int CounterDelta);

/// <summary>
/// The steps every module's comment takes the same way, inside the module's transaction (after
/// <see cref="CommentLock"/>): a report that hides the comment when enough different people report it
/// (<see cref="ContentReports.HideThreshold"/>), exactly once; a moderator's approval or rejection;
/// closing the comment's reports once decided. Each step gives the change for the owning item's
/// counter; the module applies it to its own counter rows before committing.
/// </summary>
public sealed class CommentWorkflow(AppDbContext db, ContentReports reports, TimeProvider clock)
{
    /// <summary>The name a module's comments go by in the platform's content reports, e.g. "idea-comment".</summary>
    public static string ReportType(string contentType) => contentType + "-comment";

    /// <summary>
    /// Records a report and saves it. The report that brings the comment to the threshold hides it.
    /// A second report by the same person (even arriving at the same moment) changes nothing.
    /// </summary>
    public async Task<ReportStep> ReportAsync(ModeratedComment comment, string reportType, Guid reporterId, ReportReason reason, string? details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comment);
        var outcome = await reports.AddAsync(reportType, Key(comment.Id), reporterId, reason, details, cancellationToken);
        if (!outcome.Added)
        {
            return new(false, 0);
        }
        var before = comment.Status;
        if (outcome.ReachedThreshold(reports.HideThreshold))
        {
            comment.HideAfterReports();
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            if (db.Database.CurrentTransaction is { } transaction)
            {
                await transaction.RollbackAsync(cancellationToken);
            }
            db.ChangeTracker.Clear();
            return new(false, 0);
        }
        return new(true, ModeratedComment.Delta(before, comment.Status));
    }

    /// <summary>
    /// Applies a moderator's decision to the comment (not yet saved: the module adds its audit entry and
    /// email to the same unit of work) and gives the counter change.
    /// </summary>
    public int Decide(ModeratedComment comment, bool approve, Guid moderatorId, string? reason)
    {
        ArgumentNullException.ThrowIfNull(comment);
        var before = comment.Status;
        var now = clock.GetUtcNow().UtcDateTime;
        if (approve)
        {
            comment.Approve(moderatorId, now);
        }
        else
        {
            comment.Reject(moderatorId, (reason ?? "").Trim(), now);
        }
        return ModeratedComment.Delta(before, comment.Status);
    }

    /// <summary>Closes the comment's open reports once a moderator has decided on it (in the same transaction).</summary>
    public Task<int> ResolveReportsAsync(string reportType, long commentId, CancellationToken cancellationToken = default) =>
        reports.ResolveAsync(reportType, Key(commentId), cancellationToken);

    /// <summary>The ids among a module's comments that have an open report: a short list, as reports are resolved when decided.</summary>
    public async Task<List<long>> ReportedIdsAsync(string reportType, CancellationToken cancellationToken = default)
    {
        var ids = await db.ContentReports.AsNoTracking()
            .Where(r => r.ContentType == reportType && r.ResolvedAt == null)
            .Select(r => r.ContentId).Distinct().ToListAsync(cancellationToken);
        return ids.Select(i => long.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(i => i > 0).ToList();
    }

    /// <summary>Whether one comment has a report nobody has resolved yet.</summary>
    public Task<bool> HasOpenReportAsync(string reportType, long commentId, CancellationToken cancellationToken = default)
    {
        var key = Key(commentId);
        return db.ContentReports.AnyAsync(r => r.ContentType == reportType && r.ResolvedAt == null && r.ContentId == key, cancellationToken);
    }

    /// <summary>The open reports of a page of comments.</summary>
    public async Task<Func<long, IReadOnlyList<OpenReport>>> OpenReportsAsync(string reportType, IEnumerable<long> commentIds, CancellationToken cancellationToken = default)
    {
        var open = await reports.OpenReportsAsync(reportType, commentIds.Select(Key).ToList(), cancellationToken);
        return id => open[Key(id)].ToList();
    }

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}
