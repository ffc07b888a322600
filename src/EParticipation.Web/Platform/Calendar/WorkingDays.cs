using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Calendar;

/// <summary>
/// Builds a <see cref="WorkingDayCalendar"/> from the current public-holiday table, read once and kept
/// until the table changes (<see cref="HolidayCalendarCache"/>).
/// </summary>
public sealed class WorkingDays(AppDbContext db, HolidayCalendarCache cache)
{
    public async Task<WorkingDayCalendar> CalendarAsync(CancellationToken cancellationToken = default)
    {
        if (cache.Get() is { } kept)
        {
            return kept;
        }
        var version = cache.Version;
        var calendar = new WorkingDayCalendar(await db.PublicHolidays.AsNoTracking().ToListAsync(cancellationToken));
        cache.Keep(version, calendar);
        return calendar;
    }
}
