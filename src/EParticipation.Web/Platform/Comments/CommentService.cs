using System.Globalization;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Comments;

/// <summary>
/// Comments of every module that uses the platform's comments: adding (pre- or post-moderated),
/// withdrawing, reports that hide a comment, the moderators' decisions, and the owning item's
/// counter of published comments kept in the same transaction as each status change. Each status
/// change locks the comment's row first (<see cref="SqlDialect.LockRow"/>; SQLite's write lock is
/// taken when the transaction begins), so two changes at once cannot both count.
/// </summary>
public sealed class CommentService(AppDbContext db, IEnumerable<ICommentThread> threads, ContentReports reports, AuditLog audit, TimeProvider clock)
{
    public static string ReportType(string contentType) => contentType + "-comment";

    private ICommentThread Thread(string contentType) =>
        threads.FirstOrDefault(t => t.ContentType == contentType) ?? throw new InvalidOperationException($"No module takes comments of type '{contentType}'.");

    public async Task<CommentThreadInfo?> DescribeAsync(string contentType, string threadId, CancellationToken cancellationToken = default) =>
        await Thread(contentType).DescribeAsync([threadId], cancellationToken) is [var first, ..] ? first : null;

    public async Task<CommentResult> AddAsync(string contentType, string threadId, Guid authorId, string displayName, string body, Guid submissionKey, CancellationToken cancellationToken = default)
    {
        var info = await DescribeAsync(contentType, threadId, cancellationToken);
        if (info is null)
        {
            return new(CommentOutcome.NotFound);
        }
        if (!info.AcceptsComments)
        {
            return new(CommentOutcome.NotAllowed);
        }
        var existing = await db.ThreadComments.AsNoTracking().FirstOrDefaultAsync(c => c.AuthorId == authorId && c.SubmissionKey == submissionKey, cancellationToken);
        if (existing is not null)
        {
            return new(CommentOutcome.AlreadyDone, existing);
        }
        var comment = new ThreadComment
        {
            ContentType = contentType,
            ThreadId = threadId,
            AuthorId = authorId,
            DisplayName = displayName.Trim(),
            Body = body.Trim(),
            Status = ThreadComment.InitialStatus(info.Moderation),
            SubmissionKey = submissionKey,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ThreadComments.Add(comment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new(CommentOutcome.AlreadyDone, await db.ThreadComments.AsNoTracking().FirstAsync(c => c.AuthorId == authorId && c.SubmissionKey == submissionKey, cancellationToken));
        }
        await Thread(contentType).ChangeCountAsync(db, threadId, ThreadComment.Delta(ThreadCommentStatus.Withdrawn, comment.Status), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(CommentOutcome.Done, comment);
    }

    public async Task<CommentResult> WithdrawAsync(long commentId, Guid authorId, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var comment = await LockedAsync(commentId, cancellationToken);
        if (comment is null || comment.AuthorId != authorId)
        {
            return new(CommentOutcome.NotFound);
        }
        if (!comment.AuthorMayChange)
        {
            return new(CommentOutcome.NotAllowed, comment);
        }
        var before = comment.Status;
        comment.Withdraw();
        await db.SaveChangesAsync(cancellationToken);
        await Thread(comment.ContentType).ChangeCountAsync(db, comment.ThreadId, ThreadComment.Delta(before, comment.Status), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(CommentOutcome.Done, comment);
    }

    /// <summary>Records a report; the report that brings a published comment to the threshold hides it, exactly once.</summary>
    public async Task<CommentResult> ReportAsync(long commentId, Guid reporterId, ReportReason reason, string? details, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var comment = await LockedAsync(commentId, cancellationToken);
        if (comment is null || comment.Status != ThreadCommentStatus.Published)
        {
            return new(CommentOutcome.NotFound);
        }
        var outcome = await reports.AddAsync(ReportType(comment.ContentType), commentId.ToString(CultureInfo.InvariantCulture), reporterId, reason, details, cancellationToken);
        if (!outcome.Added)
        {
            return new(CommentOutcome.AlreadyDone, comment);
        }
        var hide = outcome.ReachedThreshold(reports.HideThreshold);
        if (hide)
        {
            comment.HideAfterReports();
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new(CommentOutcome.AlreadyDone, comment);
        }
        if (hide)
        {
            await Thread(comment.ContentType).ChangeCountAsync(db, comment.ThreadId, -1, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new(CommentOutcome.Done, comment);
    }

    /// <summary>
    /// A moderator approves or rejects a pending or hidden comment. <paramref name="seenStatus"/> is the
    /// status the queue showed: when someone decided since, nothing changes and the answer is a conflict.
    /// </summary>
    public async Task<CommentResult> DecideAsync(long commentId, Guid moderatorId, bool approve, string? reason, ThreadCommentStatus seenStatus, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var comment = await LockedAsync(commentId, cancellationToken);
        if (comment is null)
        {
            return new(CommentOutcome.NotFound);
        }
        if (comment.Status != seenStatus || comment.Status is not (ThreadCommentStatus.Pending or ThreadCommentStatus.Hidden))
        {
            return new(CommentOutcome.Conflict, comment);
        }
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
        audit.Record(approve ? "comment.approve" : "comment.reject", ReportType(comment.ContentType), comment.Id, summary: comment.RejectionReason);
        await db.SaveChangesAsync(cancellationToken);
        await reports.ResolveAsync(ReportType(comment.ContentType), commentId.ToString(CultureInfo.InvariantCulture), cancellationToken);
        await Thread(comment.ContentType).ChangeCountAsync(db, comment.ThreadId, ThreadComment.Delta(before, comment.Status), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(CommentOutcome.Done, comment);
    }

    /// <summary>The item's published comments, oldest first, with the viewer's own unpublished ones.</summary>
    public async Task<IReadOnlyList<ThreadComment>> ForThreadAsync(string contentType, string threadId, Guid? viewerId, CancellationToken cancellationToken = default) =>
        await db.ThreadComments.AsNoTracking()
            .Where(c => c.ContentType == contentType && c.ThreadId == threadId
                && (c.Status == ThreadCommentStatus.Published || (viewerId != null && c.AuthorId == viewerId && c.Status != ThreadCommentStatus.Withdrawn)))
            .OrderBy(c => c.Id)
            .Take(200)
            .ToListAsync(cancellationToken);

    /// <summary>Every module's pending and hidden comments, oldest first, with the items they belong to.</summary>
    public async Task<IReadOnlyList<QueuedComment>> QueueAsync(CancellationToken cancellationToken = default)
    {
        var comments = await db.ThreadComments.AsNoTracking()
            .Where(c => c.Status == ThreadCommentStatus.Pending || c.Status == ThreadCommentStatus.Hidden)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Take(100)
            .ToListAsync(cancellationToken);
        var infos = new Dictionary<(string, string), CommentThreadInfo>();
        foreach (var group in comments.GroupBy(c => c.ContentType))
        {
            if (threads.FirstOrDefault(t => t.ContentType == group.Key) is not { } owner)
            {
                continue;
            }
            foreach (var info in await owner.DescribeAsync(group.Select(c => c.ThreadId).Distinct().ToList(), cancellationToken))
            {
                infos[(group.Key, info.ThreadId)] = info;
            }
        }
        var result = new List<QueuedComment>();
        foreach (var group in comments.GroupBy(c => c.ContentType))
        {
            var open = await reports.OpenReportsAsync(ReportType(group.Key), group.Select(c => c.Id.ToString(CultureInfo.InvariantCulture)).ToList(), cancellationToken);
            result.AddRange(group.Select(c => new QueuedComment(c, infos.GetValueOrDefault((c.ContentType, c.ThreadId)), open[c.Id.ToString(CultureInfo.InvariantCulture)].ToList())));
        }
        return result.OrderBy(q => q.Comment.CreatedAt).ThenBy(q => q.Comment.Id).ToList();
    }

    private async Task<ThreadComment?> LockedAsync(long commentId, CancellationToken cancellationToken)
    {
        if (db.Dialect.LockRow("Comments", commentId) is { } lockRow)
        {
            await db.Database.ExecuteSqlAsync(lockRow, cancellationToken);
        }
        return await db.ThreadComments.SingleOrDefaultAsync(c => c.Id == commentId, cancellationToken);
    }
}
