using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Localization;

namespace EParticipation.Tests.Cases;

/// <summary>The 10-working-day clock, counted in Saudi time on the Sunday-to-Thursday week.</summary>
public sealed class WorkingDayCalendarTests
{
    private static readonly TimeSpan Riyadh = TimeSpan.FromHours(3);

    private static PublicHoliday Holiday(string en, DateOnly start, DateOnly end) =>
        new() { Name = new LocalizedText("عطلة " + en, en), StartDate = start, EndDate = end };

    // Eid al-Fitr 1448 as seeds/holidays.json has it: Tuesday 9 to Friday 12 March 2027.
    private static readonly PublicHoliday EidAlFitr1448 = Holiday("Eid al-Fitr holiday 1448 AH", new DateOnly(2027, 3, 9), new DateOnly(2027, 3, 12));

    [Fact]
    public void AddWorkingDays_WhenSubmittedOnThursdayEvening_CountsFromSundayAndSkipsTwoWeekends()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 3, 21, 30, 0, Riyadh));
        var calendar = new WorkingDayCalendar([]);

        var count = calendar.AddWorkingDays(clock.GetUtcNow().UtcDateTime, 10);

        Assert.Equal(new DateOnly(2026, 12, 3), count.From);
        Assert.Equal(new DateOnly(2026, 12, 17), count.Due);
        Assert.Equal(DayOfWeek.Thursday, count.Due.DayOfWeek);
        Assert.Equal(4, count.WeekendDays);
        Assert.All(count.Skipped, d => Assert.True(d.Date.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday));
    }

    [Fact]
    public void AddWorkingDays_WhenItIsStillWednesdayInUtcButThursdayInRiyadh_CountsFromTheSaudiDay()
    {
        // 22:30 UTC on Wednesday is 01:30 on Thursday in Riyadh.
        var clock = new TestClock(new DateTimeOffset(2026, 12, 2, 22, 30, 0, TimeSpan.Zero));

        var count = new WorkingDayCalendar([]).AddWorkingDays(clock.GetUtcNow().UtcDateTime, 10);

        Assert.Equal(new DateOnly(2026, 12, 3), count.From);
        Assert.Equal(new DateOnly(2026, 12, 17), count.Due);
    }

    [Fact]
    public void AddWorkingDays_WhenSubmittedOnTheWeekend_IsDueTheSameDayAsOnThursday()
    {
        var calendar = new WorkingDayCalendar([]);
        var friday = new TestClock(new DateTimeOffset(2026, 12, 4, 10, 0, 0, Riyadh));
        var saturday = new TestClock(new DateTimeOffset(2026, 12, 5, 23, 0, 0, Riyadh));

        Assert.Equal(new DateOnly(2026, 12, 17), calendar.AddWorkingDays(friday.GetUtcNow().UtcDateTime, 10).Due);
        Assert.Equal(new DateOnly(2026, 12, 17), calendar.AddWorkingDays(saturday.GetUtcNow().UtcDateTime, 10).Due);
        // Friday and Saturday are never working days, in whatever week.
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 1, 2)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 1, 3)));
    }

    [Fact]
    public void AddWorkingDays_AcrossEid_SkipsTheHolidayAndNamesIt()
    {
        var clock = new TestClock(new DateTimeOffset(2027, 3, 7, 10, 0, 0, Riyadh));
        var calendar = new WorkingDayCalendar([EidAlFitr1448]);

        var count = calendar.AddWorkingDays(clock.GetUtcNow().UtcDateTime, 10);

        // Monday 8, then Eid (Tue 9 - Thu 11; Friday 12 is a weekend day anyway), then 14-18 and 21-24.
        Assert.Equal(new DateOnly(2027, 3, 24), count.Due);
        var eid = Assert.Single(count.Holidays);
        Assert.Equal("Eid al-Fitr holiday 1448 AH", eid.Name.En);
        Assert.Equal(3, eid.Days);
        Assert.Equal(new DateOnly(2027, 3, 9), eid.First);
        Assert.Equal(4, count.WeekendDays);
        Assert.Equal(10, count.WorkingDays);
    }

    [Fact]
    public void AddWorkingDays_WhileThePauseForInformationLasted_DoesNotCountThoseDays()
    {
        var calendar = new WorkingDayCalendar([]);
        var submitted = new DateTimeOffset(2026, 12, 6, 9, 0, 0, Riyadh).UtcDateTime;
        var clock = new TestClock(new DateTimeOffset(2026, 12, 8, 10, 0, 0, Riyadh));
        var asked = clock.GetUtcNow().UtcDateTime;
        clock.Set(new DateTimeOffset(2026, 12, 13, 11, 0, 0, Riyadh));
        var answered = clock.GetUtcNow().UtcDateTime;

        var without = calendar.AddWorkingDays(submitted, 10);
        var with = calendar.AddWorkingDays(submitted, 10, [new ClockPause(asked, answered)]);

        Assert.Equal(new DateOnly(2026, 12, 20), without.Due);
        // Wednesday 9, Thursday 10 and Sunday 13 were paused; the weekend between is a weekend.
        Assert.Equal(new DateOnly(2026, 12, 23), with.Due);
        Assert.Equal(3, with.PausedDays);
        Assert.Equal([new DateOnly(2026, 12, 9), new DateOnly(2026, 12, 10), new DateOnly(2026, 12, 13)],
            with.Skipped.Where(d => d.Reason == SkipReason.Paused).Select(d => d.Date));
    }

    [Fact]
    public void AddWorkingDays_WithAnOpenPause_KeepsMovingTheDueDayUntilTheAnswer()
    {
        var calendar = new WorkingDayCalendar([]);
        var submitted = new DateTimeOffset(2026, 12, 6, 9, 0, 0, Riyadh).UtcDateTime;
        var clock = new TestClock(new DateTimeOffset(2026, 12, 8, 10, 0, 0, Riyadh));
        var pause = new ClockPause(clock.GetUtcNow().UtcDateTime, null);

        clock.Advance(TimeSpan.FromDays(1));
        var afterOneDay = calendar.AddWorkingDays(submitted, 10, [pause], clock.GetUtcNow().UtcDateTime);
        clock.Advance(TimeSpan.FromDays(1));
        var afterTwoDays = calendar.AddWorkingDays(submitted, 10, [pause], clock.GetUtcNow().UtcDateTime);

        Assert.Equal(new DateOnly(2026, 12, 21), afterOneDay.Due);
        Assert.Equal(new DateOnly(2026, 12, 22), afterTwoDays.Due);
    }

    [Fact]
    public void AddWorkingDays_AfterAHolidayIsAddedLater_MovesTheDueDayAndExplainsWhy()
    {
        var submitted = new TestClock(new DateTimeOffset(2026, 12, 3, 21, 30, 0, Riyadh)).GetUtcNow().UtcDateTime;
        var holidays = new List<PublicHoliday>();
        var before = new WorkingDayCalendar(holidays).AddWorkingDays(submitted, 10);

        holidays.Add(Holiday("Extra holiday", new DateOnly(2026, 12, 14), new DateOnly(2026, 12, 15)));
        var after = new WorkingDayCalendar(holidays).AddWorkingDays(submitted, 10);

        Assert.Equal(new DateOnly(2026, 12, 17), before.Due);
        Assert.Equal(new DateOnly(2026, 12, 21), after.Due);
        Assert.Equal("Extra holiday", Assert.Single(after.Holidays).Name.En);
    }

    [Fact]
    public void WorkingDaysBetween_CountsOnlyWorkingDaysAfterTheFirstDay()
    {
        var calendar = new WorkingDayCalendar([EidAlFitr1448]);
        var thursday = new DateTimeOffset(2027, 3, 4, 20, 0, 0, Riyadh).UtcDateTime;

        Assert.Equal(0, calendar.WorkingDaysBetween(thursday, thursday.AddHours(2)));
        Assert.Equal(1, calendar.WorkingDaysBetween(thursday, new DateTimeOffset(2027, 3, 7, 8, 0, 0, Riyadh).UtcDateTime));
        // Sunday 7 and Monday 8 count; Eid and the weekend do not; Sunday 14 counts.
        Assert.Equal(3, calendar.WorkingDaysBetween(thursday, new DateTimeOffset(2027, 3, 14, 8, 0, 0, Riyadh).UtcDateTime));
        Assert.Equal(new DateOnly(2027, 3, 8), calendar.WorkingDaysBefore(new DateOnly(2027, 3, 15), 2));
    }
}
