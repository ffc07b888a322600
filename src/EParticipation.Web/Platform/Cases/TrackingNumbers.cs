using System.Globalization;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Cases;

/// <summary>
/// Hands out tracking numbers such as CMP-1448-000123 from a counter row per kind and Hijri year
/// (<see cref="CaseCounter"/>). Plain LINQ on every provider: the increment is one UPDATE, which
/// locks the row until the caller's transaction ends, so concurrent submissions on any number of
/// instances queue on it and never share a number. The unique index on Cases.TrackingNumber is the
/// last guard.
/// </summary>
public sealed class TrackingNumbers(AppDbContext db)
{
    private static readonly UmAlQuraCalendar UmAlQura = new();

    public static int HijriYear(DateTime utc) => UmAlQura.GetYear(DualDate.ToSaudiTime(utc));

    public static string Format(string prefix, int year, int value) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year}-{value:D6}");

    /// <summary>
    /// Creates the year's counter row if it is missing. Call it before the submission's transaction:
    /// a failed insert (another instance made the row first) must not abort that transaction.
    /// </summary>
    public async Task EnsureCounterAsync(CaseKind kind, DateTime now, CancellationToken cancellationToken)
    {
        var prefix = CaseKinds.Prefix(kind);
        var year = HijriYear(now);
        if (await db.CaseCounters.AnyAsync(c => c.Prefix == prefix && c.Year == year, cancellationToken))
        {
            return;
        }
        var row = new CaseCounter { Prefix = prefix, Year = year, Value = 0 };
        db.CaseCounters.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            // Another instance created it at the same moment: that is all we wanted.
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    /// <summary>The next number. Must run inside the transaction that stores the case.</summary>
    public async Task<string> NextAsync(CaseKind kind, DateTime now, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A tracking number is taken inside the transaction that stores its case.");
        }
        var prefix = CaseKinds.Prefix(kind);
        var year = HijriYear(now);
        var updated = await db.CaseCounters
            .Where(c => c.Prefix == prefix && c.Year == year)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Value, c => c.Value + 1), cancellationToken);
        if (updated != 1)
        {
            throw new InvalidOperationException($"The counter {prefix}-{year} is missing; call EnsureCounterAsync first.");
        }
        // The row is ours until commit, so this reads our own increment.
        var value = await db.CaseCounters.AsNoTracking()
            .Where(c => c.Prefix == prefix && c.Year == year)
            .Select(c => c.Value)
            .SingleAsync(cancellationToken);
        return Format(prefix, year, value);
    }
}
