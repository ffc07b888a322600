using EParticipation.Web.Areas.Events.Domain;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Events.Models;

/// <summary>A judging criterion as the publisher types it.</summary>
public sealed class CriterionInput
{
    public int Version { get; set; }

    public string? NameAr { get; set; }

    public string? NameEn { get; set; }

    public string? DescriptionAr { get; set; }

    public string? DescriptionEn { get; set; }

    public int? Weight { get; set; }

    public int? MaxScore { get; set; }

    public static CriterionInput From(HackathonCriterion c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new()
        {
            Version = c.Version,
            NameAr = c.Name.Ar,
            NameEn = c.Name.En,
            DescriptionAr = c.Description.Ar,
            DescriptionEn = c.Description.En,
            Weight = c.Weight,
            MaxScore = c.MaxScore,
        };
    }
}

public sealed class CriterionInputValidator : AbstractValidator<CriterionInput>
{
    public CriterionInputValidator(IStringLocalizer<EventsResource> t)
    {
        RuleFor(x => x.NameAr).NotEmpty().WithMessage(t["Enter the criterion's name in Arabic."]).MaximumLength(200).WithMessage(t["The name must be 200 characters or fewer."]);
        RuleFor(x => x.NameEn).MaximumLength(200).WithMessage(t["The name must be 200 characters or fewer."]);
        RuleFor(x => x.DescriptionAr).MaximumLength(2000).WithMessage(t["The description must be 2,000 characters or fewer."]);
        RuleFor(x => x.DescriptionEn).MaximumLength(2000).WithMessage(t["The description must be 2,000 characters or fewer."]);
        RuleFor(x => x.Weight).NotNull().WithMessage(t["Enter the weight, from 1 to 100."]).InclusiveBetween(1, 100).WithMessage(t["Enter the weight, from 1 to 100."]);
        RuleFor(x => x.MaxScore).NotNull().WithMessage(t["Enter the highest score, from 1 to 100."]).InclusiveBetween(1, 100).WithMessage(t["Enter the highest score, from 1 to 100."]);
    }
}

/// <summary>A team's result as its leader or a member types it.</summary>
public sealed class SubmissionInput
{
    public int Version { get; set; }

    public string? Title { get; set; }

    public string? Summary { get; set; }

    public string? Link { get; set; }

    public List<IFormFile> Files { get; set; } = [];
}

public sealed class SubmissionInputValidator : AbstractValidator<SubmissionInput>
{
    public const int MaxFiles = 5;

    public SubmissionInputValidator(IStringLocalizer<EventsResource> t)
    {
        RuleFor(x => x.Title).NotEmpty().WithMessage(t["Enter the title of your result."]).MaximumLength(200).WithMessage(t["The title must be 200 characters or fewer."]);
        RuleFor(x => x.Summary).NotEmpty().WithMessage(t["Enter a summary of your result."]).MaximumLength(4000).WithMessage(t["The summary must be 4,000 characters or fewer."]);
        RuleFor(x => x.Link).Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
            .When(x => !string.IsNullOrWhiteSpace(x.Link)).WithMessage(t["Enter a link that starts with https://."])
            .MaximumLength(500).WithMessage(t["The link must be 500 characters or fewer."]);
        RuleFor(x => x.Files).Must(f => f.Count <= MaxFiles).WithMessage(t["Attach at most {0} files.", MaxFiles]);
    }
}

/// <summary>One judge's scores (criterion id to score) and feedback for one submission.</summary>
public sealed class ReviewInput
{
    public int Version { get; set; }

    public Dictionary<int, int?> Scores { get; set; } = [];

    public string? Feedback { get; set; }
}

public sealed class ReviewInputValidator : AbstractValidator<ReviewInput>
{
    public ReviewInputValidator(IStringLocalizer<EventsResource> t)
    {
        RuleFor(x => x.Feedback).NotEmpty().WithMessage(t["Write your feedback for the team."]).MaximumLength(4000).WithMessage(t["The feedback must be 4,000 characters or fewer."]);
    }
}
