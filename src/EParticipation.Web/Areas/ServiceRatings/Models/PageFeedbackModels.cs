using FluentValidation;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.ServiceRatings.Models;

/// <summary>"Was this information useful?": the page, yes or no, and on no what was wrong.</summary>
public sealed class PageFeedbackInput
{
    /// <summary>The page's local address, for example "/ar/pages/about".</summary>
    public string? Page { get; set; }

    public string? Useful { get; set; }

    public List<string> Problems { get; set; } = [];

    public string? Text { get; set; }

    /// <summary>The honeypot: hidden from people, filled in by bots.</summary>
    public string? Website { get; set; }
}

public sealed class PageFeedbackInputValidator : AbstractValidator<PageFeedbackInput>
{
    public PageFeedbackInputValidator(IStringLocalizer<ServiceRatingsResource> t)
    {
        ArgumentNullException.ThrowIfNull(t);
        RuleFor(x => x.Useful).Must(u => u is "yes" or "no").WithMessage(t["Choose yes or no."]);
        RuleFor(x => x.Text).MaximumLength(500).WithMessage(t["Use at most {0} characters.", 500]);
        RuleForEach(x => x.Problems).Must(p => Domain.PageProblems.All.Contains(p)).WithMessage(t["Choose what was wrong from the list."]);
    }
}

/// <summary>The page after an answer: thanks, and for a text that asks for help, the way to the complaints intake.</summary>
public sealed record PageFeedbackThanks(string ReturnTo, bool AskedForHelp);

/// <summary>One page's answers for staff.</summary>
public sealed record PageFeedbackSummary(string Path, int Yes, int No, DateTime? Last);

public sealed record PageFeedbackEntry(bool Useful, string? Problems, string? Text, DateTime CreatedAt);

public sealed record PageFeedbackResults(IReadOnlyList<PageFeedbackSummary> Pages, string? Path, IReadOnlyList<PageFeedbackEntry> Entries);
