using System.Globalization;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Comments;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Moderation;
using EParticipation.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Consultations.Services;

public enum ModerationList
{
    /// <summary>Pre-moderated comments nobody sees until approved.</summary>
    Pending,

    /// <summary>
    /// Every comment with an open report, from the first one: still published, or hidden after
    /// reports by several participants.
    /// </summary>
    Reported,

    /// <summary>Post-moderated comments already public and not yet reviewed.</summary>
    Published,
}

public sealed record QueueItem(
    long Id,
    int ConsultationId,
    LocalizedText ConsultationTitle,
    int AgencyId,
    LocalizedText AgencyName,
    int? ArticleNumber,
    string DisplayName,
    string Body,
    CommentStatus Status,
    DateTime CreatedAt,
    DateTime? EditedAt,
    IReadOnlyList<OpenReport> Reports);

public sealed record QueuePage(ModerationList Queue, Paged<QueueItem> Items, IReadOnlyDictionary<ModerationList, int> Counts);

/// <summary>
/// The moderators' queue and decisions. Moderators are platform staff: they moderate every agency's
/// consultations. Each decision changes the counters, resolves the comment's reports, emails the
/// author and writes the audit entry, all in one transaction.
/// </summary>
public sealed class CommentModeration(AppDbContext db, CommentWorkflow workflow, ConsultationEmails emails, AuditLog audit)
{
    /// <summary>The name comments go by in the platform's content reports.</summary>
    public const string ContentType = "consultation-comment";

    /// <summary>
    /// The oldest comments of one list of the platform's one queue (<see cref="ConsultationCommentSource"/>),
    /// of the agency's consultations only when <paramref name="agencyId"/> is given, and how many in all.
    /// </summary>
    public async Task<(IReadOnlyList<CommentQueueRow> Rows, int Total)> RowsAsync(CommentQueueKind kind, int? agencyId, int take, CancellationToken cancellationToken = default)
    {
        var reported = kind == CommentQueueKind.Reported ? await workflow.ReportedIdsAsync(ContentType, cancellationToken) : [];
        var inQueue = InQueue(kind == CommentQueueKind.Reported ? ModerationList.Reported : ModerationList.Pending, reported, agencyId);
        var total = await inQueue.CountAsync(cancellationToken);
        if (take <= 0 || total == 0)
        {
            return ([], total);
        }
        var rows = await inQueue.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Take(take)
            .Select(c => new
            {
                c.Id,
                c.ConsultationId,
                Title = c.Consultation!.Title,
                c.Consultation.AgencyId,
                AgencyName = c.Consultation.Agency!.Name,
                c.DisplayName,
                c.Body,
                c.Status,
                c.CreatedAt,
            })
            .ToListAsync(cancellationToken);
        var open = await workflow.OpenReportsAsync(ContentType, rows.Select(r => r.Id), cancellationToken);
        return (rows.Select(r => new CommentQueueRow(ConsultationCommentSource.SourceKey, "Consultation", r.Id, r.Title,
            ConsultationsModule.Path + "/" + r.ConsultationId.ToString(CultureInfo.InvariantCulture), r.AgencyId, r.AgencyName,
            r.DisplayName, r.Body, r.Status, r.CreatedAt, open(r.Id))).ToList(), total);
    }

    /// <summary>The agency of a comment's consultation, or null when there is no such comment.</summary>
    public Task<int?> AgencyOfAsync(long id, CancellationToken cancellationToken = default) =>
        db.ConsultationComments.Where(c => c.Id == id).Select(c => (int?)c.Consultation!.AgencyId).SingleOrDefaultAsync(cancellationToken);

