using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Services;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Moderation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Consultations.Models;

public sealed record ManageRow(int Id, Platform.Localization.LocalizedText Title, ConsultationKind Kind, ConsultationStatus Status, DateTime? PublishAt, DateTime OpensAt, DateTime ClosesAt, int Articles, int Comments, int Responses);

public sealed record ManageListPage(IReadOnlyList<ManageRow> Rows, bool QuestionnairesOnly, bool CanCreate);

/// <summary>
/// A consultation's details as staff type them. Times are Saudi clock times (what a datetime-local
/// field shows); they are stored in UTC.
/// </summary>
public sealed class ConsultationInput
{
    public int? Id { get; set; }

    /// <summary>The consultation's version when the form was shown.</summary>
    public int Version { get; set; }

    public string? TitleAr { get; set; }

    public string? TitleEn { get; set; }

    public string? SummaryAr { get; set; }

    public string? SummaryEn { get; set; }

    public ConsultationKind? Kind { get; set; }

    public int? SectorId { get; set; }

    public List<int> TargetGroupIds { get; set; } = [];

    public DateTime? PublishAt { get; set; }

    public DateTime? OpensAt { get; set; }

    public DateTime? ClosesAt { get; set; }

    public ModerationMode Moderation { get; set; } = ModerationMode.PostModeration;

    /// <summary>Set by the controller: the stored publish moment, when the consultation is already public.</summary>
    [BindNever]
    public DateTime? PublishedAtUtc { get; set; }

    /// <summary>Set by the controller: the consultation is open now, so it cannot be closed in the past.</summary>
    [BindNever]
    public bool IsOpen { get; set; }

    /// <summary>
    /// Keeps what can no longer change once the consultation has reached a stage, whatever the form
    /// sent: from opening, the publication and opening dates, the kind and the moderation (participants
    /// commented under them); from closing, the closing date too.
    /// </summary>
    public void KeepFixedParts(Consultation stored, ConsultationStatus status)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (status is ConsultationStatus.Draft or ConsultationStatus.Planned)
        {
            return;
        }
        PublishAt = stored.PublishAt is { } p ? DualDate.ToSaudiTime(p) : null;
        OpensAt = DualDate.ToSaudiTime(stored.OpensAt);
        Kind = stored.Kind;
        Moderation = stored.Moderation;
        if (status != ConsultationStatus.Open)
        {
            ClosesAt = DualDate.ToSaudiTime(stored.ClosesAt);
        }
        IsOpen = status == ConsultationStatus.Open;
    }

    public static ConsultationInput From(Consultation c) => new()
    {
        Id = c.Id,
        Version = c.Version,
        TitleAr = c.Title.Ar,
        TitleEn = c.Title.En,
        SummaryAr = c.Summary.Ar,
        SummaryEn = c.Summary.En,
        Kind = c.Kind,
        SectorId = c.SectorId,
        TargetGroupIds = c.TargetGroups.Select(g => g.TargetGroupId).ToList(),
        PublishAt = c.PublishAt is { } p ? DualDate.ToSaudiTime(p) : null,
        OpensAt = DualDate.ToSaudiTime(c.OpensAt),
        ClosesAt = DualDate.ToSaudiTime(c.ClosesAt),
        Moderation = c.Moderation,
    };

    public static DateTime ToUtc(DateTime saudiTime) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(saudiTime, DateTimeKind.Unspecified), DualDate.SaudiTime);
}

