using System.Globalization;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Comments;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Text;
using EParticipation.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Consultations.Services;

public enum RemainingOutcome
{
    Done,

    /// <summary>The number left changed since the page was shown: someone else decided meanwhile.</summary>
    CountChanged,
}

/// <summary>
/// The agency's review of a closed consultation's comments: the filtered list, a disposition and
/// public response per comment or per group of near-identical comments, the bulk "mark the remaining"
/// action, and regrouping. Callers have checked the reviewer's agency and role and that the
/// consultation is closed; every decision is audited in the same transaction.
/// <para>
/// Only published comments are reviewed: pending and hidden ones wait for a moderator, rejected and
/// withdrawn ones are not part of the public record.
/// </para>
/// </summary>
public sealed class CommentReview(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    private const string EntityType = nameof(Consultation);

    public Task<Consultation?> FindAsync(int id, CancellationToken cancellationToken = default) =>
        db.Consultations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    public async Task<ReviewCounts> CountsAsync(int consultationId, CancellationToken cancellationToken = default)
    {
        var byStatus = await db.ConsultationComments.AsNoTracking()
            .Where(c => c.ConsultationId == consultationId)
            .GroupBy(c => c.Status)
            .Select(g => new { g.Key, Count = g.Count(), Undecided = g.Count(c => c.Disposition == null) })
            .ToListAsync(cancellationToken);
        var groups = await db.ConsultationComments.AsNoTracking()
            .Where(c => c.ConsultationId == consultationId && c.Status == CommentStatus.Published && c.GroupId != null)
            .GroupBy(c => c.GroupId)
            .Select(g => g.Count())
            .ToListAsync(cancellationToken);
        var published = byStatus.FirstOrDefault(s => s.Key == CommentStatus.Published);
        return new ReviewCounts(
            published?.Count ?? 0,
            published?.Undecided ?? 0,
            byStatus.Where(s => s.Key is CommentStatus.Pending or CommentStatus.Hidden).Sum(s => s.Count),
            groups.Count(c => c > 1),
            groups.Where(c => c > 1).Sum());
    }

    public async Task<ReviewPage> PageAsync(Consultation consultation, ConsultationStatus status, ReviewQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(query);
        var counts = await CountsAsync(consultation.Id, cancellationToken);
        var articles = await db.ConsultationArticles.AsNoTracking().Where(a => a.ConsultationId == consultation.Id).OrderBy(a => a.Number).ToListAsync(cancellationToken);
        var page = PagingExtensions.ClampPage(query.Page);
        if (query.IsGroupsView)
        {
            return new ReviewPage(consultation, status, query, counts, articles, null, await GroupsAsync(consultation.Id, page, cancellationToken));
        }
        var rows = await Project(Filter(consultation.Id, query).OrderBy(c => c.Id)).ToPagedAsync(page, ReviewRules.PageSize, cancellationToken);
        var items = await WithGroupSizesAsync(consultation.Id, rows.Items, cancellationToken);
        return new ReviewPage(consultation, status, query, counts, articles, new Paged<ReviewItem>(items, rows.Page, rows.PageSize, rows.Total), null);
    }

    public async Task<ReviewItem?> ItemAsync(int consultationId, long commentId, CancellationToken cancellationToken = default)
    {
        var item = await Project(db.ConsultationComments.AsNoTracking().Where(c => c.Id == commentId && c.ConsultationId == consultationId))
            .SingleOrDefaultAsync(cancellationToken);
        return item is null ? null : (await WithGroupSizesAsync(consultationId, [item], cancellationToken))[0];
    }

    /// <summary>A group with up to <paramref name="memberLimit"/> of its members, earliest first.</summary>
    public async Task<(GroupItem Group, IReadOnlyList<ReviewItem> Members)?> GroupAsync(int consultationId, long groupId, int memberLimit, CancellationToken cancellationToken = default)
    {
        var members = GroupMembers(consultationId, groupId);
        var stats = await members
            .GroupBy(c => c.GroupId)
            .Select(g => new { Count = g.Count(), Undecided = g.Count(c => c.Disposition == null), Dispositions = g.Select(c => c.Disposition).Distinct().Count() })
            .SingleOrDefaultAsync(cancellationToken);
        if (stats is null)
        {
            return null;
        }
        var list = await Project(members.OrderBy(c => c.Id).Take(memberLimit)).ToListAsync(cancellationToken);
        list = list.Select(m => m with { GroupSize = stats.Count }).ToList();
        var first = list.FirstOrDefault();
        var common = stats.Dispositions == 1 && stats.Undecided == 0 ? first?.Disposition : null;
        return (new GroupItem(groupId, stats.Count, stats.Undecided, first, common), list);
    }

    /// <summary>
    /// Saves a comment's disposition and response, unless someone else saved one after the reviewer's
    /// form was shown (<paramref name="seenVersion"/>) or at the same moment: then nothing is changed,
    /// the attempt is audited, and the caller shows what the other person saved beside the reviewer's own
    /// answer, to save again on purpose.
    /// </summary>
    public async Task<DecisionOutcome> DecideAsync(Consultation consultation, long commentId, CommentDisposition disposition, LocalizedText response, Guid reviewerId, int? seenVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        var comment = await db.ConsultationComments.SingleOrDefaultAsync(
            c => c.Id == commentId && c.ConsultationId == consultation.Id && c.Status == CommentStatus.Published, cancellationToken);
        if (comment is null)
        {
            return DecisionOutcome.NotFound;
        }
        if (seenVersion is { } seen && seen != comment.ReviewVersion)
        {
            return await ConflictAsync(consultation, commentId, disposition, cancellationToken);
        }
        comment.SetDisposition(disposition, response, reviewerId, clock.GetUtcNow().UtcDateTime);
        audit.Record("consultation.comment.disposition", "ConsultationComment", comment.Id, consultation.AgencyId,
            $"consultation {consultation.Id}; {disposition}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            // Another reviewer's save won the race, or a moderator took the comment down meanwhile.
            var stillPublished = await db.ConsultationComments.AnyAsync(c => c.Id == commentId && c.Status == CommentStatus.Published, cancellationToken);
            return stillPublished ? await ConflictAsync(consultation, commentId, disposition, cancellationToken) : DecisionOutcome.NotFound;
        }
        return DecisionOutcome.Saved;
    }

    private async Task<DecisionOutcome> ConflictAsync(Consultation consultation, long commentId, CommentDisposition attempted, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        audit.Record("consultation.comment.disposition.conflict", "ConsultationComment", commentId, consultation.AgencyId,
            $"consultation {consultation.Id}; {attempted} not saved: another reviewer had saved a disposition since the form was shown");
        await db.SaveChangesAsync(cancellationToken);
        return DecisionOutcome.Conflict;
    }

    /// <summary>
    /// Answers a whole group once: every published member gets the disposition and the response,
    /// including members a reviewer had answered one by one (the form says how many it changes).
    /// Returns how many comments it set.
    /// </summary>
    public async Task<int> DecideGroupAsync(Consultation consultation, long groupId, CommentDisposition disposition, LocalizedText response, Guid reviewerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(response);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var count = await SetAsync(GroupMembers(consultation.Id, groupId), disposition, response, reviewerId, cancellationToken);
        if (count == 0)
        {
            return 0;
        }
        audit.Record("consultation.group.disposition", EntityType, consultation.Id, consultation.AgencyId,
            $"group {groupId}; {count} comments; {disposition}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>
    /// Gives every published comment still without a disposition the same one (out of scope or not
    /// accepted) and response, provided their number is still the one the reviewer confirmed.
    /// </summary>
    public async Task<(RemainingOutcome Outcome, int Count)> MarkRemainingAsync(Consultation consultation, CommentDisposition disposition, LocalizedText response, int expected, Guid reviewerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(response);
        if (!ReviewRules.BulkDispositions.Contains(disposition))
        {
            throw new ArgumentOutOfRangeException(nameof(disposition), disposition, "Only out of scope or not accepted may be set in bulk.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var remaining = Undecided(consultation.Id);
        var count = await remaining.CountAsync(cancellationToken);
        if (count != expected)
        {
            return (RemainingOutcome.CountChanged, count);
        }
        count = await SetAsync(remaining, disposition, response, reviewerId, cancellationToken);
        audit.Record("consultation.remaining.disposition", EntityType, consultation.Id, consultation.AgencyId,
            $"{count} comments; {disposition}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (RemainingOutcome.Done, count);
    }

    /// <summary>
    /// Groups the consultation's published comments again from scratch. Dispositions are never
    /// copied: a comment that joins an answered group stays without one until a reviewer answers it,
    /// because "near-identical" is a measure and a participant's words deserve a human reading.
    /// </summary>
    public async Task<(int Groups, int Comments)> RegroupAsync(Consultation consultation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        var comments = await db.ConsultationComments.AsNoTracking()
            .Where(c => c.ConsultationId == consultation.Id && c.Status == CommentStatus.Published)
            .OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Body })
            .ToListAsync(cancellationToken);
        var groups = CommentGrouping.Groups(comments.Select(c => (c.Id, c.Body)).ToList(), cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ConsultationComments.Where(c => c.ConsultationId == consultation.Id && c.GroupId != null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.GroupId, (long?)null), cancellationToken);
        foreach (var group in groups)
        {
            var ids = group.MemberIds.ToList();
            var groupId = group.RepresentativeId;
            await db.ConsultationComments.Where(c => c.ConsultationId == consultation.Id && ids.Contains(c.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.GroupId, groupId), cancellationToken);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Consultations.Where(c => c.Id == consultation.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.GroupedAt, now), cancellationToken);
        var grouped = groups.Sum(g => g.Count);
        audit.Record("consultation.comments.grouped", EntityType, consultation.Id, consultation.AgencyId,
            $"{comments.Count} comments; {groups.Count} groups of {grouped} comments");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        consultation.GroupedAt = now;
        return (groups.Count, grouped);
    }

    /// <summary>
    /// The first published comment without a disposition after <paramref name="afterId"/> in the
    /// list's order (wrapping round to the start), and the page of the filtered list it is on.
    /// </summary>
    public async Task<(long Id, int Page)?> NextUndecidedAsync(int consultationId, ReviewQuery query, long afterId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filtered = Filter(consultationId, query);
        var undecided = filtered.Where(c => c.Status == CommentStatus.Published && c.Disposition == null);
        var next = await undecided.Where(c => c.Id > afterId).OrderBy(c => c.Id).Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken)
            ?? await undecided.OrderBy(c => c.Id).Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (next is not { } id)
        {
            return null;
        }
        var before = await filtered.CountAsync(c => c.Id < id, cancellationToken);
        return (id, before / ReviewRules.PageSize + 1);
    }

    /// <summary>The page of the filtered list a comment is on (1 when the filters no longer list it).</summary>
    public async Task<int> PageOfAsync(int consultationId, ReviewQuery query, long commentId, CancellationToken cancellationToken = default)
    {
        var filtered = Filter(consultationId, query);
        return await filtered.AnyAsync(c => c.Id == commentId, cancellationToken)
            ? await filtered.CountAsync(c => c.Id < commentId, cancellationToken) / ReviewRules.PageSize + 1
            : 1;
    }

    /// <summary>The agency's consultations whose comments staff review, newest closing first.</summary>
    public async Task<IReadOnlyList<ReviewListRow>> ListAsync(int agencyId, bool legislation, bool others, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Consultations.AsNoTracking().Where(c => c.AgencyId == agencyId).Where(Consultation.PastAt(now));
        if (!legislation)
        {
            query = query.Where(c => c.Kind != ConsultationKind.Law && c.Kind != ConsultationKind.Regulation);
        }
        if (!others)
        {
            query = query.Where(c => c.Kind == ConsultationKind.Law || c.Kind == ConsultationKind.Regulation);
        }
        var rows = await query
            .OrderByDescending(c => c.ClosesAt).ThenByDescending(c => c.Id)
            .Take(500)
            .Select(c => new
            {
                Consultation = c,
                Undecided = db.ConsultationComments.Count(m => m.ConsultationId == c.Id && m.Status == CommentStatus.Published && m.Disposition == null),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ReviewListRow(r.Consultation.Id, r.Consultation.Title, r.Consultation.Kind, r.Consultation.StatusAt(now), r.Consultation.ClosesAt,
            r.Consultation.CommentCount, r.Undecided, r.Consultation.ReportPublishedAt)).ToList();
    }

    private IQueryable<Comment> Undecided(int consultationId) =>
        db.ConsultationComments.Where(c => c.ConsultationId == consultationId && c.Status == CommentStatus.Published && c.Disposition == null);

    private IQueryable<Comment> GroupMembers(int consultationId, long groupId) =>
        db.ConsultationComments.AsNoTracking().Where(c => c.ConsultationId == consultationId && c.GroupId == groupId && c.Status == CommentStatus.Published);

    private async Task<int> SetAsync(IQueryable<Comment> comments, CommentDisposition disposition, LocalizedText response, Guid reviewerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ar = response.Ar.Trim();
        var en = response.En.Trim();
        return await comments.ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Disposition, disposition)
            .SetProperty(c => c.Response.Ar, ar)
            .SetProperty(c => c.Response.En, en)
            .SetProperty(c => c.DispositionAt, now)
            .SetProperty(c => c.DispositionById, reviewerId)
            .SetProperty(c => c.ReviewVersion, c => c.ReviewVersion + 1), cancellationToken);
    }

    private IQueryable<Comment> Filter(int consultationId, ReviewQuery query)
    {
        var comments = db.ConsultationComments.AsNoTracking().Where(c => c.ConsultationId == consultationId);
        if (query.StatusValue is { } status)
        {
            comments = comments.Where(c => c.Status == status);
        }
        else
        {
            comments = comments.Where(c => c.Status != CommentStatus.Withdrawn);
        }
        if (query.GeneralOnly)
        {
            comments = comments.Where(c => c.ArticleId == null);
        }
        else if (query.ArticleId is { } articleId)
        {
            comments = comments.Where(c => c.ArticleId == articleId);
        }
        if (query.UndecidedOnly)
        {
            comments = comments.Where(c => c.Disposition == null);
        }
        else if (query.DispositionValue is { } disposition)
        {
            comments = comments.Where(c => c.Disposition == disposition);
        }
        if (query.Group == ReviewQuery.Grouped)
        {
            comments = comments.Where(c => c.GroupId != null);
        }
        else if (query.Group == ReviewQuery.Ungrouped)
        {
            comments = comments.Where(c => c.GroupId == null);
        }
        else if (query.GroupValue is { } groupId)
        {
            comments = comments.Where(c => c.GroupId == groupId);
        }
        if (query.TypeValue is { } type)
        {
            comments = comments.Where(c => db.Users.Any(u => u.Id == c.AuthorId && u.AccountType == type));
        }
        var q = ArabicText.Normalize(query.Q);
        if (q.Length > 0)
        {
            comments = comments.Where(c => c.SearchText.Contains(q));
        }
        return comments;
    }

    private IQueryable<ReviewItem> Project(IQueryable<Comment> comments) =>
        comments.Select(c => new ReviewItem(
            c.Id,
            c.ArticleId,
            c.Article == null ? null : c.Article.Number,
            c.DisplayName,
            c.Body,
            c.CreatedAt,
            c.Status,
            c.SupportCount,
            db.Users.Where(u => u.Id == c.AuthorId).Select(u => (Platform.Identity.AccountType?)u.AccountType).FirstOrDefault(),
            c.Disposition,
            c.Response,
            c.GroupId,
            c.ReviewVersion,
            c.DispositionAt,
            db.Users.Where(u => u.Id == c.DispositionById).Select(u => u.FullName).FirstOrDefault()));

    private async Task<Paged<GroupItem>> GroupsAsync(int consultationId, int page, CancellationToken cancellationToken)
    {
        var grouped = db.ConsultationComments.AsNoTracking()
            .Where(c => c.ConsultationId == consultationId && c.Status == CommentStatus.Published && c.GroupId != null)
            .GroupBy(c => c.GroupId!.Value)
            .Select(g => new { GroupId = g.Key, Count = g.Count(), Undecided = g.Count(c => c.Disposition == null), Dispositions = g.Select(c => c.Disposition).Distinct().Count() })
            .Where(g => g.Count > 1);
        var rows = await grouped.OrderByDescending(g => g.Count).ThenBy(g => g.GroupId).ToPagedAsync(page, ReviewRules.PageSize, cancellationToken);
        var ids = rows.Items.Select(r => r.GroupId).ToList();
        var representatives = await Project(db.ConsultationComments.AsNoTracking().Where(c => ids.Contains(c.Id))).ToListAsync(cancellationToken);
        var items = rows.Items.Select(r =>
        {
            var representative = representatives.FirstOrDefault(x => x.Id == r.GroupId) is { } rep ? rep with { GroupSize = r.Count } : null;
            var common = r.Dispositions == 1 && r.Undecided == 0 ? representative?.Disposition : null;
            return new GroupItem(r.GroupId, r.Count, r.Undecided, representative, common);
        }).ToList();
        return new Paged<GroupItem>(items, rows.Page, rows.PageSize, rows.Total);
    }

    private async Task<IReadOnlyList<ReviewItem>> WithGroupSizesAsync(int consultationId, IReadOnlyList<ReviewItem> items, CancellationToken cancellationToken)
    {
        var groupIds = items.Where(i => i.GroupId is not null).Select(i => i.GroupId!.Value).Distinct().ToList();
        if (groupIds.Count == 0)
        {
            return items;
        }
        var sizes = await db.ConsultationComments.AsNoTracking()
            .Where(c => c.ConsultationId == consultationId && c.Status == CommentStatus.Published && c.GroupId != null && groupIds.Contains(c.GroupId.Value))
            .GroupBy(c => c.GroupId!.Value)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return items.Select(i => i.GroupId is { } g && sizes.TryGetValue(g, out var size) ? i with { GroupSize = size } : i).ToList();
    }

    /// <summary>The group filter's value for a group id (for links from a comment to its group).</summary>
    public static string GroupCode(long groupId) => groupId.ToString(CultureInfo.InvariantCulture);
}