    /// <summary>One list of the queue, a page of it, and the count of each list; of the agency's consultations only when <paramref name="agencyId"/> is given.</summary>
    public async Task<QueuePage> QueueAsync(ModerationList queue, int page, int? agencyId = null, CancellationToken cancellationToken = default)
    {
        var reported = await workflow.ReportedIdsAsync(ContentType, cancellationToken);
        var byStatus = await db.ConsultationComments.AsNoTracking()
            .Where(c => c.ModeratedAt == null && c.Consultation!.ReportPublishedAt == null
                && (agencyId == null || c.Consultation.AgencyId == agencyId)
                && (c.Status == CommentStatus.Pending || c.Status == CommentStatus.Published))
            .GroupBy(c => c.Status)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var counts = new Dictionary<ModerationList, int>
        {
            [ModerationList.Pending] = byStatus.GetValueOrDefault(CommentStatus.Pending),
            [ModerationList.Reported] = await InQueue(ModerationList.Reported, reported, agencyId).CountAsync(cancellationToken),
            [ModerationList.Published] = byStatus.GetValueOrDefault(CommentStatus.Published),
        };
        var rows = await InQueue(queue, reported, agencyId)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new
            {
                c.Id,
                c.ConsultationId,
                Title = c.Consultation!.Title,
                c.Consultation.AgencyId,
                AgencyName = c.Consultation.Agency!.Name,
                ArticleNumber = c.Article == null ? (int?)null : c.Article.Number,
                c.DisplayName,
                c.Body,
                c.Status,
                c.CreatedAt,
                c.EditedAt,
            })
            .ToPagedAsync(page, 20, cancellationToken);
        var open = await workflow.OpenReportsAsync(ContentType, rows.Items.Select(r => r.Id), cancellationToken);
        var items = rows.Items.Select(r => new QueueItem(r.Id, r.ConsultationId, r.Title, r.AgencyId, r.AgencyName, r.ArticleNumber, r.DisplayName, r.Body, r.Status, r.CreatedAt, r.EditedAt,
            open(r.Id))).ToList();
        return new QueuePage(queue, new Paged<QueueItem>(items, rows.Page, rows.PageSize, rows.Total), counts);
    }

    /// <summary>
    /// A comment a moderator may decide on: unmoderated and pending or published, hidden after
    /// reports, or published with an open report (even one a moderator approved before).
    /// </summary>
    public async Task<Comment?> FindInQueueAsync(long id, CancellationToken cancellationToken = default)
    {
        var comment = await db.ConsultationComments.Include(c => c.Consultation).Include(c => c.Article)
            .SingleOrDefaultAsync(c => c.Id == id && c.Consultation!.ReportPublishedAt == null
                && (c.Status == CommentStatus.Pending || c.Status == CommentStatus.Hidden || c.Status == CommentStatus.Published), cancellationToken);
        if (comment is null || comment.ModeratedAt is null)
        {
            return comment;
        }
        var key = id.ToString(CultureInfo.InvariantCulture);
        var reportedNow = comment.Status == CommentStatus.Published
            && await db.ContentReports.AnyAsync(r => r.ContentType == ContentType && r.ResolvedAt == null && r.ContentId == key, cancellationToken);
        return reportedNow ? comment : null;
    }

    /// <summary>Approves a comment in a queue; <paramref name="overrideDecision"/> replaces another moderator's decision on purpose.</summary>
    public Task<ModerationOutcome> ApproveAsync(long id, Guid moderatorId, bool overrideDecision = false, CancellationToken cancellationToken = default) =>
        DecideAsync(id, approve: true, moderatorId, null, "consultation.comment.approved", overrideDecision, cancellationToken);

    public Task<ModerationOutcome> RejectAsync(long id, Guid moderatorId, string reason, bool overrideDecision = false, CancellationToken cancellationToken = default) =>
        DecideAsync(id, approve: false, moderatorId, reason, "consultation.comment.rejected", overrideDecision, cancellationToken);

    /// <summary>A comment another moderator has decided, with that moderator's name (null when none).</summary>
    public async Task<(Comment Comment, string? DecidedBy)?> DecidedAsync(long id, CancellationToken cancellationToken = default)
    {
        var comment = await Decided(id).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (comment is null)
        {
            return null;
        }
        var by = await db.Users.Where(u => u.Id == comment.ModeratedById).Select(u => u.FullName).FirstOrDefaultAsync(cancellationToken);
        return (comment, by);
    }

    // Decided by a moderator, and still open to a change of that decision (its report is not out).
    private IQueryable<Comment> Decided(long id) =>
        db.ConsultationComments.Include(c => c.Consultation).Include(c => c.Article)
            .Where(c => c.Id == id && c.ModeratedAt != null && c.Consultation!.ReportPublishedAt == null
                && (c.Status == CommentStatus.Published || c.Status == CommentStatus.Rejected));

    private async Task<ModerationOutcome> DecideAsync(long id, bool approve, Guid moderatorId, string? reason, string action, bool overrideDecision, CancellationToken cancellationToken)
    {
        var wanted = approve ? CommentStatus.Published : CommentStatus.Rejected;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await CommentLock.TakeAsync<Comment>(db, id, cancellationToken);
        var comment = await FindInQueueAsync(id, cancellationToken);
        if (comment is null)
        {
            // Not in a queue: another moderator decided it first (the lock makes them wait for each other).
            var decided = await Decided(id).SingleOrDefaultAsync(cancellationToken);
            if (decided is null)
            {
                return ModerationOutcome.NotFound;
            }
            if (decided.Status == wanted)
            {
                return ModerationOutcome.AlreadyTheSame;
            }
            if (!overrideDecision)
            {
                audit.Record(action + ".conflict", "ConsultationComment", decided.Id, decided.Consultation!.AgencyId,
                    $"consultation {decided.ConsultationId}; not applied: another moderator had made it {decided.Status}");
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return ModerationOutcome.AlreadyDecided;
            }
            comment = decided;
        }
        var before = comment.Status;
        var delta = workflow.Decide(comment, approve, moderatorId, reason);
        var consultation = comment.Consultation!;
        var author = await db.Users.SingleOrDefaultAsync(u => u.Id == comment.AuthorId, cancellationToken);
        if (author is not null)
        {
            emails.ModerationDecision(author, consultation, comment);
        }
        audit.Record(action, "ConsultationComment", comment.Id, consultation.AgencyId,
            $"consultation {consultation.Id}; {before} -> {comment.Status}" + (comment.RejectionReason is { } r ? "; " + r : ""));
        await db.SaveChangesAsync(cancellationToken);
        await CommentCounters.ChangeAsync(db, consultation.Id, comment.ArticleId, delta, cancellationToken);
        await workflow.ResolveReportsAsync(ContentType, comment.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ModerationOutcome.Done;
    }

    // Once the summary report is out, the comments it counted are frozen with it: an archived
    // consultation's comments leave the queue (publication waits until none is pending or hidden).
    private IQueryable<Comment> InQueue(ModerationList queue, List<long> reported, int? agencyId)
    {
        var comments = db.ConsultationComments.AsNoTracking().Where(c => c.Consultation!.ReportPublishedAt == null);
        if (agencyId is { } agency)
        {
            comments = comments.Where(c => c.Consultation!.AgencyId == agency);
        }
        return queue switch
        {
            ModerationList.Reported => comments.Where(c => (c.Status == CommentStatus.Hidden && c.ModeratedAt == null)
                || (c.Status == CommentStatus.Published && reported.Contains(c.Id))),
            ModerationList.Published => comments.Where(c => c.Status == CommentStatus.Published && c.ModeratedAt == null),
            _ => comments.Where(c => c.Status == CommentStatus.Pending && c.ModeratedAt == null),
        };
    }
}
