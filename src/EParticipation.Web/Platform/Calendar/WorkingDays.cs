using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Calendar;

/// <summary>Builds a <see cref="WorkingDayCalendar"/> from the current public-holiday table.</summary>
public sealed class WorkingDays(AppDbContext db)
{
    public async Task<WorkingDayCalendar> CalendarAsync(CancellationToken cancellationToken = default) =>
        new(await db.PublicHolidays.AsNoTracking().ToListAsync(cancellationToken));
}
