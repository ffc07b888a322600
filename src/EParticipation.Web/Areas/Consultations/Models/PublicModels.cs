using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Services;
using EParticipation.Web.Platform.Comments;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Moderation;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Consultations.Models;

/// <summary>
/// The list's filters, all in the address so a filtered list can be shared:
/// <c>?status=open&amp;q=...&amp;kind=law&amp;agency=hrsd&amp;sector=health&amp;group=women&amp;page=2</c>.
/// </summary>
public sealed class ConsultationListQuery
{
    public const string Open = "open";
    public const string Planned = "planned";
    public const string Archived = "archived";

    public static IReadOnlyList<string> Tabs { get; } = [Open, Planned, Archived];

    public string? Status { get; set; }

    public string? Q { get; set; }

    public string? Kind { get; set; }

    public string? Agency { get; set; }

    public string? Sector { get; set; }

    public string? Group { get; set; }

    public int? Page { get; set; }

    public string Tab => Status is Planned or Archived ? Status : Open;

    public ConsultationKind? KindValue => Enum.TryParse<ConsultationKind>(Kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : null;

    /// <summary>The query string without the page, for the pager and the tabs.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ToQuery(string? tab = null) =>
    [
        new("status", tab ?? Tab),
        new("q", Q),
        new("kind", Kind),
        new("agency", Agency),
        new("sector", Sector),
        new("group", Group),
    ];

    public bool HasFilters => !string.IsNullOrWhiteSpace(Q) || Kind is not null || Agency is not null || Sector is not null || Group is not null;
}

public sealed record ConsultationCard(
    int Id,
    LocalizedText Title,
    LocalizedText Summary,
    ConsultationKind Kind,
    LocalizedText AgencyName,
    LocalizedText SectorName,
    DateTime OpensAt,
    DateTime ClosesAt,
    int CommentCount,
    IReadOnlyList<LocalizedText> TargetGroups,
    ConsultationStatus Status,
    int? DaysRemaining);

public sealed record ConsultationListPage(
    ConsultationListQuery Query,
    Paged<ConsultationCard> Results,
    IReadOnlyDictionary<string, int> TabCounts,
    IReadOnlyList<LookupItem> Agencies,
    IReadOnlyList<LookupItem> Sectors,
    IReadOnlyList<LookupItem> TargetGroups);

public sealed record CommentView(
    long Id,
    int ConsultationId,
    int? ArticleId,
    string DisplayName,
    string Body,
    DateTime CreatedAt,
    DateTime? EditedAt,
    int SupportCount,
    CommentStatus Status);

public sealed record ArticleView(int Id, int Number, LocalizedText Heading, LocalizedText Body, int CommentCount, IReadOnlyList<CommentView> Comments);

/// <summary>A comment of the signed-in participant, with what they may still do to it.</summary>
public sealed record MyCommentView(CommentView Comment, int? ArticleNumber, bool MayChange, string? RejectionReason);

/// <summary>Everything the consultation page shows, loaded in a fixed number of queries whatever its size.</summary>
public sealed class ConsultationPage
{
    public required Consultation Consultation { get; init; }

    public required ConsultationStatus Status { get; init; }

    public int? DaysRemaining { get; init; }

    public required IReadOnlyList<ArticleView> Articles { get; init; }

    public required IReadOnlyList<CommentView> GeneralComments { get; init; }

    public IReadOnlyList<MyCommentView> MyComments { get; init; } = [];

    public IReadOnlySet<long> Supported { get; init; } = new HashSet<long>();

    public IReadOnlySet<long> Reported { get; init; } = new HashSet<long>();

    public QuestionnaireForm? Questionnaire { get; init; }

    public bool IsFollowing { get; init; }

    public bool SignedIn { get; init; }

    /// <summary>Staff preview: the page as it will look, with no participation controls.</summary>
    public bool Preview { get; init; }

    public bool CanParticipate => SignedIn && !Preview && Status == ConsultationStatus.Open;

    /// <summary>
    /// A signed-in participant's page that shows nothing of theirs beyond whether they follow it and
    /// the comment form's name and key: no comment of theirs, nothing they supported or reported, no
    /// answers. Every such participant sees the same page, so it can be served from a kept copy.
    /// </summary>
    public bool NothingOfTheParticipant =>
        SignedIn && !Preview && MyComments.Count == 0 && Supported.Count == 0 && Reported.Count == 0 && Questionnaire?.Answered != true;

    public CommentInput NewComment { get; init; } = new();
}

/// <summary>The questionnaire as a form: the questions, and the participant's current answers.</summary>
public sealed record QuestionnaireForm(IReadOnlyList<Question> Questions, IReadOnlyDictionary<int, IReadOnlyList<string>> Values, bool Answered, DateTime? AnsweredAt)
{
    public string FieldName(Question question) => "q" + question.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public IReadOnlyList<string> ValuesOf(Question question) =>
        Values.TryGetValue(question.Id, out var v) ? v : [];

