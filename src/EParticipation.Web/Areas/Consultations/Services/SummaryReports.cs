using System.Globalization;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Comments;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Moderation;
using EParticipation.Web.Platform.Notifications;
using EParticipation.Web.Platform.Text;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Consultations.Services;

public enum PublishOutcome
{
    Published,

    /// <summary>Not closed: still open, or already archived (a published report is frozen).</summary>
    NotClosed,

    /// <summary>Published comments are still without a disposition.</summary>
    Undecided,

    /// <summary>The narrative has not been written (in Arabic or English).</summary>
    NoNarrative,

    /// <summary>
    /// Comments still wait for a moderator (pending, or hidden after reports): decided after
    /// publication they would change a frozen report, so they are decided first.
    /// </summary>
    AwaitingModeration,
}

/// <summary>
/// The summary report ("you said, we did"): what staff write (narrative, final texts), what it computes
/// from the database whenever it is read (participation figures, questionnaire results, what changed
/// per article, every published comment with its disposition), and its publication, which archives the
/// consultation and emails its followers in the same SaveChanges.
/// <para>
/// Participants are counted once each: the distinct accounts with at least one published comment or a
/// questionnaire response. Comments are the published ones (pending, hidden, rejected and withdrawn
/// comments are not part of the public record).
/// </para>
/// </summary>
public sealed class SummaryReports(AppDbContext db, AuditLog audit, ConsultationEmails emails, TimeProvider clock)
{
    public Task<ConsultationReport?> FindAsync(int consultationId, CancellationToken cancellationToken = default) =>
        db.ConsultationReports.AsNoTracking().Include(r => r.FinalTexts).SingleOrDefaultAsync(r => r.ConsultationId == consultationId, cancellationToken);

    public Task<List<Article>> ArticlesAsync(int consultationId, CancellationToken cancellationToken = default) =>
        db.ConsultationArticles.AsNoTracking().Where(a => a.ConsultationId == consultationId).OrderBy(a => a.Number).ToListAsync(cancellationToken);

    /// <summary>The editor's form: what was saved, or the draft's text for articles without a final text yet.</summary>
    public static SummaryReportInput InputFrom(ConsultationReport? report, IReadOnlyList<Article> articles) => new()
    {
        NarrativeAr = report?.Narrative.Ar,
        NarrativeEn = report?.Narrative.En,
        Version = report?.Version ?? 0,
        Articles = articles.Select(a =>
        {
            var final = report?.FinalTextOf(a) ?? a.Body;
            return new FinalTextInput { ArticleId = a.Id, FinalAr = final.Ar, FinalEn = final.En };
        }).ToList(),
    };

