using EParticipation.Web.Areas.ServiceRatings.Domain;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.ServiceRatings.Models;

/// <summary>The rating form. A dimension left empty is "not applicable".</summary>
public sealed class RatingInput
{
    public Guid SubmissionKey { get; set; }

    public int? Overall { get; set; }

    public int? Ease { get; set; }

    public int? Speed { get; set; }

    public int? Clarity { get; set; }

    public int? Staff { get; set; }

    public ServiceChannel? Channel { get; set; }

    public string? Comment { get; set; }

    public string? Suggestion { get; set; }

    public RatingScores Scores => new(Overall ?? 0, Ease, Speed, Clarity, Staff);
}

/// <summary>
/// The rating form's rules. The messages are looked up only when a rule fails (a validator is made for
/// every request, and a rating that passes need not read a dozen localized strings).
/// </summary>
public sealed class RatingInputValidator : AbstractValidator<RatingInput>
{
    public RatingInputValidator(IStringLocalizer<ServiceRatingsResource> t)
    {
        ArgumentNullException.ThrowIfNull(t);
        RuleFor(x => x.SubmissionKey).NotEmpty().WithMessage(_ => t["The form has expired. Open it again."]);
        RuleFor(x => x.Overall).NotNull().WithMessage(_ => t["Choose your overall rating, from 1 to 5."])
            .InclusiveBetween(1, 5).WithMessage(_ => t["Choose your overall rating, from 1 to 5."]);
        RuleFor(x => x.Ease).InclusiveBetween(1, 5).WithMessage(_ => t["Choose from 1 to 5, or not applicable."]);
        RuleFor(x => x.Speed).InclusiveBetween(1, 5).WithMessage(_ => t["Choose from 1 to 5, or not applicable."]);
        RuleFor(x => x.Clarity).InclusiveBetween(1, 5).WithMessage(_ => t["Choose from 1 to 5, or not applicable."]);
        RuleFor(x => x.Staff).InclusiveBetween(1, 5).WithMessage(_ => t["Choose from 1 to 5, or not applicable."]);
        RuleFor(x => x.Channel).NotNull().WithMessage(_ => t["Choose how you used the service."])
            .Must(c => c is ServiceChannel.Online or ServiceChannel.ServiceCentre or ServiceChannel.Phone).WithMessage(_ => t["Choose how you used the service."]);
        RuleFor(x => x.Comment).MaximumLength(2000).WithMessage(_ => t["Use at most {0} characters.", 2000]);
        RuleFor(x => x.Suggestion).MaximumLength(4000).WithMessage(_ => t["Use at most {0} characters.", 4000]);
    }
}

/// <summary>One 1-5 question of the rating form (a group of radio buttons).</summary>
public sealed record StarsField(string Name, string Legend, int? Value, bool Required);
