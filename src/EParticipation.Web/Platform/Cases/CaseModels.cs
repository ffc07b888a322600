using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Web;
using FluentValidation;

namespace EParticipation.Web.Platform.Cases;

public sealed record MyCaseRow(string TrackingNumber, CaseKind Kind, string Subject, LocalizedText Agency, CaseState State, CaseEndState? EndState, DateTime SubmittedAt, DateOnly DueOn, bool Paused);

public enum CaseDueFilter
{
    Any,
    Overdue,
    DueSoon,
    Later,
}

/// <summary>The queue's filters, bound from the query string.</summary>
public sealed class CaseQueueFilter
{
    public CaseKind? Kind { get; set; }

    public CaseState? State { get; set; }

    public CaseDueFilter Due { get; set; }

    public bool Mine { get; set; }

    /// <summary>Include closed cases.</summary>
    public bool All { get; set; }

    /// <summary>A tracking number or words of the subject or description.</summary>
    public string? Q { get; set; }

    public int? Page { get; set; }

    public IEnumerable<KeyValuePair<string, string?>> Query() =>
    [
        new("kind", Kind?.ToString()),
        new("state", State?.ToString()),
        new("due", Due == CaseDueFilter.Any ? null : Due.ToString()),
        new("mine", Mine ? "true" : null),
        new("all", All ? "true" : null),
        new("q", Q),
    ];
}

public sealed record CaseQueueRow(long Id, string TrackingNumber, CaseKind Kind, string Subject, CaseState State, CaseEndState? EndState, DateTime SubmittedAt, DateOnly DueOn, bool Paused, string? AssignedTo);

public sealed record CaseQueuePage(Paged<CaseQueueRow> Rows, CaseQueueFilter Filter, DateOnly Today, DateOnly SoonLimit);

/// <summary>The due day of a case with how it was counted, for the explanation on its page.</summary>
public sealed record CaseDue(Case Case, WorkingDayCount Count, bool ForSubmitter, bool Overdue);

/// <summary>A text someone types on a case page: a note, a response, a question, an answer, a reason.</summary>
public sealed class CaseTextInput
{
    public string? Text { get; set; }
}

public sealed class CaseTextInputValidator : AbstractValidator<CaseTextInput>
{
    public CaseTextInputValidator(Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> s)
    {
        ArgumentNullException.ThrowIfNull(s);
        RuleFor(x => x.Text).NotEmpty().WithMessage(s["Enter the text."]).MaximumLength(8000).WithMessage(s["Use at most {0} characters.", 8000]);
    }
}

public sealed class CaseAssignInput
{
    public Guid? OfficerId { get; set; }
}

public sealed class CaseTransferInput
{
    public int? AgencyId { get; set; }

    public string? Reason { get; set; }
}

public sealed class CaseTransferInputValidator : AbstractValidator<CaseTransferInput>
{
    public CaseTransferInputValidator(Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> s)
    {
        ArgumentNullException.ThrowIfNull(s);
        RuleFor(x => x.AgencyId).NotNull().WithMessage(s["Choose the agency."]);
        RuleFor(x => x.Reason).MaximumLength(2000).WithMessage(s["Use at most {0} characters.", 2000]);
    }
}

public sealed class CaseCloseInput
{
    public CaseEndState? EndState { get; set; }

    public string? Message { get; set; }
}

public sealed class CaseCloseInputValidator : AbstractValidator<CaseCloseInput>
{
    public CaseCloseInputValidator(Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> s)
    {
        ArgumentNullException.ThrowIfNull(s);
        RuleFor(x => x.EndState).NotNull().WithMessage(s["Choose how the case ends."])
            .Must(e => e != Cases.CaseEndState.Withdrawn).WithMessage(s["Only the submitter can withdraw a case."]);
        RuleFor(x => x.Message).MaximumLength(4000).WithMessage(s["Use at most {0} characters.", 4000]);
    }
}

public sealed class CaseRateInput
{
    public int? Stars { get; set; }

    public string? Comment { get; set; }
}

public sealed class CaseRateInputValidator : AbstractValidator<CaseRateInput>
{
    public CaseRateInputValidator(Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> s)
    {
        ArgumentNullException.ThrowIfNull(s);
        RuleFor(x => x.Stars).NotNull().WithMessage(s["Choose a rating from 1 to 5."]).InclusiveBetween(1, 5).WithMessage(s["Choose a rating from 1 to 5."]);
        RuleFor(x => x.Comment).MaximumLength(2000).WithMessage(s["Use at most {0} characters.", 2000]);
    }
}

/// <summary>The submitter's case page.</summary>
public sealed class MyCasePage
{
    public required Case Case { get; init; }

    public required WorkingDayCount Count { get; init; }

    public bool Overdue { get; init; }

    public bool CanReopen { get; init; }

    public CaseTextInput Information { get; init; } = new();

    public CaseTextInput Reopen { get; init; } = new();

    public CaseRateInput Rate { get; init; } = new();
}

/// <summary>The case officer's page for one case.</summary>
public sealed class StaffCasePage
{
    public required Case Case { get; init; }

    public required WorkingDayCount Count { get; init; }

    public bool Overdue { get; init; }

    public required string SubmitterName { get; init; }

    public required IReadOnlyList<(Guid Id, string Name)> Officers { get; init; }

    public required IReadOnlyList<(int Id, LocalizedText Name)> Agencies { get; init; }

    public required IReadOnlyDictionary<Guid, string> Actors { get; init; }

    public CaseAssignInput Assign { get; init; } = new();

    public CaseTextInput Note { get; init; } = new();

    public CaseTextInput Response { get; init; } = new();

    public CaseTextInput Question { get; init; } = new();

    public CaseTransferInput Transfer { get; init; } = new();

    public CaseCloseInput Close { get; init; } = new();

    /// <summary>On a conflict: what other people did to the case since this officer's page showed it, newest first.</summary>
    public IReadOnlyList<CaseTimelineEntry> Changes { get; set; } = [];
}

/// <summary>The submitter's forms on a case page, to show again with their errors.</summary>
public sealed class MyCasePageInputs
{
    public CaseTextInput Information { get; set; } = new();

    public CaseTextInput Reopen { get; set; } = new();

    public CaseRateInput Rate { get; set; } = new();
}

/// <summary>The officer's forms on a case page, to show again with their errors.</summary>
public sealed class StaffCasePageInputs
{
    public CaseTextInput Note { get; set; } = new();

    public CaseTextInput Response { get; set; } = new();

    public CaseTextInput Question { get; set; } = new();

    public CaseTransferInput Transfer { get; set; } = new();

    public CaseCloseInput Close { get; set; } = new();
}