public sealed class ConsultationInputValidator : AbstractValidator<ConsultationInput>
{
    public ConsultationInputValidator(IStringLocalizer<ConsultationsResource> t, AppDbContext db, TimeProvider clock)
    {
        RuleFor(x => x.TitleAr).NotEmpty().WithMessage(t["Enter the title in Arabic."]).MaximumLength(300).WithMessage(t["The title must be 300 characters or fewer."]);
        RuleFor(x => x.TitleEn).MaximumLength(300).WithMessage(t["The title must be 300 characters or fewer."]);
        RuleFor(x => x.SummaryAr).NotEmpty().WithMessage(t["Enter the summary in Arabic."]).MaximumLength(4000).WithMessage(t["The summary must be 4,000 characters or fewer."]);
        RuleFor(x => x.SummaryEn).MaximumLength(4000).WithMessage(t["The summary must be 4,000 characters or fewer."]);
        RuleFor(x => x.Kind).NotNull().WithMessage(t["Choose the kind of consultation."]).IsInEnum();
        RuleFor(x => x.Moderation).IsInEnum();
        RuleFor(x => x.SectorId).NotNull().WithMessage(t["Choose the sector."])
            .MustAsync(async (id, ct) => await db.Sectors.AnyAsync(s => s.Id == id, ct)).When(x => x.SectorId is not null).WithMessage(t["Choose the sector."]);
        RuleFor(x => x.TargetGroupIds)
            .MustAsync(async (ids, ct) => ids.Count == 0 || await db.TargetGroups.CountAsync(g => ids.Contains(g.Id), ct) == ids.Distinct().Count())
            .WithMessage(t["Choose target groups from the list."]);
        RuleFor(x => x.OpensAt).NotNull().WithMessage(t["Enter when the consultation opens."]);
        RuleFor(x => x.ClosesAt).NotNull().WithMessage(t["Enter when the consultation closes."])
            .GreaterThan(x => x.OpensAt).When(x => x.OpensAt is not null).WithMessage(t["The consultation must close after it opens."]);
        RuleFor(x => x.PublishAt)
            .LessThanOrEqualTo(x => x.OpensAt).When(x => x.PublishAt is not null && x.OpensAt is not null).WithMessage(t["Publish the consultation no later than it opens."]);
        // Once the public has seen it, it cannot go back to being a draft.
        RuleFor(x => x.PublishAt)
            .Must((x, p) => p is not null && ConsultationInput.ToUtc(p.Value) <= clock.GetUtcNow().UtcDateTime)
            .When(x => x.PublishedAtUtc is { } published && published <= clock.GetUtcNow().UtcDateTime)
            .WithMessage(t["This consultation is already public: its publication date cannot be removed or moved to the future."]);
        // An open consultation may be extended or closed early, not closed in the past.
        RuleFor(x => x.ClosesAt)
            .Must(c => ConsultationInput.ToUtc(c!.Value) > clock.GetUtcNow().UtcDateTime)
            .When(x => x.IsOpen && x.ClosesAt is not null)
            .WithMessage(t["The consultation is open: choose a closing date in the future."]);
    }
}

public sealed record ConsultationEditPage(ConsultationInput Input, IReadOnlyList<LookupItem> Sectors, IReadOnlyList<LookupItem> TargetGroups, Consultation? Consultation, ConsultationStatus? Status)
{
    /// <summary>Set when this editor's save was not made because someone else had saved the details meanwhile.</summary>
    public bool Conflict { get; init; }

    /// <summary>Opened: publication and opening dates, kind and moderation are shown, not edited.</summary>
    public bool OpeningFixed => Status is ConsultationStatus.Open or ConsultationStatus.Closed or ConsultationStatus.Archived;

    /// <summary>Closed: the closing date is shown, not edited.</summary>
    public bool ClosingFixed => Status is ConsultationStatus.Closed or ConsultationStatus.Archived;
}

public sealed class ArticleInput
{
    public int? Id { get; set; }

    public string? HeadingAr { get; set; }

    public string? HeadingEn { get; set; }

    public string? BodyAr { get; set; }

    public string? BodyEn { get; set; }

    public static ArticleInput From(Article a) => new()
    {
        Id = a.Id,
        HeadingAr = a.Heading.Ar,
        HeadingEn = a.Heading.En,
        BodyAr = a.Body.Ar,
        BodyEn = a.Body.En,
    };
}

public sealed class ArticleInputValidator : AbstractValidator<ArticleInput>
{
    public const int MaxBodyLength = 20000;

    public ArticleInputValidator(IStringLocalizer<ConsultationsResource> t)
    {
        RuleFor(x => x.HeadingAr).MaximumLength(300).WithMessage(t["The heading must be 300 characters or fewer."]);
        RuleFor(x => x.HeadingEn).MaximumLength(300).WithMessage(t["The heading must be 300 characters or fewer."]);
        RuleFor(x => x.BodyAr).NotEmpty().WithMessage(t["Enter the article's text in Arabic."]).MaximumLength(MaxBodyLength).WithMessage(t["The article's text must be 20,000 characters or fewer."]);
        RuleFor(x => x.BodyEn).MaximumLength(MaxBodyLength).WithMessage(t["The article's text must be 20,000 characters or fewer."]);
    }
}

public sealed record ArticlesPage(Consultation Consultation, ConsultationStatus Status, IReadOnlyList<Article> Articles, ArticleInput NewArticle, bool Locked);

public sealed record ArticleEditPage(Consultation Consultation, ArticleInput Input);

