using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Platform.Moderation;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Ideas.Models;

/// <summary>An agency publisher's challenge form. Dates are Saudi calendar days: open from the start of the first, closed at the start of the day after the last.</summary>
public sealed class ChallengeInput
{
    public string? TitleAr { get; set; }
    public string? TitleEn { get; set; }
    public string? ProblemAr { get; set; }
    public string? ProblemEn { get; set; }
    public string? CriteriaAr { get; set; }
    public string? CriteriaEn { get; set; }
    public string? OutcomeAr { get; set; }
    public string? OutcomeEn { get; set; }
    public int? SectorId { get; set; }
    public List<int> TargetGroupIds { get; set; } = [];
    public DateOnly? OpensOn { get; set; }
    public DateOnly? ClosesOn { get; set; }
    public ModerationMode Moderation { get; set; }
    public int Version { get; set; }
}

public sealed class ChallengeInputValidator : AbstractValidator<ChallengeInput>
{
    public ChallengeInputValidator(IStringLocalizer<IdeasResource> t)
    {
        RuleFor(x => x.TitleAr).NotEmpty().WithMessage(t["Enter the title in Arabic."]).MaximumLength(300).WithMessage(t["The title must be 300 characters or fewer."]);
        RuleFor(x => x.TitleEn).MaximumLength(300).WithMessage(t["The title must be 300 characters or fewer."]);
        RuleFor(x => x.ProblemAr).NotEmpty().WithMessage(t["Describe the problem in Arabic."]).MaximumLength(4000).WithMessage(t["This text must be 4,000 characters or fewer."]);
        RuleFor(x => x.ProblemEn).MaximumLength(4000).WithMessage(t["This text must be 4,000 characters or fewer."]);
        RuleFor(x => x.CriteriaAr).MaximumLength(4000).WithMessage(t["This text must be 4,000 characters or fewer."]);
        RuleFor(x => x.CriteriaEn).MaximumLength(4000).WithMessage(t["This text must be 4,000 characters or fewer."]);
        RuleFor(x => x.OutcomeAr).MaximumLength(4000).WithMessage(t["This text must be 4,000 characters or fewer."]);
        RuleFor(x => x.OutcomeEn).MaximumLength(4000).WithMessage(t["This text must be 4,000 characters or fewer."]);
        RuleFor(x => x.SectorId).NotNull().WithMessage(t["Choose the sector."]);
        RuleFor(x => x.OpensOn).NotNull().WithMessage(t["Enter the opening date."]);
        RuleFor(x => x.ClosesOn).NotNull().WithMessage(t["Enter the closing date."])
            .GreaterThanOrEqualTo(x => x.OpensOn).When(x => x.OpensOn is not null).WithMessage(t["The closing date must be on or after the opening date."]);
        RuleFor(x => x.Moderation).IsInEnum();
    }
}

/// <summary>A participant's idea. Sent first to the preview (similar ideas shown), then confirmed.</summary>
public sealed class IdeaInput
{
    public int? ChallengeId { get; set; }
    public int? AgencyId { get; set; }
    public int? SectorId { get; set; }
    public string? Title { get; set; }
    public string? Problem { get; set; }
    public string? Proposal { get; set; }
    public string? Benefit { get; set; }
    public string? DisplayName { get; set; }
    public Guid SubmissionKey { get; set; }

    /// <summary>False on the first send (the preview with similar ideas), true on "submit the idea".</summary>
    public bool Confirmed { get; set; }

    public List<IFormFile> Files { get; set; } = [];
}