    public bool Has(Question question, string value) => ValuesOf(question).Contains(value);

    public string TextOf(Question question) => ValuesOf(question) is { Count: > 0 } v ? v[0] : "";
}

public sealed record ArticleCommentsPage(Consultation Consultation, Article? Article, Paged<CommentView> Comments, ConsultationStatus Status);

public sealed class CommentInput
{
    /// <summary>Null for a comment on the whole draft.</summary>
    public int? ArticleId { get; set; }

    public string? DisplayName { get; set; }

    public string? Body { get; set; }

    /// <summary>Made when the form is shown; the same key sent twice stores one comment.</summary>
    public Guid SubmissionKey { get; set; }
}

public sealed class CommentInputValidator : AbstractValidator<CommentInput>
{
    public CommentInputValidator(IStringLocalizer<ConsultationsResource> t)
    {
        RuleFor(x => x.DisplayName).NotEmpty().WithMessage(t["Enter the name to show with your comment."])
            .MaximumLength(CommentRules.DisplayNameMaxLength).WithMessage(t["The name must be 100 characters or fewer."]);
        RuleFor(x => x.Body).NotEmpty().WithMessage(t["Write your comment."])
            .MaximumLength(CommentRules.MaxLength).WithMessage(t["Your comment must be 4,000 characters or fewer."]);
        RuleFor(x => x.SubmissionKey).NotEmpty().WithMessage(t["The form has expired. Please write your comment again."]);
    }
}

public sealed class CommentEditInput
{
    public string? DisplayName { get; set; }

    public string? Body { get; set; }
}

public sealed class CommentEditInputValidator : AbstractValidator<CommentEditInput>
{
    public CommentEditInputValidator(IStringLocalizer<ConsultationsResource> t)
    {
        RuleFor(x => x.DisplayName).NotEmpty().WithMessage(t["Enter the name to show with your comment."])
            .MaximumLength(CommentRules.DisplayNameMaxLength).WithMessage(t["The name must be 100 characters or fewer."]);
        RuleFor(x => x.Body).NotEmpty().WithMessage(t["Write your comment."])
            .MaximumLength(CommentRules.MaxLength).WithMessage(t["Your comment must be 4,000 characters or fewer."]);
    }
}

public sealed record CommentEditPage(Consultation Consultation, Comment Comment, int? ArticleNumber, CommentEditInput Input);

public sealed class ReportInput
{
    public ReportReason? Reason { get; set; }

    public string? Details { get; set; }
}

public sealed class ReportInputValidator : AbstractValidator<ReportInput>
{
    public ReportInputValidator(IStringLocalizer<ConsultationsResource> t)
    {
        RuleFor(x => x.Reason).NotNull().WithMessage(t["Choose why you are reporting this comment."]).IsInEnum();
        RuleFor(x => x.Details).NotEmpty().When(x => x.Reason == ReportReason.Other).WithMessage(t["Tell us what is wrong with this comment."])
            .MaximumLength(500).WithMessage(t["The explanation must be 500 characters or fewer."]);
    }
}

public sealed record ReportPage(Consultation Consultation, CommentView Comment, ReportInput Input);

public sealed record CommentFormPage(Consultation Consultation, IReadOnlyList<Article> Articles, CommentInput NewComment);

public sealed record MyParticipationPage(Paged<MyParticipationComment> Comments, IReadOnlyList<MyParticipationResponse> Responses);

/// <summary>One of the participant's comments; the agency's disposition and response only once its summary report is published.</summary>
public sealed record MyParticipationComment(long Id, int ConsultationId, LocalizedText ConsultationTitle, int? ArticleNumber, string Body, CommentStatus Status, DateTime CreatedAt, string? RejectionReason,
    bool ReportPublished = false, CommentDisposition? Disposition = null, LocalizedText? Response = null);

public sealed record MyParticipationResponse(int ConsultationId, LocalizedText ConsultationTitle, DateTime SubmittedAt, DateTime? ChangedAt, int Answers, bool StillOpen);

/// <summary>The comment partial's view data.</summary>
public static class CommentPartial
{
    /// <summary>Set to true: the partial writes only the comment's actions (for a participants' cached page).</summary>
    public const string ActionsOnly = "ep-comment-actions-only";

    /// <summary>
    /// The id of the one form a participant's page has for the actions on its comments: each comment's
    /// "Support" button submits it to its own address (<c>form</c> and <c>formaction</c>), so the page
    /// carries one antiforgery token instead of one form and token per comment: on a busy draft (90
    /// comments shown) the signed-in page went from 171 to 148 KB, and from 33 to 30 KB with brotli.
    /// </summary>
    public const string ActionsForm = "ep-comment-actions";
}