    /// <summary>
    /// Saves the narrative and final texts. A final text equal to the draft is not stored, so "unchanged"
    /// stays true if the draft itself is ever corrected before the report is published.
    /// </summary>
    /// <summary>
    /// Saves the narrative and final texts, unless someone else saved the report after this editor's form
    /// was shown (<see cref="SummaryReportInput.Version"/>) or at the same moment: then nothing changes,
    /// the attempt is audited and false is returned, for the page to show the other save.
    /// </summary>
    public async Task<bool> SaveAsync(Consultation consultation, SummaryReportInput input, Guid userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var report = await db.ConsultationReports.Include(r => r.FinalTexts).SingleOrDefaultAsync(r => r.ConsultationId == consultation.Id, cancellationToken);
        if ((report?.Version ?? 0) != input.Version)
        {
            return await ConflictAsync(consultation, cancellationToken);
        }
        if (report is null)
        {
            report = new ConsultationReport { ConsultationId = consultation.Id, CreatedAt = now };
            db.ConsultationReports.Add(report);
        }
        report.Version++;
        report.Narrative = new LocalizedText(input.NarrativeAr?.Trim() ?? "", input.NarrativeEn?.Trim() ?? "");
        report.UpdatedAt = now;
        report.UpdatedById = userId;
        var articles = await ArticlesAsync(consultation.Id, cancellationToken);
        foreach (var article in articles)
        {
            var given = input.Articles.FirstOrDefault(a => a.ArticleId == article.Id);
            var stored = report.FinalTexts.FirstOrDefault(f => f.ArticleId == article.Id);
            var final = given is null ? null : new LocalizedText(Clean(given.FinalAr), Clean(given.FinalEn));
            if (final is null || SameText(final, article.Body))
            {
                if (stored is not null)
                {
                    report.FinalTexts.Remove(stored);
                }
                continue;
            }
            if (stored is null)
            {
                report.FinalTexts.Add(new ReportArticleText { ArticleId = article.Id, FinalBody = final });
            }
            else
            {
                stored.FinalBody = final;
            }
        }
        audit.Record("consultation.report.saved", nameof(Consultation), consultation.Id, consultation.AgencyId,
            $"{report.FinalTexts.Count} articles with a final text different from the draft");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || UniqueViolation.Is(ex))
        {
            // Saved by someone else at the same moment (or both wrote the first version of the report).
            return await ConflictAsync(consultation, cancellationToken);
        }
        return true;
    }

    private async Task<bool> ConflictAsync(Consultation consultation, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        audit.Record("consultation.report.saved.conflict", nameof(Consultation), consultation.Id, consultation.AgencyId,
            "not saved: the report had been saved by someone else since the form was shown");
        await db.SaveChangesAsync(cancellationToken);
        return false;
    }

    /// <summary>Who saved the report last, and when (for the page that tells a second editor).</summary>
    public Task<string?> LastEditorAsync(ConsultationReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        return db.Users.Where(u => u.Id == report.UpdatedById).Select(u => u.FullName).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Publishes the report: archives the consultation (<see cref="Consultation.ReportPublishedAt"/>),
    /// audits it and emails its followers, all in one SaveChanges. Refused while the consultation is not
    /// closed, a published comment has no disposition, or the narrative is empty.
    /// </summary>
    public async Task<(PublishOutcome Outcome, int Count)> PublishAsync(int consultationId, Guid userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var consultation = await db.Consultations.AsNoTracking().SingleAsync(c => c.Id == consultationId, cancellationToken);
        if (consultation.StatusAt(now) != ConsultationStatus.Closed)
        {
            return (PublishOutcome.NotClosed, 0);
        }
        var waiting = await db.ConsultationComments.CountAsync(c => c.ConsultationId == consultationId && (c.Status == CommentStatus.Pending || c.Status == CommentStatus.Hidden), cancellationToken);
        if (waiting > 0)
        {
            return (PublishOutcome.AwaitingModeration, waiting);
        }
        var undecided = await db.ConsultationComments.CountAsync(c => c.ConsultationId == consultationId && c.Status == CommentStatus.Published && c.Disposition == null, cancellationToken);
        if (undecided > 0)
        {
            return (PublishOutcome.Undecided, undecided);
        }
        var report = await db.ConsultationReports.SingleOrDefaultAsync(r => r.ConsultationId == consultationId, cancellationToken);
        if (report is null || report.Narrative.IsEmpty)
        {
            return (PublishOutcome.NoNarrative, 0);
        }
        // Conditional on not being published yet: of two clicks on "Publish" (or two reviewers),
        // one publishes and emails the followers; the other finds the row already changed.
        var published = await db.Consultations
            .Where(c => c.Id == consultationId && c.ReportPublishedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.ReportPublishedAt, now).SetProperty(c => c.UpdatedAt, now), cancellationToken);
        if (published != 1)
        {
            return (PublishOutcome.NotClosed, 0);
        }
        consultation.ReportPublishedAt = now;
        consultation.UpdatedAt = now;
        report.PublishedById = userId;
        audit.Record("consultation.report.published", nameof(Consultation), consultation.Id, consultation.AgencyId, consultation.Title.Ar);
        var sent = await emails.ReportPublishedAsync(consultation, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (PublishOutcome.Published, sent);
    }

    public Task<int> FollowersAsync(int consultationId, CancellationToken cancellationToken = default)
    {
        var id = consultationId.ToString(CultureInfo.InvariantCulture);
        return db.Follows.CountAsync(f => f.Kind == FollowKinds.Consultation && f.TargetId == id, cancellationToken);
    }

    /// <summary>The whole report as a page: figures, questionnaire, article changes and one page of comments.</summary>
    public async Task<SummaryReportPage> PageAsync(Consultation consultation, ConsultationReport report, int? articleFilter, int page, bool preview, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(report);
        var articles = await ArticlesAsync(consultation.Id, cancellationToken);
        var figures = await FiguresAsync(consultation.Id, articles, cancellationToken);
        var questions = await QuestionsAsync(consultation, cancellationToken);
        var perArticle = await Published(consultation.Id)
            .Where(c => c.Disposition != null)
            .GroupBy(c => new { c.ArticleId, c.Disposition })
            .Select(g => new { g.Key.ArticleId, g.Key.Disposition, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var language = PortalCultures.Current;
        var changes = articles.Select(a =>
        {
            var final = report.FinalTextOf(a);
            var shown = HasText(a.Body, language) && HasText(final, language) ? language : PortalCultures.Arabic;
            var before = shown == PortalCultures.English ? a.Body.En : a.Body.Ar;
            var after = shown == PortalCultures.English ? final.En : final.Ar;
            var dispositions = perArticle.Where(p => p.ArticleId == a.Id).ToDictionary(p => p.Disposition!.Value, p => p.Count);
            var comments = figures.ByArticle.FirstOrDefault(f => f.ArticleId == a.Id)?.Comments ?? 0;
            return new ArticleChange(a, shown, WordDiff.Compare(before, after), Clean(before) != Clean(after), dispositions, comments);
        }).ToList();
        var (narrative, narrativeLanguage) = Narrative(report);
        return new SummaryReportPage(consultation, report, narrative, narrativeLanguage, figures, questions, changes,
            await CommentsAsync(consultation.Id, articleFilter, page, cancellationToken), articleFilter, preview);
    }

    /// <summary>What the archived consultation's page shows of its report.</summary>
    public async Task<ReportSummary?> SummaryAsync(Consultation consultation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        var report = await FindAsync(consultation.Id, cancellationToken);
        if (report is null || consultation.ReportPublishedAt is not { } published)
        {
            return null;
        }
        var articles = await ArticlesAsync(consultation.Id, cancellationToken);
        var figures = await FiguresAsync(consultation.Id, articles, cancellationToken);
        var changed = articles.Count(a => !SameText(report.FinalTextOf(a), a.Body));
        var (narrative, language) = Narrative(report);
        return new ReportSummary(consultation.Id, narrative, language, figures, changed, published);
    }

    public async Task<ReportFigures> FiguresAsync(int consultationId, IReadOnlyList<Article> articles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var published = Published(consultationId);
        var byArticle = await published
            .GroupBy(c => c.ArticleId)
            .Select(g => new { ArticleId = g.Key, Comments = g.Count(), Participants = g.Select(c => c.AuthorId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var commentsByType = await published
            .Join(db.Users, c => c.AuthorId, u => u.Id, (c, u) => u.AccountType)
            .GroupBy(t => t)
            .Select(g => new { Type = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        // A person who commented and answered the questionnaire is one participant (Union is distinct).
        var people = published.Select(c => c.AuthorId)
            .Union(db.ConsultationResponses.Where(r => r.ConsultationId == consultationId).Select(r => r.UserId));
        var participantsByType = await people
            .Join(db.Users, id => id, u => u.Id, (id, u) => u.AccountType)
            .GroupBy(t => t)
            .Select(g => new { Type = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byDisposition = await published
            .GroupBy(c => c.Disposition)
            .Select(g => new { Disposition = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var responses = await db.ConsultationResponses.CountAsync(r => r.ConsultationId == consultationId, cancellationToken);

        var articleRows = articles.Select(a =>
        {
            var row = byArticle.FirstOrDefault(r => r.ArticleId == a.Id);
            return new ArticleFigure(a.Id, a.Number, a.Heading, row?.Comments ?? 0, row?.Participants ?? 0);
        }).ToList();
        var general = byArticle.FirstOrDefault(r => r.ArticleId == null);
        articleRows.Add(new ArticleFigure(null, null, null, general?.Comments ?? 0, general?.Participants ?? 0));
        var typeRows = Enum.GetValues<AccountType>().Select(t => new TypeFigure(t,
            participantsByType.FirstOrDefault(p => p.Type == t)?.Count ?? 0,
            commentsByType.FirstOrDefault(p => p.Type == t)?.Count ?? 0)).ToList();
        var dispositionRows = Enum.GetValues<CommentDisposition>().Select(d => new DispositionFigure(d, byDisposition.FirstOrDefault(r => r.Disposition == d)?.Count ?? 0)).ToList();
        if (byDisposition.FirstOrDefault(r => r.Disposition == null) is { Count: > 0 } none)
        {
            dispositionRows.Add(new DispositionFigure(null, none.Count));
        }
        return new ReportFigures(participantsByType.Sum(p => p.Count), byArticle.Sum(r => r.Comments), responses, articleRows, typeRows, dispositionRows);
    }

    public async Task<IReadOnlyList<QuestionResult>> QuestionsAsync(Consultation consultation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        var questions = await db.ConsultationQuestions.AsNoTracking()
            .Where(q => q.ConsultationId == consultation.Id)
            .Include(q => q.Options.OrderBy(o => o.Position))
            .OrderBy(q => q.Position)
            .ToListAsync(cancellationToken);
        if (questions.Count == 0)
        {
            return [];
        }
        var ids = questions.Select(q => q.Id).ToList();
        var answers = db.ConsultationAnswers.AsNoTracking().Where(a => ids.Contains(a.QuestionId));
        var respondents = await answers.GroupBy(a => a.QuestionId)
            .Select(g => new { QuestionId = g.Key, Count = g.Select(a => a.ResponseId).Distinct().Count() })
            .ToDictionaryAsync(g => g.QuestionId, g => g.Count, cancellationToken);
        var options = await answers.Where(a => a.OptionId != null)
            .GroupBy(a => a.OptionId!.Value)
            .Select(g => new { OptionId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.OptionId, g => g.Count, cancellationToken);
        var scale = await answers.Where(a => a.ScaleValue != null)
            .GroupBy(a => new { a.QuestionId, Value = a.ScaleValue!.Value })
            .Select(g => new { g.Key.QuestionId, g.Key.Value, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var freeText = await answers.Where(a => a.Text != null && a.Text != "")
            .GroupBy(a => a.QuestionId)
            .Select(g => new { QuestionId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.QuestionId, g => g.Count, cancellationToken);

        return questions.Select(q =>
        {
            var total = respondents.GetValueOrDefault(q.Id);
            double Share(int count) => total == 0 ? 0 : count / (double)total;
            var optionRows = q.Options.Select(o =>
            {
                var count = options.GetValueOrDefault(o.Id);
                return new OptionResult(o.Id.ToString(CultureInfo.InvariantCulture), o.Text, count, Share(count));
            }).ToList();
            var scaleRows = q.Type != QuestionType.Scale ? [] : Enumerable.Range(Question.ScaleMin, Question.ScaleMax - Question.ScaleMin + 1).Select(v =>
            {
                var count = scale.FirstOrDefault(s => s.QuestionId == q.Id && s.Value == v)?.Count ?? 0;
                return new OptionResult(v.ToString(CultureInfo.InvariantCulture), new LocalizedText(), count, Share(count));
            }).ToList();
            var scaleTotal = scaleRows.Sum(s => s.Count);
            double? mean = scaleTotal == 0 ? null : scaleRows.Sum(s => int.Parse(s.Key, CultureInfo.InvariantCulture) * s.Count) / (double)scaleTotal;
            return new QuestionResult(q, total, optionRows, scaleRows, mean, freeText.GetValueOrDefault(q.Id));
        }).ToList();
    }

    /// <summary>One page of the published comments (optionally of one article), oldest first, with their answers.</summary>
    public async Task<Paged<ReportComment>> CommentsAsync(int consultationId, int? articleId, int page, CancellationToken cancellationToken = default)
    {
        var comments = Published(consultationId);
        if (articleId is { } a)
        {
            comments = a == 0 ? comments.Where(c => c.ArticleId == null) : comments.Where(c => c.ArticleId == a);
        }
        var rows = await comments.OrderBy(c => c.Id)
            .Select(c => new ReportComment(c.Id, c.Article == null ? null : c.Article.Number, c.DisplayName, c.Body, c.CreatedAt, c.SupportCount, c.Disposition, c.Response, c.GroupId, 1))
            .ToPagedAsync(page, ReviewRules.ReportPageSize, cancellationToken);
        var groupIds = rows.Items.Where(r => r.GroupId is not null).Select(r => r.GroupId!.Value).Distinct().ToList();
        if (groupIds.Count == 0)
        {
            return rows;
        }
        var sizes = await Published(consultationId)
            .Where(c => c.GroupId != null && groupIds.Contains(c.GroupId.Value))
            .GroupBy(c => c.GroupId!.Value)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var items = rows.Items.Select(r => r.GroupId is { } g && sizes.TryGetValue(g, out var size) ? r with { GroupSize = size } : r).ToList();
        return new Paged<ReportComment>(items, rows.Page, rows.PageSize, rows.Total);
    }

    private IQueryable<Comment> Published(int consultationId) =>
        db.ConsultationComments.AsNoTracking().Where(c => c.ConsultationId == consultationId && c.Status == CommentStatus.Published);

    private static (IHtmlContent? Html, string? Language) Narrative(ConsultationReport report)
    {
        if (report.Narrative.IsEmpty)
        {
            return (null, null);
        }
        var language = report.Narrative.LanguageShownFor(PortalCultures.Current);
        return (ReportMarkdown.ToHtml(report.Narrative.For(PortalCultures.Current)), language);
    }

    private static bool HasText(LocalizedText text, string language) =>
        !string.IsNullOrWhiteSpace(language == PortalCultures.English ? text.En : text.Ar);

    private static bool SameText(LocalizedText a, LocalizedText b) => Clean(a.Ar) == Clean(b.Ar) && Clean(a.En) == Clean(b.En);

    // Line endings from a browser's textarea are \r\n; the draft's text was stored as typed too.
    private static string Clean(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
