using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Localization;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.BusinessFeedback.Models;

/// <summary>A business representative's feedback on a regulation or procedure.</summary>
public sealed class FeedbackInput
{
    public Guid SubmissionKey { get; set; }

    public int? AgencyId { get; set; }

    /// <summary>The regulation, rule or procedure concerned.</summary>
    public string? Regulation { get; set; }

    public string? Problem { get; set; }

    /// <summary>What it costs the business, in Saudi riyals (optional).</summary>
    public decimal? CostAmount { get; set; }

    /// <summary>How many days of delay it causes (optional).</summary>
    public int? DelayDays { get; set; }

    public string? ProposedChange { get; set; }

    /// <summary>A consultation on the portal this relates to: its number or address (a plain reference; modules do not share types).</summary>
    public string? Consultation { get; set; }
}

public sealed class FeedbackInputValidator : AbstractValidator<FeedbackInput>
{
    public FeedbackInputValidator(IStringLocalizer<BusinessFeedbackResource> t)
    {
        ArgumentNullException.ThrowIfNull(t);
        RuleFor(x => x.SubmissionKey).NotEmpty().WithMessage(t["The form has expired. Open it again."]);
        RuleFor(x => x.AgencyId).NotNull().WithMessage(t["Choose the agency responsible for it."]);
        RuleFor(x => x.Regulation).NotEmpty().WithMessage(t["Name the regulation or procedure."]).MaximumLength(300).WithMessage(t["Use at most {0} characters.", 300]);
        RuleFor(x => x.Problem).NotEmpty().WithMessage(t["Describe the problem it causes."]).MaximumLength(6000).WithMessage(t["Use at most {0} characters.", 6000]);
        RuleFor(x => x.CostAmount).InclusiveBetween(0, 1_000_000_000_000m).WithMessage(t["Enter an amount of zero or more."]);
        RuleFor(x => x.DelayDays).InclusiveBetween(0, 36500).WithMessage(t["Enter a number of days of zero or more."]);
        RuleFor(x => x.ProposedChange).NotEmpty().WithMessage(t["Say what you propose to change."]).MaximumLength(4000).WithMessage(t["Use at most {0} characters.", 4000]);
        RuleFor(x => x.Consultation).MaximumLength(300).WithMessage(t["Use at most {0} characters.", 300]);
    }
}

public sealed record FeedbackFormPage(IReadOnlyList<(int Id, LocalizedText Name)> Agencies, WorkingDayCount Expected, FeedbackInput Input);
