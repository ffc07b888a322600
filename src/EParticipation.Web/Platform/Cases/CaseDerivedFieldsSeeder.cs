using EParticipation.Web.Data;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Cases;

/// <summary>
/// Fills, for cases filed before a version of the portal computed them at the time, what later
/// versions keep on each case: the Arabic-normalised search text (the queue's search) and the month of
/// receipt and working days to the first answer (the open statistics). In batches; a no-op once done.
/// </summary>
public sealed class CaseDerivedFieldsSeeder(WorkingDays workingDays) : IDataSeeder
{
    private const int BatchSize = 500;

    public int Order => 50;

    public bool DemoOnly => false;

    public async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var calendar = await workingDays.CalendarAsync(cancellationToken);
        var after = 0L;
        while (true)
        {
            var batch = await db.Cases.Include(c => c.Pauses)
                .Where(c => (c.SearchText == "" || c.ReceivedMonth == 0 || (c.FirstRespondedAt != null && c.FirstResponseWorkingDays == null)) && c.Id > after)
                .OrderBy(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var c in batch)
            {
                c.Describe(c.Subject, c.Description);
                c.CountForStatistics(calendar);
                after = c.Id;
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (batch.Count < BatchSize)
            {
                return;
            }
        }
    }
}
