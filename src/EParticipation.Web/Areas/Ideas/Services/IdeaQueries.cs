using System.Globalization;
using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Areas.Ideas.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Comments;
using EParticipation.Web.Platform.Notifications;
using EParticipation.Web.Platform.Text;
using EParticipation.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Ideas.Services;

/// <summary>What the public pages read: challenges, the ideas list with its filters, an idea's page, similar ideas, ideas that became reality.</summary>
public sealed class IdeaQueries(AppDbContext db, CommentService comments, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static IQueryable<IdeaCard> Cards(IQueryable<Idea> ideas) =>
        ideas.Select(i => new IdeaCard(i.Id, i.Title, i.Agency!.Name, i.Challenge == null ? null : i.Challenge.Title, i.Status, i.SupportCount, i.CommentCount, i.CreatedAt));

    public async Task<ChallengeListPage> ChallengesAsync(ChallengeStatus? filter, CancellationToken cancellationToken)
    {
        var all = await db.Challenges.AsNoTracking().Include(c => c.Agency).Include(c => c.Sector)
            .OrderByDescending(c => c.OpensAt).Take(200).ToListAsync(cancellationToken);
        var now = Now;
        var cards = all.Select(c => new ChallengeCard(c, c.StatusAt(now)))
            .Where(c => filter is null || c.Status == filter)
            .OrderBy(c => c.Status).ThenBy(c => c.Challenge.ClosesAt)
            .ToList();
        return new ChallengeListPage(cards, filter);
    }

    public Task<Challenge?> ChallengeAsync(int id, CancellationToken cancellationToken) =>
        db.Challenges.AsNoTracking().Include(c => c.Agency).Include(c => c.Sector).Include(c => c.TargetGroups).ThenInclude(t => t.TargetGroup)
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    public async Task<ChallengePage?> ChallengePageAsync(int id, CancellationToken cancellationToken)
    {
        var challenge = await ChallengeAsync(id, cancellationToken);
        if (challenge is null)
        {
            return null;
        }
        var ideas = await Cards(db.Ideas.AsNoTracking().Where(i => i.ChallengeId == id && i.Visibility == IdeaVisibility.Published)
            .OrderByDescending(i => i.SupportCount).ThenByDescending(i => i.Id)).Take(10).ToListAsync(cancellationToken);
        return new ChallengePage(challenge, challenge.StatusAt(Now), ideas);
    }

    public async Task<IdeaListPage> ListAsync(IdeaListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var ideas = db.Ideas.AsNoTracking().Where(i => i.Visibility == IdeaVisibility.Published);
        if (query.Challenge is { } challenge)
        {
            ideas = ideas.Where(i => i.ChallengeId == challenge);
        }
        if (!string.IsNullOrEmpty(query.Agency))
        {
            ideas = ideas.Where(i => i.Agency!.Code == query.Agency);
        }
        if (!string.IsNullOrEmpty(query.Sector))
        {
            ideas = ideas.Where(i => i.Sector!.Code == query.Sector);
        }
        if (query.Status is { } status)
        {
            ideas = ideas.Where(i => i.Status == status);
        }
        if (ArabicText.Normalize(query.Q) is { Length: > 0 } q)
        {
            ideas = ideas.Where(i => i.SearchText.Contains(q));
        }
        ideas = query.BySupport
            ? ideas.OrderByDescending(i => i.SupportCount).ThenByDescending(i => i.Id)
            : ideas.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id);
        var results = await Cards(ideas).ToPagedAsync(PagingExtensions.ClampPage(query.Page), IdeaRules.PageSize, cancellationToken);
        return new IdeaListPage(query, results,
            await db.Agencies.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.Code).ToListAsync(cancellationToken),
            await db.Sectors.AsNoTracking().OrderBy(s => s.SortOrder).ToListAsync(cancellationToken),
            await db.Challenges.AsNoTracking().OrderByDescending(c => c.OpensAt).Take(50).ToListAsync(cancellationToken));
    }

    /// <summary>The words of a title that carry meaning once normalised (short words and digits alone do not).</summary>
    public static IReadOnlyList<string> Words(string? title) =>
        ArabicText.Normalize(title).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.StartsWith("ال", StringComparison.Ordinal) && w.Length > 4 ? w[2..] : w)
            .Where(w => w.Length >= 3)
            .Distinct()
            .Take(8)
            .ToList();

    /// <summary>
    /// Published ideas whose normalised titles share words with <paramref name="title"/>, best overlap
    /// first: shown while a participant types a title, so they support an existing idea instead of
    /// repeating it. Duplicates already marked point to their original and are left out.
    /// </summary>
    public async Task<IReadOnlyList<SimilarIdea>> SimilarAsync(string? title, int? agencyId, CancellationToken cancellationToken)
    {
        var words = Words(title);
        if (words.Count == 0)
        {
            return [];
        }
        var candidates = db.Ideas.AsNoTracking().Where(i => i.Visibility == IdeaVisibility.Published && i.Status != IdeaStatus.Duplicate);
        if (agencyId is { } agency)
        {
            candidates = candidates.Where(i => i.AgencyId == agency);
        }
        // One LIKE per word, OR-ed: any shared word makes an idea a candidate.
        var found = await candidates.Where(AnyWord(words)).OrderByDescending(i => i.SupportCount).Take(50)
            .Select(i => new { i.Id, i.Title, i.TitleKey, i.Status, i.SupportCount })
            .ToListAsync(cancellationToken);
        return found
            .Select(i => (Idea: i, Score: Overlap(words, Words(i.TitleKey))))
            .Where(x => x.Score >= 0.25)
            .OrderByDescending(x => x.Score).ThenByDescending(x => x.Idea.SupportCount)
            .Take(5)
            .Select(x => new SimilarIdea(x.Idea.Id, x.Idea.Title, x.Idea.Status, x.Idea.SupportCount))
            .ToList();
    }

    private static System.Linq.Expressions.Expression<Func<Idea, bool>> AnyWord(IReadOnlyList<string> words)
    {
        var idea = System.Linq.Expressions.Expression.Parameter(typeof(Idea), "i");
        var key = System.Linq.Expressions.Expression.Property(idea, nameof(Idea.TitleKey));
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        var body = words
            .Select(w => (System.Linq.Expressions.Expression)System.Linq.Expressions.Expression.Call(key, contains, System.Linq.Expressions.Expression.Constant(w)))
            .Aggregate(System.Linq.Expressions.Expression.OrElse);
        return System.Linq.Expressions.Expression.Lambda<Func<Idea, bool>>(body, idea);
    }

    private static double Overlap(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        var shared = a.Count(w => b.Any(x => x.Contains(w, StringComparison.Ordinal) || w.Contains(x, StringComparison.Ordinal)));
        return shared / (double)Math.Max(a.Count, b.Count);
    }

    public Task<Idea?> IdeaAsync(int id, CancellationToken cancellationToken) =>
        db.Ideas.AsNoTracking().Include(i => i.Agency).Include(i => i.Challenge).Include(i => i.Sector)
            .Include(i => i.Events.OrderBy(e => e.At).ThenBy(e => e.Id)).Include(i => i.Attachments)
            .AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == id, cancellationToken);

    public async Task<IdeaPage?> PageAsync(int id, Guid? viewer, CancellationToken cancellationToken)
    {
        var idea = await IdeaAsync(id, cancellationToken);
        if (idea is null || (!idea.IsPublic && idea.AuthorId != viewer))
        {
            return null;
        }
        Idea? original = null;
        if (idea.DuplicateOfId is { } originalId)
        {
            original = await db.Ideas.AsNoTracking().SingleOrDefaultAsync(i => i.Id == originalId && i.Visibility == IdeaVisibility.Published, cancellationToken);
        }
        var duplicates = await Cards(db.Ideas.AsNoTracking().Where(i => i.DuplicateOfId == id && i.Status == IdeaStatus.Duplicate && i.Visibility == IdeaVisibility.Published).OrderBy(i => i.Id)).ToListAsync(cancellationToken);
        var combined = idea.SupportCount;
        if (duplicates.Count > 0)
        {
            // Each account once, whether it supported the original, a duplicate, or both.
            var ids = duplicates.Select(d => d.Id).Append(id).ToList();
            combined = await db.IdeaSupports.Where(s => ids.Contains(s.IdeaId)).Select(s => s.UserId).Distinct().CountAsync(cancellationToken);
        }
        var supporting = viewer is { } v && await db.IdeaSupports.AnyAsync(s => s.IdeaId == id && s.UserId == v, cancellationToken);
        var key = id.ToString(CultureInfo.InvariantCulture);
        var following = viewer is { } f && await db.Follows.AnyAsync(x => x.UserId == f && x.Kind == FollowKinds.Idea && x.TargetId == key, cancellationToken);
        var list = await comments.ForThreadAsync(IdeaCommentThread.Type, key, viewer, cancellationToken);
        return new IdeaPage(idea, original, duplicates, combined, supporting, following, viewer is not null && idea.IsPublic, list, new IdeaCommentInput { SubmissionKey = Guid.NewGuid() });
    }

    public async Task<RealityPage?> RealityAsync(string agencyCode, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Code == agencyCode, cancellationToken);
        if (agency is null)
        {
            return null;
        }
        var ideas = await Cards(db.Ideas.AsNoTracking()
            .Where(i => i.AgencyId == agency.Id && i.Visibility == IdeaVisibility.Published && (i.Status == IdeaStatus.Accepted || i.Status == IdeaStatus.Implemented))
            .OrderByDescending(i => i.StatusChangedAt)).Take(200).ToListAsync(cancellationToken);
        return new RealityPage(agency, ideas);
    }
}
