using EParticipation.Web.Areas.Complaints.Domain;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Localization;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Complaints.Models;

/// <summary>A step of the guided intake: the question and its choices.</summary>
public sealed record RoutingStep(ComplaintRoute? Parent, IReadOnlyList<ComplaintRoute> Choices, string? Error);

/// <summary>The complaint form for a government agency's service.</summary>
public sealed class ComplaintInput
{
    /// <summary>Generated when the form is shown: sending it twice makes one case.</summary>
    public Guid SubmissionKey { get; set; }

    public int? AgencyId { get; set; }

    public string? Service { get; set; }

    /// <summary>The catalogue's service, when the form was opened from a service's page (a hidden field).</summary>
    public int? ServiceId { get; set; }

    public string? Reference { get; set; }

    public string? Subject { get; set; }

    public string? Description { get; set; }

    /// <summary>Supporting documents (PDF or Office) and photos (PNG, JPEG), checked by their content.</summary>
    public List<IFormFile> Files { get; set; } = [];
}

public sealed class ComplaintInputValidator : AbstractValidator<ComplaintInput>
{
    public ComplaintInputValidator(IStringLocalizer<ComplaintsResource> t)
    {
        ArgumentNullException.ThrowIfNull(t);
        RuleFor(x => x.SubmissionKey).NotEmpty().WithMessage(t["The form has expired. Open it again."]);
        RuleFor(x => x.Service).MaximumLength(300).WithMessage(t["Use at most {0} characters.", 300]);
        RuleFor(x => x.Reference).MaximumLength(100).WithMessage(t["Use at most {0} characters.", 100]);
        RuleFor(x => x.Subject).NotEmpty().WithMessage(t["Give your complaint a short title."]).MaximumLength(300).WithMessage(t["Use at most {0} characters.", 300]);
        RuleFor(x => x.Files).Must(f => f.Count <= 5).WithMessage(t["Attach at most 5 files."]);
        RuleFor(x => x.Description).NotEmpty().WithMessage(t["Describe what happened."]).MaximumLength(8000).WithMessage(t["Use at most {0} characters.", 8000]);
    }
}

/// <summary>The complaint form page, with the due date a complaint sent now would get.</summary>
public sealed record ComplaintFormPage(ComplaintRoute Route, IReadOnlyList<(int Id, LocalizedText Name)> Agencies, LocalizedText? FixedAgency, WorkingDayCount Expected, ComplaintInput Input);
