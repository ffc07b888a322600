using System.Globalization;
using System.Linq.Expressions;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Comments;
using EParticipation.Web.Platform.Notifications;
using EParticipation.Web.Platform.Text;
using EParticipation.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Consultations.Services;

/// <summary>
/// What the public pages read. Every page is a fixed number of queries whatever the number of
/// consultations, articles or comments: counts come from counters, and comments are paged. What
/// everyone sees alike (the list, a consultation to visitors who are not signed in) goes through
/// <see cref="PublicPageCache"/>.
/// </summary>
public sealed class ConsultationQueries(AppDbContext db, ConsultationLookups lookups, PublicPageCache cache, TimeProvider clock)
{
    public const int PageSize = 12;

    public async Task<ConsultationListPage> ListAsync(ConsultationListQuery query, CancellationToken cancellationToken = default) =>
        (await ListAtAsync(query, clock.GetUtcNow().UtcDateTime, cancellationToken)).Page;

    /// <summary>
    /// The list as <see cref="ListAsync"/> has it, from the public cache when the address is one of the
    /// list's own (known filters, no search words: the key space stays small and every key is a real page).
    /// </summary>
    public async Task<Cached<ConsultationListPage>> PublicListAsync(ConsultationListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var key = cache.Enabled ? await ListKeyAsync(query) : null;
        if (key is not null && await cache.GetAsync(key, (services, now, token) =>
                services.GetRequiredService<ConsultationQueries>().ListToCacheAsync(query, now, token), cancellationToken) is { } cached)
        {
            return cached;
        }
        return new Cached<ConsultationListPage>(await ListAsync(query, cancellationToken), null);
    }

