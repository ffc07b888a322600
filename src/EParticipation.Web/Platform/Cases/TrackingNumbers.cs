using System.Collections.Concurrent;
using System.Globalization;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Cases;

/// <summary>
/// Hands out tracking numbers such as CMP-1448-000123 from a counter row per kind and Hijri year
/// (<see cref="CaseCounter"/>). Each instance reserves a block of numbers at a time in a short
/// transaction of its own (one UPDATE that adds the block's size, then a read of the new value, while
/// the row is locked), and hands them out from memory. So submissions do not queue on the counter
/// row while their cases are stored, several instances never share a number, and the numbers are
/// gap-tolerant as domain.md allows: a stopped instance leaves the rest of its block unused, and a
/// case whose transaction fails leaves its number unused. The unique index on Cases.TrackingNumber
/// is the last guard. Plain LINQ on every provider.
/// </summary>
public sealed class TrackingNumbers(IServiceScopeFactory scopes, IConfiguration configuration)
{
    private static readonly UmAlQuraCalendar UmAlQura = new();

    private readonly ConcurrentDictionary<(string Prefix, int Year), Block> blocks = new();

    /// <summary>Numbers reserved at a time (Cases:TrackingNumberBlockSize, 1 to 1,000; 10 by default).</summary>
    public int BlockSize { get; } = Math.Clamp(configuration.GetValue("Cases:TrackingNumberBlockSize", 10), 1, 1000);

    public static int HijriYear(DateTime utc) => UmAlQura.GetYear(DualDate.ToSaudiTime(utc));

    public static string Format(string prefix, int year, int value) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year}-{value:D6}");

    /// <summary>The next number for a case of this kind submitted now. Call it before the case's own transaction.</summary>
    public async Task<string> NextAsync(CaseKind kind, DateTime now, CancellationToken cancellationToken)
    {
        var prefix = CaseKinds.Prefix(kind);
        var year = HijriYear(now);
        var block = blocks.GetOrAdd((prefix, year), _ => new Block());
        await block.Gate.WaitAsync(cancellationToken);
        try
        {
            if (block.Next > block.Last)
            {
                block.Last = await ReserveAsync(prefix, year, cancellationToken);
                block.Next = block.Last - BlockSize + 1;
            }
            return Format(prefix, year, block.Next++);
        }
        finally
        {
            block.Gate.Release();
        }
    }

    /// <summary>Adds a block to the counter and returns its last number.</summary>
    private async Task<int> ReserveAsync(string prefix, int year, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await EnsureCounterAsync(db, prefix, year, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var size = BlockSize;
        var updated = await db.CaseCounters
            .Where(c => c.Prefix == prefix && c.Year == year)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Value, c => c.Value + size), cancellationToken);
        if (updated != 1)
        {
            throw new InvalidOperationException($"The counter {prefix}-{year} is missing.");
        }
        // The row is ours until commit, so this reads our own increment.
        var last = await db.CaseCounters.AsNoTracking()
            .Where(c => c.Prefix == prefix && c.Year == year)
            .Select(c => c.Value)
            .SingleAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return last;
    }

    /// <summary>Creates the year's counter row if it is missing (another instance may create it at the same moment).</summary>
    private static async Task EnsureCounterAsync(AppDbContext db, string prefix, int year, CancellationToken cancellationToken)
    {
        if (await db.CaseCounters.AnyAsync(c => c.Prefix == prefix && c.Year == year, cancellationToken))
        {
            return;
        }
        db.CaseCounters.Add(new CaseCounter { Prefix = prefix, Year = year, Value = 0 });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            // Another instance created it first: that is all we wanted.
        }
        db.ChangeTracker.Clear();
    }

    private sealed class Block
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Next { get; set; } = 1;

        public int Last { get; set; }
    }
}
