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
public sealed class IdeaQueries(AppDbContext db, CommentService comments, IdeaListCache listCache, TimeProvider clock)
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

    /// <summary>
    /// The public list: one page of cards, always read (sorted by support it is served by the
    /// (Visibility, SupportCount, Id) index, newest by (Visibility, CreatedAt)); the number of matches
    /// and the filters' lists come from <see cref="IdeaListCache"/>.
    /// </summary>
    public async Task<IdeaListPage> ListAsync(IdeaListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var q = ArabicText.Normalize(query.Q);
        var countKey = string.Join('\u001f', "count", query.Challenge?.ToString(CultureInfo.InvariantCulture), query.Agency, query.Sector, query.Status?.ToString(), q);
        var total = await listCache.GetAsync(countKey, d => Filtered(d, query, q).CountAsync(), cancellationToken);
        var pageCount = Math.Max(1, (int)Math.Ceiling(total / (double)IdeaRules.PageSize));
        var page = Math.Clamp(PagingExtensions.ClampPage(query.Page), 1, pageCount);
        var ideas = Filtered(db, query, q);
        ideas = query.BySupport
            ? ideas.OrderByDescending(i => i.SupportCount).ThenByDescending(i => i.Id)
            : ideas.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id);
        var items = await Cards(ideas).Skip((page - 1) * IdeaRules.PageSize).Take(IdeaRules.PageSize).ToListAsync(cancellationToken);
        var filters = await listCache.GetAsync("filters", async d => new ListFilters(
            await d.Agencies.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.Code).ToListAsync(),
            await d.Sectors.AsNoTracking().OrderBy(s => s.SortOrder).ToListAsync(),
            await d.Challenges.AsNoTracking().OrderByDescending(c => c.OpensAt).Take(50).ToListAsync()), cancellationToken);
        return new IdeaListPage(query, new Paged<IdeaCard>(items, page, IdeaRules.PageSize, total), filters.Agencies, filters.Sectors, filters.Challenges);
    }

    private sealed record ListFilters(IReadOnlyList<Platform.Agencies.Agency> Agencies, IReadOnlyList<Platform.Taxonomy.Sector> Sectors, IReadOnlyList<Challenge> Challenges);

    private static IQueryable<Idea> Filtered(AppDbContext db, IdeaListQuery query, string q)
    {
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
        if (q.Length > 0)
        {
            ideas = ideas.Where(i => i.SearchText.Contains(q));
        }
        return ideas;
    }

    /// <summary>How many ideas the index proposes for scoring (of those sharing the most words, the shortest titles first: the order the score mostly follows, so the five shown are among them).</summary>
    private const int Candidates = 50;

    private const int Shown = 5;

    /// <summary>The words of a title that carry meaning once normalised (short words and digits alone do not).</summary>
    public static IReadOnlyList<string> Words(string? title) => IdeaTitleWords.Of(title);

    /// <summary>
    /// Published ideas whose normalised titles share words with <paramref name="title"/>, most similar
    /// first (the share of words in common; ties: the most supported): shown while a participant types a
    /// title, so they support an existing idea instead of repeating it. Duplicates already marked point
    /// to their original and are left out. Word order does not matter, and the last word counts by its
    /// beginning (it may be the word being typed).
    /// <para>
    /// Read from the title index (<see cref="IdeaWordTriple"/>, <see cref="IdeaWordPair"/>,
    /// <see cref="IdeaWord"/>), never by scanning titles: first the ideas sharing three or more of the
    /// words (threes of whole words), only when fewer than five do, those sharing two (pairs), and only
    /// when fewer than five do, the ideas sharing any (each word by its beginning, so the word being typed
    /// counts). Each step reads fewer index entries than the next: a pair is in hundreds of titles on a
    /// busy portal where a three is in dozens. The <see cref="Candidates"/> sharing the most (of as many, the shortest titles, then the
    /// newest) are then scored, the word being typed by its beginning there too.
    /// </para>
    /// </summary>
    public async Task<IReadOnlyList<SimilarIdea>> SimilarAsync(string? title, int? agencyId, CancellationToken cancellationToken)
    {
        var words = Words(title);
        if (words.Count == 0)
        {
            return [];
        }
        var found = new List<Candidate>();
        if (words.Count >= 3)
        {
            var triples = IdeaTitleWords.Triples(words).ToList();
            found = await CandidatesAsync(db.IdeaWordTriples.Where(t => triples.Contains(t.Triple))
                .Select(t => new TitleIndexEntry { IdeaId = t.IdeaId, AgencyId = t.AgencyId, WordCount = t.WordCount }), agencyId, cancellationToken);
        }
        if (words.Count >= 2 && found.Count < Shown)
        {
            var pairs = IdeaTitleWords.Pairs(words).ToList();
            found = Union(found, await CandidatesAsync(db.IdeaWordPairs.Where(p => pairs.Contains(p.Pair))
                .Select(p => new TitleIndexEntry { IdeaId = p.IdeaId, AgencyId = p.AgencyId, WordCount = p.WordCount }), agencyId, cancellationToken));
        }
        if (found.Count < Shown)
        {
            found = Union(found, await CandidatesAsync(db.IdeaWords.Where(AnyWord(words))
                .Select(w => new TitleIndexEntry { IdeaId = w.IdeaId, AgencyId = w.AgencyId, WordCount = w.WordCount }), agencyId, cancellationToken));
        }
        return found
            .Select(i => (Idea: i, Score: Overlap(words, Words(i.TitleKey))))
            .Where(x => x.Score >= 0.25)
            .OrderByDescending(x => x.Score).ThenByDescending(x => x.Idea.SupportCount).ThenByDescending(x => x.Idea.Id)
            .Take(Shown)
            .Select(x => new SimilarIdea(x.Idea.Id, x.Idea.Title, x.Idea.Status, x.Idea.SupportCount))
            .ToList();
    }

    private static List<Candidate> Union(List<Candidate> found, List<Candidate> more) =>
        [.. found, .. more.Where(m => !found.Exists(f => f.Id == m.Id))];

    /// <summary>A published idea proposed for scoring.</summary>
    private sealed record Candidate(int Id, string Title, string TitleKey, IdeaStatus Status, int SupportCount);

    /// <summary>One entry of the title index (a word, a pair or three words of a title) as <see cref="CandidatesAsync"/> counts them.</summary>
    private sealed class TitleIndexEntry
    {
        public int IdeaId { get; init; }

        public int AgencyId { get; init; }

        public int WordCount { get; init; }
    }

    /// <summary>
    /// The published ideas (not marked duplicates) among the <see cref="Candidates"/> with the most
    /// matching index entries (of as many, the shortest titles, then the newest), within an agency or not:
    /// one statement, the grouped read of the index as a subquery of the ideas' read.
    /// </summary>
    private Task<List<Candidate>> CandidatesAsync(IQueryable<TitleIndexEntry> matching, int? agencyId, CancellationToken cancellationToken)
    {
        if (agencyId is { } agency)
        {
            matching = matching.Where(e => e.AgencyId == agency);
        }
        var ranked = matching.GroupBy(e => e.IdeaId)
            .Select(g => new { IdeaId = g.Key, Hits = g.Count(), Size = g.Max(e => e.WordCount) })
            .OrderByDescending(c => c.Hits).ThenBy(c => c.Size).ThenByDescending(c => c.IdeaId)
            .Select(c => c.IdeaId)
            .Take(Candidates);
        var ideas = db.Ideas.AsNoTracking().Where(i => ranked.Contains(i.Id) && i.Visibility == IdeaVisibility.Published && i.Status != IdeaStatus.Duplicate);
        if (agencyId is { } within)
        {
            ideas = ideas.Where(i => i.AgencyId == within);
        }
        return ideas.Select(i => new Candidate(i.Id, i.Title, i.TitleKey, i.Status, i.SupportCount)).ToListAsync(cancellationToken);
    }

    /// <summary>Index rows of words beginning with any of <paramref name="words"/>: the first three letters by equality, then the prefix.</summary>
    private static System.Linq.Expressions.Expression<Func<IdeaWord, bool>> AnyWord(IReadOnlyList<string> words)
    {
        var row = System.Linq.Expressions.Expression.Parameter(typeof(IdeaWord), "w");
        var word = System.Linq.Expressions.Expression.Property(row, nameof(IdeaWord.Word));
        var head = System.Linq.Expressions.Expression.Property(row, nameof(IdeaWord.Head));
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        var body = words
            .Select(w => (System.Linq.Expressions.Expression)System.Linq.Expressions.Expression.AndAlso(
                System.Linq.Expressions.Expression.Equal(head, Parameter(IdeaTitleWords.Head(w))),
                System.Linq.Expressions.Expression.Call(word, startsWith, Parameter(w))))
            .Aggregate(System.Linq.Expressions.Expression.OrElse);
        return System.Linq.Expressions.Expression.Lambda<Func<IdeaWord, bool>>(body, row);
    }

    // A captured value, so EF sends it as a parameter (one cached query plan per number of words).
    private static System.Linq.Expressions.MemberExpression Parameter(string value) =>
        System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Constant(new Captured(value)), nameof(Captured.Value));

    private sealed record Captured(string Value);

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
