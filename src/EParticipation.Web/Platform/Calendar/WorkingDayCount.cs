using EParticipation.Web.Platform.Localization;

namespace EParticipation.Web.Platform.Calendar;

/// <summary>A holiday that fell inside a count, and how many of its days were left out.</summary>
public sealed record SkippedHoliday(LocalizedText Name, DateOnly First, DateOnly Last, int Days);

/// <summary>
/// The result of counting working days, with everything needed to explain it: the Saudi day the
/// count started from (the submission's day, not itself counted), the due day, and each day that was
/// skipped and why.
/// </summary>
public sealed record WorkingDayCount(DateOnly From, DateOnly Due, int WorkingDays, IReadOnlyList<SkippedDay> Skipped)
{
    public int WeekendDays => Skipped.Count(d => d.Reason == SkipReason.Weekend);

    public int PausedDays => Skipped.Count(d => d.Reason == SkipReason.Paused);

    /// <summary>The holidays that were skipped, in date order, each once with its number of days.</summary>
    public IReadOnlyList<SkippedHoliday> Holidays =>
        Skipped.Where(d => d.Reason == SkipReason.Holiday)
            .GroupBy(d => (d.Holiday!.Ar, d.Holiday.En))
            .Select(g => new SkippedHoliday(g.First().Holiday!, g.Min(d => d.Date), g.Max(d => d.Date), g.Count()))
            .OrderBy(h => h.First)
            .ToList();
}
