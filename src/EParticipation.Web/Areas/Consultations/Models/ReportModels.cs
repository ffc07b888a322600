using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Text;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Consultations.Models;

/// <summary>What staff write in the report editor: the narrative and each article's final text.</summary>
public sealed class SummaryReportInput
{
    public string? NarrativeAr { get; set; }

    public string? NarrativeEn { get; set; }

    public List<FinalTextInput> Articles { get; set; } = [];

    /// <summary>The report's version when the form was shown (0: no report saved yet).</summary>
    public int Version { get; set; }
}

public sealed class FinalTextInput
{
    public int ArticleId { get; set; }

    public string? FinalAr { get; set; }

    public string? FinalEn { get; set; }
}

public sealed class SummaryReportInputValidator : AbstractValidator<SummaryReportInput>
{
    public SummaryReportInputValidator(IStringLocalizer<ConsultationsResource> t)
    {
        RuleFor(x => x.NarrativeAr).MaximumLength(ReviewRules.NarrativeMaxLength).WithMessage(t["The narrative must be 20,000 characters or fewer."]);
        RuleFor(x => x.NarrativeEn).MaximumLength(ReviewRules.NarrativeMaxLength).WithMessage(t["The narrative must be 20,000 characters or fewer."]);
        RuleForEach(x => x.Articles).ChildRules(article =>
        {
            article.RuleFor(a => a.FinalAr).NotEmpty().WithMessage(t["Enter the article's final text in Arabic (it starts as the draft's text)."])
                .MaximumLength(ReviewRules.FinalTextMaxLength).WithMessage(t["The final text must be 20,000 characters or fewer."]);
            article.RuleFor(a => a.FinalEn).MaximumLength(ReviewRules.FinalTextMaxLength).WithMessage(t["The final text must be 20,000 characters or fewer."]);
        });
    }
}

public sealed class PublishInput
{
    public bool Confirm { get; set; }
}

public sealed class PublishInputValidator : AbstractValidator<PublishInput>
{
    public PublishInputValidator(IStringLocalizer<ConsultationsResource> t)
    {
        RuleFor(x => x.Confirm).Equal(true).WithMessage(t["Confirm that the report is ready: once published it cannot be changed."]);
    }
}

/// <summary>The report editor: the form, and what still stands in the way of publishing.</summary>
public sealed record ReportEditPage(
    Consultation Consultation,
    ConsultationStatus Status,
    IReadOnlyList<Article> Articles,
    SummaryReportInput Input,
    PublishInput Publish,
    int Undecided,
    int AwaitingModeration,
    int Followers,
    bool HasNarrative)
{
    public bool CanEdit => Status == ConsultationStatus.Closed;

    /// <summary>Set when this editor's save was not made because someone else had saved the report meanwhile.</summary>
    public ReportConflict? Conflict { get; init; }

    public bool CanPublish => CanEdit && Undecided == 0 && AwaitingModeration == 0 && HasNarrative;
}

/// <summary>The participation figures the report computes from the database when it is read.</summary>
public sealed record ReportFigures(
    int Participants,
    int Comments,
    int Responses,
    IReadOnlyList<ArticleFigure> ByArticle,
    IReadOnlyList<TypeFigure> ByType,
    IReadOnlyList<DispositionFigure> ByDisposition);

/// <summary>Comments on one article (null: the whole draft) and how many people wrote them.</summary>
public sealed record ArticleFigure(int? ArticleId, int? Number, LocalizedText? Heading, int Comments, int Participants);

public sealed record TypeFigure(AccountType Type, int Participants, int Comments);

/// <summary>Comments per disposition; null is "no disposition".</summary>
public sealed record DispositionFigure(CommentDisposition? Disposition, int Comments);

/// <summary>One question's results. Free-text answers are counted, never shown (they may name people).</summary>
public sealed record QuestionResult(
    Question Question,
    int Respondents,
    IReadOnlyList<OptionResult> Options,
    IReadOnlyList<OptionResult> Scale,
    double? Mean,
    int FreeTextAnswers);

public sealed record OptionResult(string Key, LocalizedText Label, int Count, double Share);

/// <summary>
/// One article of the draft beside its final text, compared word by word in one language: the page's
/// when both versions have it, otherwise Arabic (a draft in one language and a final text in another
/// cannot be compared).
/// </summary>
public sealed record ArticleChange(
    Article Article,
    string Language,
    IReadOnlyList<DiffSegment> Segments,
    bool Changed,
    IReadOnlyDictionary<CommentDisposition, int> Dispositions,
    int Comments)
{
    public string Direction => Language == PortalCultures.Arabic ? "rtl" : "ltr";
}

/// <summary>A published comment in the report's list, with the agency's answer.</summary>
public sealed record ReportComment(long Id, int? ArticleNumber, string DisplayName, string Body, DateTime CreatedAt, int SupportCount, CommentDisposition? Disposition, LocalizedText Response, long? GroupId, int GroupSize);

public sealed record SummaryReportPage(
    Consultation Consultation,
    ConsultationReport Report,
    IHtmlContent? Narrative,
    string? NarrativeLanguage,
    ReportFigures Figures,
    IReadOnlyList<QuestionResult> Questions,
    IReadOnlyList<ArticleChange> Changes,
    Paged<ReportComment> Comments,
    int? ArticleFilter,
    bool Preview);

/// <summary>The short version on the archived consultation's own page.</summary>
public sealed record ReportSummary(int ConsultationId, IHtmlContent? Narrative, string? NarrativeLanguage, ReportFigures Figures, int ChangedArticles, DateTime PublishedAt);

/// <summary>The report as someone else saved it while this editor was writing, and who that was.</summary>
public sealed record ReportConflict(ConsultationReport Report, string? SavedBy);
