using EParticipation.Web.Platform.Calendar;

namespace EParticipation.Web.Platform.Cases;

/// <summary>The 10-working-day clock applied to one case: its due day and how that was counted.</summary>
public static class CaseClock
{
    public static WorkingDayCount Count(Case c, WorkingDayCalendar calendar, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(calendar);
        var pauses = c.CurrentPauses.Select(p => new ClockPause(p.StartedAt, p.EndedAt));
        return calendar.AddWorkingDays(c.ClockStartedAt, CaseRules.ResponseWorkingDays, pauses, now);
    }

    /// <summary>
    /// Sets the case's due day from the clock. Returns the old day when it moved, so the caller can
    /// record the change.
    /// </summary>
    public static DateOnly? Update(Case c, WorkingDayCalendar calendar, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(c);
        var due = Count(c, calendar, now).Due;
        if (due == c.DueOn)
        {
            return null;
        }
        var old = c.DueOn;
        c.DueOn = due;
        return old;
    }
}