    // The page at a given moment, and the next moment one of its cards changes by the clock alone.
    private async Task<(ConsultationListPage Page, DateTime? CardsChange)> ListAtAsync(ConsultationListQuery query, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var agencies = await lookups.AgenciesAsync();
        var sectors = await lookups.SectorsAsync();
        var groups = await lookups.TargetGroupsAsync();

        // Filters without the tab, so each tab's count answers "how many with these filters".
        var filtered = db.Consultations.AsNoTracking();
        if (query.KindValue is { } kind)
        {
            filtered = filtered.Where(c => c.Kind == kind);
        }
        if (agencies.FirstOrDefault(a => a.Code == query.Agency) is { } agency)
        {
            filtered = filtered.Where(c => c.AgencyId == agency.Id);
        }
        if (sectors.FirstOrDefault(s => s.Code == query.Sector) is { } sector)
        {
            filtered = filtered.Where(c => c.SectorId == sector.Id);
        }
        if (groups.FirstOrDefault(g => g.Code == query.Group) is { } group)
        {
            filtered = filtered.Where(c => db.ConsultationTargetGroups.Any(t => t.ConsultationId == c.Id && t.TargetGroupId == group.Id));
        }
        var q = ArabicText.Normalize(query.Q);
        if (q.Length > 0)
        {
            filtered = filtered.Where(c => c.SearchText.Contains(q));
        }

        var open = filtered.Where(Consultation.OpenAt(now));
        var planned = filtered.Where(Consultation.PlannedAt(now));
        var past = filtered.Where(Consultation.PastAt(now));
        // The three tabs' counts in one statement (one pass over the filtered consultations).
        var tabs = await filtered.GroupBy(c => 1).Select(TabCountsAt(now)).SingleOrDefaultAsync(cancellationToken) ?? new TabCounts();
        var counts = new Dictionary<string, int>
        {
            [ConsultationListQuery.Open] = tabs.Open,
            [ConsultationListQuery.Planned] = tabs.Planned,
            [ConsultationListQuery.Archived] = tabs.Past,
        };
        // A search or filter sent from the form names no tab: it looks across every status and opens
        // the first tab with a match, so a planned or archived consultation is never missed.
        if (query.Status is null && query.HasFilters && counts[query.Tab] == 0
            && ConsultationListQuery.Tabs.FirstOrDefault(t => counts[t] > 0) is { } withResults)
        {
            query.Status = withResults;
        }
        var ordered = query.Tab switch
        {
            ConsultationListQuery.Planned => planned.OrderBy(c => c.OpensAt).ThenBy(c => c.Id),
            ConsultationListQuery.Archived => past.OrderByDescending(c => c.ClosesAt).ThenByDescending(c => c.Id),
            _ => open.OrderByDescending(c => c.OpensAt).ThenByDescending(c => c.Id),
        };

        var total = counts[query.Tab];
        var pageCount = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
        var page = Math.Clamp(PagingExtensions.ClampPage(query.Page), 1, pageCount);
        var rows = await ordered
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(c => new
            {
                c.Id,
                c.Title,
                c.Summary,
                c.Kind,
                AgencyName = c.Agency!.Name,
                SectorName = c.Sector!.Name,
                c.PublishAt,
                c.OpensAt,
                c.ClosesAt,
                c.ReportPublishedAt,
                c.CommentCount,
                Groups = c.TargetGroups.OrderBy(t => t.TargetGroup!.SortOrder).Select(t => t.TargetGroup!.Name).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var cards = rows.Select(r =>
        {
            var probe = Probe(r.PublishAt, r.OpensAt, r.ClosesAt, r.ReportPublishedAt);
            return new ConsultationCard(r.Id, r.Title, r.Summary, r.Kind, r.AgencyName, r.SectorName, r.OpensAt, r.ClosesAt, r.CommentCount, r.Groups,
                probe.StatusAt(now), probe.DaysRemainingAt(now));
        }).ToList();
        var change = rows.Select(r => NextChange(r.PublishAt, r.OpensAt, r.ClosesAt, r.ReportPublishedAt, now)).Min();
        return (new ConsultationListPage(query, new Paged<ConsultationCard>(cards, page, PageSize, total), counts, agencies, sectors, groups), change);
    }

    private sealed class TabCounts
    {
        public int Open { get; init; }

        public int Planned { get; init; }

        public int Past { get; init; }
    }

    // g => new TabCounts { Open = g.Count(OpenAt(now)), Planned = g.Count(PlannedAt(now)), Past = g.Count(PastAt(now)) },
    // built from the entity's own rules so the counts and the tabs' lists cannot disagree.
    private static Expression<Func<IGrouping<int, Consultation>, TabCounts>> TabCountsAt(DateTime now)
    {
        var g = Expression.Parameter(typeof(IGrouping<int, Consultation>), "g");
        MemberAssignment Count(string property, Expression<Func<Consultation, bool>> rule) =>
            Expression.Bind(typeof(TabCounts).GetProperty(property)!, Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [typeof(Consultation)], g, rule));
        return Expression.Lambda<Func<IGrouping<int, Consultation>, TabCounts>>(
            Expression.MemberInit(Expression.New(typeof(TabCounts)),
                Count(nameof(TabCounts.Open), Consultation.OpenAt(now)),
                Count(nameof(TabCounts.Planned), Consultation.PlannedAt(now)),
                Count(nameof(TabCounts.Past), Consultation.PastAt(now))),
            g);
    }

    /// <summary>The newest open consultations, for the home page.</summary>
    public async Task<IReadOnlyList<ConsultationCard>> NewestOpenAsync(int count, CancellationToken cancellationToken = default)
    {
        var result = await PublicListAsync(new ConsultationListQuery { Status = ConsultationListQuery.Open }, cancellationToken);
        return result.Value.Results.Items.Take(count).ToList();
    }

    private async Task<string?> ListKeyAsync(ConsultationListQuery query)
    {
        if (!string.IsNullOrEmpty(query.Q) || query.Page is < 1 or > 100
            || (query.Kind is not null && query.Kind != query.KindValue?.ToString().ToLowerInvariant()))
        {
            return null;
        }
        if ((query.Agency is not null && (await lookups.AgenciesAsync()).All(a => a.Code != query.Agency))
            || (query.Sector is not null && (await lookups.SectorsAsync()).All(s => s.Code != query.Sector))
            || (query.Group is not null && (await lookups.TargetGroupsAsync()).All(g => g.Code != query.Group)))
        {
            return null;
        }
        return string.Join('|', "list", CultureInfo.CurrentUICulture.Name, query.Status is null && query.HasFilters ? "any" : query.Tab, query.Kind, query.Agency, query.Sector, query.Group, query.Page ?? 1);
    }

    private async Task<(ConsultationListPage?, DateTime)> ListToCacheAsync(ConsultationListQuery query, DateTime now, CancellationToken cancellationToken)
    {
        var (page, cardsChange) = await ListAtAsync(query, now, cancellationToken);
        // The tab counts change when any consultation is published, opens or closes; the cards also
        // when one of them gets its report or its "days left" ticks over.
        DateTime?[] next =
        [
            cardsChange,
            await db.Consultations.Where(c => c.PublishAt > now).MinAsync(c => c.PublishAt, cancellationToken),
            await db.Consultations.Where(c => c.OpensAt > now).MinAsync(c => (DateTime?)c.OpensAt, cancellationToken),
            await db.Consultations.Where(c => c.ClosesAt > now).MinAsync(c => (DateTime?)c.ClosesAt, cancellationToken),
        ];
        return (page, next.Min() ?? DateTime.MaxValue);
    }

    /// <summary>A consultation with what its header shows (agency, sector, groups, documents, questions).</summary>
    public Task<Consultation?> FindAsync(int id, CancellationToken cancellationToken = default) =>
        db.Consultations.AsNoTracking()
            .Include(c => c.Agency)
            .Include(c => c.Sector)
            .Include(c => c.TargetGroups.OrderBy(t => t.TargetGroup!.SortOrder)).ThenInclude(t => t.TargetGroup)
            .Include(c => c.Documents.OrderBy(d => d.Id))
            .Include(c => c.Questions.OrderBy(q => q.Position)).ThenInclude(q => q.Options.OrderBy(o => o.Position))
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    /// <summary>
    /// A published consultation's page as everyone who is not signed in sees it, from the public cache;
    /// null when there is no such published consultation.
    /// </summary>
    public async Task<Cached<ConsultationPage>?> PublicPageAsync(int id, CancellationToken cancellationToken = default)
    {
        if (!cache.Enabled)
        {
            var page = await PageToCacheAsync(id, clock.GetUtcNow().UtcDateTime, cancellationToken);
            return page.Page is null ? null : new Cached<ConsultationPage>(page.Page, null);
        }
        return await cache.GetAsync(string.Join('|', "page", CultureInfo.CurrentUICulture.Name, id), async (services, now, token) =>
            await services.GetRequiredService<ConsultationQueries>().PageToCacheAsync(id, now, token), cancellationToken);
    }

    private async Task<(ConsultationPage? Page, DateTime ValidUntil)> PageToCacheAsync(int id, DateTime now, CancellationToken cancellationToken)
    {
        var consultation = await FindAsync(id, cancellationToken);
        if (consultation is null || !consultation.IsPublishedAt(now))
        {
            return (null, now);
        }
        var page = await PageAtAsync(consultation, null, preview: false, now, cancellationToken);
        return (page, NextChange(consultation.PublishAt, consultation.OpensAt, consultation.ClosesAt, consultation.ReportPublishedAt, now) ?? DateTime.MaxValue);
    }

    public Task<ConsultationPage> PageAsync(Consultation consultation, Guid? userId, bool preview, CancellationToken cancellationToken = default) =>
        PageAtAsync(consultation, userId, preview, clock.GetUtcNow().UtcDateTime, cancellationToken);

    private const int ArticlesPerQuery = 200;

    private async Task<ConsultationPage> PageAtAsync(Consultation consultation, Guid? userId, bool preview, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        var id = consultation.Id;

        var articles = await db.ConsultationArticles.AsNoTracking()
            .Where(a => a.ConsultationId == id)
            .OrderBy(a => a.Number)
            .Select(a => new { a.Id, a.Number, a.Heading, a.Body, a.CommentCount })
            .ToListAsync(cancellationToken);
        // The newest published comments of each article and of the whole draft, in one round trip: one
        // short backward range of the (ArticleId, Status, Id) index per article (NewestOfArticle), and of
        // the whole draft's partial index. (Taking them per article inside the articles query made PostgreSQL number every
        // published comment in the database first: 18 s per page with a million comments.) A very long
        // draft takes one round trip per ArticlesPerQuery articles: SQLite allows 500 terms in a UNION ALL.
        var rows = new List<CommentView>();
        IQueryable<Comment>? newest = PublishedRows(id, null).Take(CommentRules.InlinePerArticle);
        foreach (var chunk in articles.Chunk(ArticlesPerQuery))
        {
            foreach (var article in chunk)
            {
                var articleId = article.Id;
                newest = newest is null
                    ? NewestOfArticle(articleId)
                    : newest.Concat(NewestOfArticle(articleId));
            }
            rows.AddRange(await newest!.Select(View).ToListAsync(cancellationToken));
            newest = null;
        }
        if (newest is not null)
        {
            rows.AddRange(await newest.Select(View).ToListAsync(cancellationToken));
        }
        var comments = rows.OrderByDescending(c => c.Id).ToLookup(c => c.ArticleId);

        var page = new ConsultationPage
        {
            Consultation = consultation,
            Status = consultation.StatusAt(now),
            DaysRemaining = consultation.DaysRemainingAt(now),
            Articles = articles.Select(a => new ArticleView(a.Id, a.Number, a.Heading, a.Body, a.CommentCount, comments[a.Id].ToList())).ToList(),
            GeneralComments = comments[null].ToList(),
            Preview = preview,
            SignedIn = userId is not null,
            Questionnaire = consultation.Questions.Count == 0 ? null : new QuestionnaireForm(consultation.Questions, new Dictionary<int, IReadOnlyList<string>>(), false, null),
        };
        if (userId is not { } me || preview)
        {
            return page;
        }
        return await ForParticipantAsync(page, me, cancellationToken);
    }

    /// <summary>
    /// A published consultation's page for a signed-in participant: what everyone sees (from the
    /// public cache when it is on, as visitors get it), with what is theirs on top (their own comments,
    /// what they supported and reported, whether they follow it, their answers). Null when there is no
    /// such published consultation. With it, the slot its participants' HTML is kept in and the kept
    /// copies of the whole page (none with the cache off).
    /// </summary>
    public async Task<Cached<ConsultationPage>?> ParticipantPageAsync(int id, Guid userId, CancellationToken cancellationToken = default)
    {
        var shared = await PublicPageAsync(id, cancellationToken);
        return shared is null ? null : new Cached<ConsultationPage>(await ForParticipantAsync(shared.Value, userId, cancellationToken), shared.ParticipantFragment, Pages: shared.Pages);
    }

    // The page as everyone sees it (never changed: it may be the cache's), and the participant's own things.
    // Every signed-in view of a consultation runs this, so its queries are compiled once (no LINQ
    // translation, no query-cache key to compute per request), and what the participant has done here
    // is asked in one round trip (StateQuery): most participants reading a draft have not yet commented
    // on it or answered its questionnaire, and then nothing else is read.
    private async Task<ConsultationPage> ForParticipantAsync(ConsultationPage page, Guid me, CancellationToken cancellationToken)
    {
        var consultation = page.Consultation;
        var id = consultation.Id;
        var key = id.ToString(CultureInfo.InvariantCulture);
        var shown = page.Articles.SelectMany(a => a.Comments).Concat(page.GeneralComments).Select(c => c.Id).ToArray();
        var shownKeys = shown.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var supported = new HashSet<long>();
        var reported = new HashSet<long>();
        bool following = false, commented = false, answered = false;
        await foreach (var row in StateQuery(db, id, me, shown, shownKeys, key).WithCancellation(cancellationToken))
        {
            switch (row.Kind)
            {
                case StateKind.Supported: supported.Add(row.Id); break;
                case StateKind.Reported: reported.Add(long.Parse(row.Key!, CultureInfo.InvariantCulture)); break;
                case StateKind.Following: following = true; break;
                case StateKind.Commented: commented = true; break;
                case StateKind.Answered: answered = true; break;
            }
        }
        var mine = commented ? await ListAsync(MyCommentsQuery(db, id, me), cancellationToken) : [];
        var open = page.Status == ConsultationStatus.Open;
        return new ConsultationPage
        {
            Consultation = page.Consultation,
            Status = page.Status,
            DaysRemaining = page.DaysRemaining,
            Articles = page.Articles,
            GeneralComments = page.GeneralComments,
            Preview = false,
            SignedIn = true,
            MyComments = mine.Select(m => new MyCommentView(m.View, m.ArticleNumber, open && m.ModeratedAt == null && m.View.Status is CommentStatus.Pending or CommentStatus.Published or CommentStatus.Hidden, m.RejectionReason)).ToList(),
            Supported = supported,
            Reported = reported,
            IsFollowing = following,
            Questionnaire = consultation.Questions.Count == 0 ? null
                : answered ? await QuestionnaireFormAsync(consultation, me, cancellationToken)
                : new QuestionnaireForm(consultation.Questions, new Dictionary<int, IReadOnlyList<string>>(), false, null),
        };
    }

    private static class StateKind
    {
        public const int Supported = 1;
        public const int Reported = 2;
        public const int Following = 3;
        public const int Commented = 4;
        public const int Answered = 5;
    }

    /// <summary>One thing the participant has done on the consultation: see <see cref="StateKind"/>.</summary>
    private sealed class StateRow
    {
        public int Kind { get; init; }

        public long Id { get; init; }

        public string? Key { get; init; }
    }

    // What the participant supported and reported among the comments shown, whether they follow the
    // consultation, have a comment on it, have answered its questionnaire: one UNION ALL, each part an
    // index range of the participant's own rows ((UserId, CommentId) for supports).
    private static readonly Func<AppDbContext, int, Guid, long[], string[], string, IAsyncEnumerable<StateRow>> StateQuery =
        EF.CompileAsyncQuery((AppDbContext db, int id, Guid me, long[] shown, string[] shownKeys, string key) =>
            db.ConsultationCommentSupports
                .Where(s => s.UserId == me && shown.Contains(s.CommentId))
                .Select(s => new StateRow { Kind = StateKind.Supported, Id = s.CommentId, Key = null })
            .Concat(db.ContentReports
                .Where(r => r.ReporterId == me && r.ContentType == CommentModeration.ContentType && shownKeys.Contains(r.ContentId))
                .Select(r => new StateRow { Kind = StateKind.Reported, Id = r.Id, Key = r.ContentId }))
            .Concat(db.Follows
                .Where(f => f.UserId == me && f.Kind == FollowKinds.Consultation && f.TargetId == key)
                .Select(f => new StateRow { Kind = StateKind.Following, Id = f.Id, Key = null }))
            .Concat(db.ConsultationComments
                .Where(c => c.ConsultationId == id && c.AuthorId == me && c.Status != CommentStatus.Withdrawn)
                .OrderBy(c => c.Id).Take(1)
                .Select(c => new StateRow { Kind = StateKind.Commented, Id = c.Id, Key = null }))
            .Concat(db.ConsultationResponses
                .Where(r => r.ConsultationId == id && r.UserId == me)
                .Select(r => new StateRow { Kind = StateKind.Answered, Id = r.Id, Key = null })));

    private static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            list.Add(row);
        }
        return list;
    }

    private sealed record MyCommentRow(CommentView View, int? ArticleNumber, DateTime? ModeratedAt, string? RejectionReason);

    private static readonly Func<AppDbContext, int, Guid, IAsyncEnumerable<MyCommentRow>> MyCommentsQuery =
        EF.CompileAsyncQuery((AppDbContext db, int id, Guid me) => db.ConsultationComments.AsNoTracking()
            .Where(c => c.ConsultationId == id && c.AuthorId == me && c.Status != CommentStatus.Withdrawn)
            .OrderByDescending(c => c.Id)
            .Take(50)
            .Select(c => new MyCommentRow(
                new CommentView(c.Id, c.ConsultationId, c.ArticleId, c.DisplayName, c.Body, c.CreatedAt, c.EditedAt, c.SupportCount, c.Status),
                c.Article == null ? (int?)null : c.Article.Number,
                c.ModeratedAt,
                c.RejectionReason)));

    private sealed record AnswerRow(int QuestionId, int? OptionId, int? ScaleValue, string? Text);

    private sealed record ResponseRow(DateTime SubmittedAt, DateTime? ChangedAt, List<AnswerRow> Answers);

    private static readonly Func<AppDbContext, int, Guid, CancellationToken, Task<ResponseRow?>> ResponseQuery =
        EF.CompileAsyncQuery((AppDbContext db, int consultationId, Guid userId, CancellationToken _) => db.ConsultationResponses.AsNoTracking()
            .Where(r => r.ConsultationId == consultationId && r.UserId == userId)
            .Select(r => new ResponseRow(r.SubmittedAt, r.ChangedAt, r.Answers.Select(a => new AnswerRow(a.QuestionId, a.OptionId, a.ScaleValue, a.Text)).ToList()))
            .SingleOrDefault());

    public async Task<QuestionnaireForm> QuestionnaireFormAsync(Consultation consultation, Guid userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        var response = await ResponseQuery(db, consultation.Id, userId, cancellationToken);
        if (response is null)
        {
            return new QuestionnaireForm(consultation.Questions, new Dictionary<int, IReadOnlyList<string>>(), false, null);
        }
        var values = response.Answers
            .GroupBy(a => a.QuestionId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(a =>
                a.OptionId?.ToString(CultureInfo.InvariantCulture) ?? a.ScaleValue?.ToString(CultureInfo.InvariantCulture) ?? a.Text ?? "").ToList());
        return new QuestionnaireForm(consultation.Questions, values, true, response.ChangedAt ?? response.SubmittedAt);
    }

    public Task<Article?> ArticleAsync(int consultationId, int articleId, CancellationToken cancellationToken = default) =>
        db.ConsultationArticles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == articleId && a.ConsultationId == consultationId, cancellationToken);

    public Task<Comment?> CommentAsync(long commentId, CancellationToken cancellationToken = default) =>
        db.ConsultationComments.AsNoTracking().Include(c => c.Article).SingleOrDefaultAsync(c => c.Id == commentId, cancellationToken);

    public Task<List<Article>> ArticlesAsync(int consultationId, CancellationToken cancellationToken = default) =>
        db.ConsultationArticles.AsNoTracking().Where(a => a.ConsultationId == consultationId).OrderBy(a => a.Number).ToListAsync(cancellationToken);

    /// <summary>One page of an article's published comments (or the whole draft's when <paramref name="articleId"/> is null).</summary>
    public Task<Paged<CommentView>> CommentsAsync(int consultationId, int? articleId, int page, CancellationToken cancellationToken = default) =>
        PublishedComments(consultationId, articleId).ToPagedAsync(page, CommentRules.PageSize, cancellationToken);

    public async Task<MyParticipationPage> MyParticipationAsync(Guid userId, int page, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var comments = await db.ConsultationComments.AsNoTracking()
            .Where(c => c.AuthorId == userId)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Select(c => new MyParticipationComment(c.Id, c.ConsultationId, c.Consultation!.Title, c.Article == null ? null : c.Article.Number, c.Body, c.Status, c.CreatedAt, c.RejectionReason,
                c.Consultation.ReportPublishedAt != null && c.Consultation.ReportPublishedAt <= now,
                c.Consultation.ReportPublishedAt != null && c.Consultation.ReportPublishedAt <= now ? c.Disposition : null,
                c.Consultation.ReportPublishedAt != null && c.Consultation.ReportPublishedAt <= now ? c.Response : null))
            .ToPagedAsync(page, 20, cancellationToken);
        var responses = await db.ConsultationResponses.AsNoTracking()
            .Where(r => r.UserId == userId)
            .OrderByDescending(r => r.SubmittedAt)
            .Select(r => new MyParticipationResponse(r.ConsultationId, r.Consultation!.Title, r.SubmittedAt, r.ChangedAt, r.Answers.Select(a => a.QuestionId).Distinct().Count(),
                r.Consultation.PublishAt != null && r.Consultation.OpensAt <= now && r.Consultation.ClosesAt > now))
            .Take(100)
            .ToListAsync(cancellationToken);
        return new MyParticipationPage(comments, responses);
    }

    private IQueryable<CommentView> PublishedComments(int consultationId, int? articleId) =>
        PublishedRows(consultationId, articleId).Select(View);

    /// <summary>
    /// An article's newest published comments, for an article already known to be the consultation's:
    /// filtered by the article alone, so that the plan is one backward range of the (ArticleId, Status,
    /// Id) index that stops after the few it needs. Adding the consultation to the filter let PostgreSQL
    /// combine that index with the (ConsultationId, GroupId) one and sort thousands of rows per article.
    /// </summary>
    private IQueryable<Comment> NewestOfArticle(int articleId) =>
        db.ConsultationComments.AsNoTracking()
            .Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Published)
            .OrderByDescending(c => c.Id)
            .Take(CommentRules.InlinePerArticle);

    private IQueryable<Comment> PublishedRows(int consultationId, int? articleId) =>
        db.ConsultationComments.AsNoTracking()
            .Where(c => c.ConsultationId == consultationId && c.Status == CommentStatus.Published && c.ArticleId == articleId)
            .OrderByDescending(c => c.Id);

    private static readonly Expression<Func<Comment, CommentView>> View =
        c => new CommentView(c.Id, c.ConsultationId, c.ArticleId, c.DisplayName, c.Body, c.CreatedAt, c.EditedAt, c.SupportCount, c.Status);

    // The status rule lives on the entity; a list row borrows it through a throwaway instance.
    private static Consultation Probe(DateTime? publishAt, DateTime opensAt, DateTime closesAt, DateTime? reportPublishedAt)
    {
        var c = new Consultation { ReportPublishedAt = reportPublishedAt };
        c.Schedule(publishAt, opensAt, closesAt);
        return c;
    }

    /// <summary>
    /// The first moment after <paramref name="now"/> at which what a page shows of a consultation changes
    /// by the clock alone: it is published, opens, closes, its report appears, or its "days left" ticks over.
    /// </summary>
    private static DateTime? NextChange(DateTime? publishAt, DateTime opensAt, DateTime closesAt, DateTime? reportPublishedAt, DateTime now)
    {
        DateTime? next = null;
        foreach (var moment in new[] { publishAt, opensAt, closesAt, reportPublishedAt })
        {
            if (moment > now && (next is null || moment < next))
            {
                next = moment;
            }
        }
        if (Probe(publishAt, opensAt, closesAt, reportPublishedAt).DaysRemainingAt(now) is > 0 and var days)
        {
            // DaysRemainingAt floors the days to closing: the count drops just after closesAt - days.
            var drop = closesAt - TimeSpan.FromDays(days) + TimeSpan.FromTicks(1);
            next = next is null || drop < next ? drop : next;
        }
        return next;
    }
}
