using EParticipation.Web.Data;
using EParticipation.Web.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Cases;

/// <summary>
/// Fills the search text of cases filed before it existed (the CaseSearchText migration adds the
/// column empty), in batches, so the officer's queue finds them by their words too. A no-op once done.
/// </summary>
public sealed class CaseSearchTextSeeder : IDataSeeder
{
    private const int BatchSize = 500;

    public int Order => 50;

    public bool DemoOnly => false;

    public async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var after = 0L;
        while (true)
        {
            var batch = await db.Cases.Where(c => c.SearchText == "" && c.Id > after).OrderBy(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var c in batch)
            {
                c.Describe(c.Subject, c.Description);
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
