using EParticipation.Web.Areas.Polls.Domain;
using EParticipation.Web.Platform.Calendar;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EParticipation.Web.Areas.Polls.Models;

/// <summary>The staff form of a poll. Dates are Saudi time, as typed; <see cref="ToUtc"/> stores them.</summary>
public sealed class PollInput
{
    public int Version { get; set; }

    public string? QuestionAr { get; set; }

    public string? QuestionEn { get; set; }

    public string? DescriptionAr { get; set; }

    public string? DescriptionEn { get; set; }

    /// <summary>The form shows ten rows; rows left empty are not options.</summary>
    public List<PollOptionInput> Options { get; set; } = [];

    public DateTime? OpensAt { get; set; }

    public DateTime? ClosesAt { get; set; }

    public bool ResultsBeforeClosing { get; set; }

    public List<int> TargetGroupIds { get; set; } = [];

    public bool LimitedToTargetGroups { get; set; }

    /// <summary>Set by the controller: the poll is being created, so it may not open in the past.</summary>
    [BindNever]
    public bool IsNew { get; set; }

    public IReadOnlyList<PollOptionInput> FilledOptions =>
        Options.Where(o => !string.IsNullOrWhiteSpace(o.TextAr) || !string.IsNullOrWhiteSpace(o.TextEn)).ToList();

    /// <summary>Pads the options to the ten rows the form shows.</summary>
    public PollInput WithEmptyRows()
    {
        while (Options.Count < Poll.MaxOptions)
        {
            Options.Add(new PollOptionInput());
        }
        return this;
    }

    public static PollInput From(Poll p) => new PollInput
    {
        Version = p.Version,
        QuestionAr = p.Question.Ar,
        QuestionEn = p.Question.En,
        DescriptionAr = p.Description.Ar,
        DescriptionEn = p.Description.En,
        Options = p.Options.OrderBy(o => o.Position).Select(o => new PollOptionInput { TextAr = o.Text.Ar, TextEn = o.Text.En }).ToList(),
        OpensAt = DualDate.ToSaudiTime(p.OpensAt),
        ClosesAt = DualDate.ToSaudiTime(p.ClosesAt),
        ResultsBeforeClosing = p.ResultsBeforeClosing,
        TargetGroupIds = p.TargetGroups.Select(g => g.TargetGroupId).ToList(),
        LimitedToTargetGroups = p.LimitedToTargetGroups,
    }.WithEmptyRows();

    public static DateTime ToUtc(DateTime saudiTime) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(saudiTime, DateTimeKind.Unspecified), DualDate.SaudiTime);
}

public sealed class PollOptionInput
{
    public string? TextAr { get; set; }

    public string? TextEn { get; set; }
}
