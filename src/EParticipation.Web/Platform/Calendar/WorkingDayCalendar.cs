namespace EParticipation.Web.Platform.Calendar;

/// <summary>
/// Counts working days the Saudi way: in Saudi time (Asia/Riyadh), on the Sunday-to-Thursday week,
/// skipping the days of the public-holiday table and the days a clock was paused. Pure and cheap:
/// build one from the holidays (<see cref="WorkingDays.CalendarAsync"/>) and ask it as often as
/// needed.
/// </summary>
/// <remarks>
/// The rule, as the public page states it: the day something is submitted is not counted, whatever
/// the hour; counting starts with the next working day, and the due day is the last of the N working
/// days (the answer is due by the end of it, Saudi time). A complaint sent on Thursday evening is
/// therefore counted from Sunday.
/// </remarks>
public sealed class WorkingDayCalendar
{
    // Ten working days never need more than a few weeks; the bound only stops a table that closes
    // every day from looping for ever.
    private const int MaxDaysScanned = 3660;

    private readonly IReadOnlyList<PublicHoliday> _holidays;

    public WorkingDayCalendar(IEnumerable<PublicHoliday> holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        _holidays = holidays.OrderBy(h => h.StartDate).ToList();
    }

    /// <summary>The Saudi calendar day of a UTC moment.</summary>
    public static DateOnly SaudiDate(DateTime utc) => DateOnly.FromDateTime(DualDate.ToSaudiTime(utc));

    public static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday;

    public PublicHoliday? HolidayOn(DateOnly day) => _holidays.FirstOrDefault(h => h.Covers(day));

    public bool IsWorkingDay(DateOnly day) => !IsWeekend(day) && HolidayOn(day) is null;

    /// <summary>
    /// The day that is <paramref name="workingDays"/> working days after the Saudi day of
    /// <paramref name="startUtc"/>, not counting the paused days.
    /// </summary>
    /// <param name="asOfUtc">Where an open pause ends for this count (normally now).</param>
    public WorkingDayCount AddWorkingDays(DateTime startUtc, int workingDays, IEnumerable<ClockPause>? pauses = null, DateTime? asOfUtc = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var paused = PausedDays(pauses, asOfUtc);
        var from = SaudiDate(startUtc);
        var skipped = new List<SkippedDay>();
        var day = from;
        var counted = 0;
        for (var scanned = 0; counted < workingDays; scanned++)
        {
            if (scanned > MaxDaysScanned)
            {
                throw new InvalidOperationException("The holiday table leaves no working day to count.");
            }
            day = day.AddDays(1);
            var reason = Classify(day, paused, out var holiday);
            if (reason is null)
            {
                counted++;
            }
            else
            {
                skipped.Add(new SkippedDay(day, reason.Value, holiday?.Name));
            }
        }
        return new WorkingDayCount(from, day, counted, skipped);
    }

    /// <summary>
    /// How many working days passed from the Saudi day of <paramref name="fromUtc"/> (not counted) to
    /// that of <paramref name="toUtc"/> (counted), leaving out paused days: 0 when both are the same day.
    /// </summary>
    public int WorkingDaysBetween(DateTime fromUtc, DateTime toUtc, IEnumerable<ClockPause>? pauses = null)
    {
        var paused = PausedDays(pauses, toUtc);
        var from = SaudiDate(fromUtc);
        var to = SaudiDate(toUtc);
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (Classify(day, paused, out _) is null)
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>The working day <paramref name="workingDays"/> before <paramref name="day"/> (for reminders ahead of a due day).</summary>
    public DateOnly WorkingDaysBefore(DateOnly day, int workingDays)
    {
        var counted = 0;
        for (var scanned = 0; counted < workingDays; scanned++)
        {
            if (scanned > MaxDaysScanned)
            {
                throw new InvalidOperationException("The holiday table leaves no working day to count.");
            }
            day = day.AddDays(-1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }
        return day;
    }

    private SkipReason? Classify(DateOnly day, HashSet<DateOnly> paused, out PublicHoliday? holiday)
    {
        holiday = null;
        if (IsWeekend(day))
        {
            return SkipReason.Weekend;
        }
        holiday = HolidayOn(day);
        if (holiday is not null)
        {
            return SkipReason.Holiday;
        }
        return paused.Contains(day) ? SkipReason.Paused : null;
    }

    private static HashSet<DateOnly> PausedDays(IEnumerable<ClockPause>? pauses, DateTime? asOfUtc)
    {
        var days = new HashSet<DateOnly>();
        foreach (var pause in pauses ?? [])
        {
            var end = pause.EndedAt ?? asOfUtc;
            if (end is null)
            {
                throw new ArgumentException("An open pause needs the moment the count is made for.", nameof(asOfUtc));
            }
            for (var day = SaudiDate(pause.StartedAt).AddDays(1); day <= SaudiDate(end.Value); day = day.AddDays(1))
            {
                days.Add(day);
            }
        }
        return days;
    }
}