public sealed class IdeaInputValidator : AbstractValidator<IdeaInput>
{
    public IdeaInputValidator(IStringLocalizer<IdeasResource> t)
    {
        RuleFor(x => x.AgencyId).NotNull().When(x => x.ChallengeId is null).WithMessage(t["Choose the agency your idea is for."]);
        RuleFor(x => x.SectorId).NotNull().When(x => x.ChallengeId is null).WithMessage(t["Choose the sector."]);
        RuleFor(x => x.Title).NotEmpty().WithMessage(t["Give your idea a title."]).MaximumLength(IdeaRules.TitleMaxLength).WithMessage(t["The title must be 200 characters or fewer."]);
        RuleFor(x => x.Problem).NotEmpty().WithMessage(t["Describe the problem your idea solves."]).MaximumLength(IdeaRules.TextMaxLength).WithMessage(t["This text must be 4,000 characters or fewer."]);
        RuleFor(x => x.Proposal).NotEmpty().WithMessage(t["Describe your proposal."]).MaximumLength(IdeaRules.TextMaxLength).WithMessage(t["This text must be 4,000 characters or fewer."]);
        RuleFor(x => x.Benefit).NotEmpty().WithMessage(t["Describe the expected benefit."]).MaximumLength(IdeaRules.TextMaxLength).WithMessage(t["This text must be 4,000 characters or fewer."]);
        RuleFor(x => x.DisplayName).NotEmpty().WithMessage(t["Enter the name to show with your idea."]).MaximumLength(100).WithMessage(t["The name must be 100 characters or fewer."]);
        RuleFor(x => x.SubmissionKey).NotEmpty().WithMessage(t["The form has expired. Please send your idea again."]);
        RuleFor(x => x.Files).Must(f => f.Count <= IdeaRules.MaxAttachments).WithMessage(t["Attach at most 3 files."]);
    }
}

/// <summary>The VoC analyst's decision on one idea: the new status and the public answer.</summary>
public sealed class TriageInput
{
    public IdeaStatus? Status { get; set; }
    public string? AnswerAr { get; set; }
    public string? AnswerEn { get; set; }
    public int? DuplicateOfId { get; set; }
    public int Version { get; set; }
}

public sealed class TriageInputValidator : AbstractValidator<TriageInput>
{
    public TriageInputValidator(IStringLocalizer<IdeasResource> t)
    {
        RuleFor(x => x.Status).NotNull().WithMessage(t["Choose the new status."]).IsInEnum();
        RuleFor(x => x).Must(x => !string.IsNullOrWhiteSpace(x.AnswerAr) || !string.IsNullOrWhiteSpace(x.AnswerEn))
            .WithName("AnswerAr").OverridePropertyName("AnswerAr").WithMessage(t["Write the public answer, in Arabic or English."]);
        RuleFor(x => x.AnswerAr).MaximumLength(4000).WithMessage(t["This text must be 4,000 characters or fewer."]);
        RuleFor(x => x.AnswerEn).MaximumLength(4000).WithMessage(t["This text must be 4,000 characters or fewer."]);
        RuleFor(x => x.DuplicateOfId).NotNull().When(x => x.Status == IdeaStatus.Duplicate).WithMessage(t["Enter the number of the original idea."]);
    }
}

/// <summary>A progress report on an accepted idea.</summary>
public sealed class ProgressInput
{
    public string? NoteAr { get; set; }
    public string? NoteEn { get; set; }
    public int Version { get; set; }
}

public sealed class ProgressInputValidator : AbstractValidator<ProgressInput>
{
    public ProgressInputValidator(IStringLocalizer<IdeasResource> t)
    {
        RuleFor(x => x).Must(x => !string.IsNullOrWhiteSpace(x.NoteAr) || !string.IsNullOrWhiteSpace(x.NoteEn))
            .OverridePropertyName("NoteAr").WithMessage(t["Write the progress update, in Arabic or English."]);
        RuleFor(x => x.NoteAr).MaximumLength(4000).WithMessage(t["This text must be 4,000 characters or fewer."]);
        RuleFor(x => x.NoteEn).MaximumLength(4000).WithMessage(t["This text must be 4,000 characters or fewer."]);
    }
}

public sealed class IdeaCommentInput
{
    public string? DisplayName { get; set; }
    public string? Body { get; set; }
    public Guid SubmissionKey { get; set; }
}

public sealed class IdeaCommentInputValidator : AbstractValidator<IdeaCommentInput>
{
    public IdeaCommentInputValidator(IStringLocalizer<IdeasResource> t)
    {
        RuleFor(x => x.DisplayName).NotEmpty().WithMessage(t["Enter the name to show with your comment."]).MaximumLength(100).WithMessage(t["The name must be 100 characters or fewer."]);
        RuleFor(x => x.Body).NotEmpty().WithMessage(t["Write your comment."]).MaximumLength(4000).WithMessage(t["Your comment must be 4,000 characters or fewer."]);
        RuleFor(x => x.SubmissionKey).NotEmpty().WithMessage(t["The form has expired. Please write your comment again."]);
    }
}