public sealed class DocumentInput
{
    public string? TitleAr { get; set; }

    public string? TitleEn { get; set; }

    public IFormFile? File { get; set; }
}

public sealed class DocumentInputValidator : AbstractValidator<DocumentInput>
{
    public DocumentInputValidator(IStringLocalizer<ConsultationsResource> t)
    {
        RuleFor(x => x.TitleAr).NotEmpty().WithMessage(t["Enter the document's title in Arabic."]).MaximumLength(300).WithMessage(t["The title must be 300 characters or fewer."]);
        RuleFor(x => x.TitleEn).MaximumLength(300).WithMessage(t["The title must be 300 characters or fewer."]);
        RuleFor(x => x.File).NotNull().WithMessage(t["Choose a file to upload."]);
    }
}

public sealed record DocumentsPage(Consultation Consultation, ConsultationStatus Status, DocumentInput Input, long MaxBytes);

public sealed class QuestionInput
{
    public int? Id { get; set; }

    public QuestionType? Type { get; set; }

    public string? TextAr { get; set; }

    public string? TextEn { get; set; }

    public bool Required { get; set; }

    /// <summary>One option per line.</summary>
    public string? OptionsAr { get; set; }

    /// <summary>One option per line, in the same order as the Arabic; may be left empty.</summary>
    public string? OptionsEn { get; set; }

    public static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    public static QuestionInput From(Question q) => new()
    {
        Id = q.Id,
        Type = q.Type,
        TextAr = q.Text.Ar,
        TextEn = q.Text.En,
        Required = q.Required,
        OptionsAr = string.Join('\n', q.Options.OrderBy(o => o.Position).Select(o => o.Text.Ar)),
        OptionsEn = string.Join('\n', q.Options.OrderBy(o => o.Position).Select(o => o.Text.En)),
    };
}

public sealed class QuestionInputValidator : AbstractValidator<QuestionInput>
{
    public QuestionInputValidator(IStringLocalizer<ConsultationsResource> t)
    {
        RuleFor(x => x.Type).NotNull().WithMessage(t["Choose the type of question."]).IsInEnum();
        RuleFor(x => x.TextAr).NotEmpty().WithMessage(t["Enter the question in Arabic."]).MaximumLength(500).WithMessage(t["The question must be 500 characters or fewer."]);
        RuleFor(x => x.TextEn).MaximumLength(500).WithMessage(t["The question must be 500 characters or fewer."]);
        RuleFor(x => x.OptionsAr)
            .Must(o => QuestionInput.Lines(o).Count is >= 2 and <= 20)
            .When(x => x.Type is QuestionType.SingleChoice or QuestionType.MultipleChoice)
            .WithMessage(t["Give between 2 and 20 options, one per line."])
            .Must(o => QuestionInput.Lines(o).All(l => l.Length <= 300))
            .WithMessage(t["Each option must be 300 characters or fewer."]);
        RuleFor(x => x.OptionsEn)
            .Must((x, o) => QuestionInput.Lines(o).Count == 0 || QuestionInput.Lines(o).Count == QuestionInput.Lines(x.OptionsAr).Count)
            .When(x => x.Type is QuestionType.SingleChoice or QuestionType.MultipleChoice)
            .WithMessage(t["Give the English options in the same number and order as the Arabic, or leave them empty."])
            .Must(o => QuestionInput.Lines(o).All(l => l.Length <= 300))
            .WithMessage(t["Each option must be 300 characters or fewer."]);
    }
}

public sealed record QuestionnairePage(Consultation Consultation, ConsultationStatus Status, IReadOnlyList<Question> Questions, QuestionInput NewQuestion, bool Frozen, bool CanEditDetails);

public sealed record QuestionEditPage(Consultation Consultation, QuestionInput Input);

public sealed class RejectInput
{
    public string? Reason { get; set; }
}

public sealed class RejectInputValidator : AbstractValidator<RejectInput>
{
    public RejectInputValidator(IStringLocalizer<ConsultationsResource> t)
    {
        RuleFor(x => x.Reason).NotEmpty().WithMessage(t["Give the reason: the author will receive it by email."])
            .MaximumLength(500).WithMessage(t["The reason must be 500 characters or fewer."]);
    }
}

public sealed record RejectPage(Comment Comment, RejectInput Input);

/// <summary>A moderator's decision that came second: what the other moderator decided, and this one's own to apply on purpose.</summary>
public sealed record ModerationConflictPage(Comment Comment, string? DecidedBy, string Attempted, RejectInput Input);
