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
public sealed class CommentService(AppDbContext db, IEnumerable<ICommentThread> threads, CommentWorkflow workflow, AuditLog audit, TimeProvider clock)
{
    public static string ReportType(string contentType) => CommentWorkflow.ReportType(contentType);

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
            Status = ModeratedComment.InitialStatus(info.Moderation),
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
        await Thread(contentType).ChangeCountAsync(db, threadId, ModeratedComment.Delta(CommentStatus.Withdrawn, comment.Status), cancellationToken);
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
        await Thread(comment.ContentType).ChangeCountAsync(db, comment.ThreadId, ModeratedComment.Delta(before, comment.Status), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(CommentOutcome.Done, comment);
    }

    /// <summary>Records a report; the report that brings a published comment to the threshold hides it, exactly once.</summary>
    public async Task<CommentResult> ReportAsync(long commentId, Guid reporterId, ReportReason reason, string? details, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var comment = await LockedAsync(commentId, cancellationToken);
        if (comment is null || comment.Status != CommentStatus.Published)
        {
            return new(CommentOutcome.NotFound);
        }
        var step = await workflow.ReportAsync(comment, ReportType(comment.ContentType), reporterId, reason, details, cancellationToken);
        if (!step.Added)
        {
            return new(CommentOutcome.AlreadyDone, comment);
        }
        await Thread(comment.ContentType).ChangeCountAsync(db, comment.ThreadId, step.CounterDelta, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(CommentOutcome.Done, comment);
    }

    /// <summary>
    /// A moderator approves or rejects a comment in the queue: pending, hidden after reports, or published
    /// with an open report. <paramref name="seenStatus"/> is the status the queue showed: when someone
    /// decided since, nothing changes and the answer is a conflict (or "already done" when they decided
    /// the same). With <paramref name="agencyId"/>, a comment on another agency's item is not found.
    /// </summary>
    public async Task<CommentResult> DecideAsync(long commentId, Guid moderatorId, bool approve, string? reason, CommentStatus? seenStatus, int? agencyId = null, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var comment = await LockedAsync(commentId, cancellationToken);
        if (comment is null || threads.All(t => t.ContentType != comment.ContentType))
        {
            return new(CommentOutcome.NotFound);
        }
        var info = await DescribeAsync(comment.ContentType, comment.ThreadId, cancellationToken);
        if (agencyId is not null && info?.AgencyId != agencyId)
        {
            return new(CommentOutcome.NotFound);
        }
        var reported = comment.Status == CommentStatus.Published
            && await workflow.HasOpenReportAsync(ReportType(comment.ContentType), comment.Id, cancellationToken);
        if (!comment.AwaitsModerator && !reported)
        {
            var same = comment.Status == (approve ? CommentStatus.Published : CommentStatus.Rejected) && comment.ModeratedAt is not null;
            return new(same ? CommentOutcome.AlreadyDone : CommentOutcome.Conflict, comment);
        }
        if (seenStatus is { } seen && comment.Status != seen)
        {
            return new(CommentOutcome.Conflict, comment);
        }
        var delta = workflow.Decide(comment, approve, moderatorId, reason);
        audit.Record(approve ? "comment.approve" : "comment.reject", ReportType(comment.ContentType), comment.Id, info?.AgencyId, summary: comment.RejectionReason);
        await db.SaveChangesAsync(cancellationToken);
        await workflow.ResolveReportsAsync(ReportType(comment.ContentType), commentId, cancellationToken);
        await Thread(comment.ContentType).ChangeCountAsync(db, comment.ThreadId, delta, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(CommentOutcome.Done, comment);
    }

    /// <summary>The item's published comments, oldest first, with the viewer's own unpublished ones.</summary>
    public async Task<IReadOnlyList<ThreadComment>> ForThreadAsync(string contentType, string threadId, Guid? viewerId, CancellationToken cancellationToken = default) =>
        await db.ThreadComments.AsNoTracking()
            .Where(c => c.ContentType == contentType && c.ThreadId == threadId
                && (c.Status == CommentStatus.Published || (viewerId != null && c.AuthorId == viewerId && c.Status != CommentStatus.Withdrawn)))
            .OrderBy(c => c.Id)
            .Take(200)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The comments of one list of the moderators' queue, oldest first, of the agency's items only when
    /// <paramref name="agencyId"/> is given; read by <see cref="ThreadCommentSource"/> for the one queue.
    /// </summary>
    public async Task<(IReadOnlyList<CommentQueueRow> Rows, int Total)> QueueAsync(CommentQueueKind kind, int? agencyId, int take, CancellationToken cancellationToken = default)
    {
        var known = threads.Select(t => t.ContentType).ToList();
        var inQueue = db.ThreadComments.AsNoTracking().Where(c => known.Contains(c.ContentType));
        if (kind == CommentQueueKind.Pending)
        {
            inQueue = inQueue.Where(c => c.Status == CommentStatus.Pending && c.ModeratedAt == null);
        }
        else
        {
            var reported = new List<long>();
            foreach (var type in known)
            {
                reported.AddRange(await workflow.ReportedIdsAsync(ReportType(type), cancellationToken));
            }
            inQueue = inQueue.Where(c => (c.Status == CommentStatus.Hidden && c.ModeratedAt == null) || (c.Status == CommentStatus.Published && reported.Contains(c.Id)));
        }
        if (agencyId is { } agency)
        {
            // Agencies are known to the owning modules, not to this table: each says which of its
            // items are the agency's, as a subquery, so the oldest of the agency's comments come first
            // however many other agencies' are waiting.
            IQueryable<ThreadComment>? ofAgency = null;
            foreach (var thread in threads)
            {
                var type = thread.ContentType;
                var ids = thread.ThreadIdsOfAgency(db, agency);
                var these = inQueue.Where(c => c.ContentType == type && ids.Contains(c.ThreadId));
                ofAgency = ofAgency is null ? these : ofAgency.Concat(these);
            }
            inQueue = ofAgency ?? inQueue.Where(c => false);
        }
        var comments = await inQueue.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Take(take).ToListAsync(cancellationToken);
        var infos = new Dictionary<(string, string), CommentThreadInfo>();
        foreach (var group in comments.GroupBy(c => c.ContentType))
        {
            foreach (var info in await Thread(group.Key).DescribeAsync(group.Select(c => c.ThreadId).Distinct().ToList(), cancellationToken))
            {
                infos[(group.Key, info.ThreadId)] = info;
            }
        }
        var shown = comments.Where(c => infos.ContainsKey((c.ContentType, c.ThreadId)) && (agencyId is null || infos[(c.ContentType, c.ThreadId)].AgencyId == agencyId)).ToList();
        var total = await inQueue.CountAsync(cancellationToken);
        var rows = new List<CommentQueueRow>();
        foreach (var group in shown.Take(take).GroupBy(c => c.ContentType))
        {
            var open = await workflow.OpenReportsAsync(ReportType(group.Key), group.Select(c => c.Id), cancellationToken);
            rows.AddRange(group.Select(c =>
            {
                var info = infos[(c.ContentType, c.ThreadId)];
                return new CommentQueueRow(ThreadCommentSource.SourceKey, Thread(c.ContentType).Origin, c.Id, info.Title, info.Path, info.AgencyId, info.AgencyName, c.DisplayName, c.Body, c.Status, c.CreatedAt, open(c.Id));
            }));
        }
        return (rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToList(), total);
    }

    private async Task<ThreadComment?> LockedAsync(long commentId, CancellationToken cancellationToken)
    {
        await CommentLock.TakeAsync<ThreadComment>(db, commentId, cancellationToken);
        return await db.ThreadComments.SingleOrDefaultAsync(c => c.Id == commentId, cancellationToken);
    }
}
