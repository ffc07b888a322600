using System.Collections.Concurrent;
using System.Globalization;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Calendar;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Cases;

/// <summary>
/// Hands out tracking numbers such as CMP-1448-000123 from a counter row per kind and Hijri year
/// (<see cref="CaseCounter"/>). Each instance reserves a block of numbers at a time with one statement
/// of its own (an upsert that adds the block's size and returns the new value), and hands them out
/// from memory, reserving the next block while half of the current one is left. So submissions do not
/// queue on the counter row, several instances never share a number, and the numbers are
/// gap-tolerant as domain.md allows: a stopped instance leaves the rest of its block (and the block it
/// reserved ahead) unused, and a
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

    /// <summary>
    /// The next number for a case of this kind submitted now. Call it before the case's own transaction.
    /// Once half of a block is handed out, the next block is reserved in the background, so a
    /// submission waits for the counter only when that reservation has not come back in time (or failed).
    /// </summary>
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
                block.Last = await NextBlockAsync(block, prefix, year, cancellationToken);
                block.Next = block.Last - BlockSize + 1;
            }
            if (block.Ahead is null && block.Last - block.Next < BlockSize / 2)
            {
                // No request's token: the reservation serves whichever submissions come next.
                block.Ahead = ReserveAsync(prefix, year, CancellationToken.None);
            }
            return Format(prefix, year, block.Next++);
        }
        finally
        {
            block.Gate.Release();
        }
    }

    /// <summary>The block reserved ahead, or (none, or it failed) one reserved now.</summary>
    private async Task<int> NextBlockAsync(Block block, string prefix, int year, CancellationToken cancellationToken)
    {
        var ahead = block.Ahead;
        block.Ahead = null;
        if (ahead is not null)
        {
            try
            {
                return await ahead.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The database refused it (or was away for a moment): try again for this submission.
            }
        }
        return await ReserveAsync(prefix, year, cancellationToken);
    }

    /// <summary>
    /// Adds a block to the counter and returns its last number, in one statement that also creates the
    /// kind's counter for a new year (SqlDialect.ReserveCaseNumbers): one round trip and one short commit
    /// of its own, never inside a submission's transaction.
    /// </summary>
    private async Task<int> ReserveAsync(string prefix, int year, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var last = await db.Database.SqlQuery<int>(db.Dialect.ReserveCaseNumbers(prefix, year, BlockSize)).ToListAsync(cancellationToken);
        return last.Count == 1 ? last[0] : throw new InvalidOperationException($"The counter {prefix}-{year} did not return its value.");
    }

    private sealed class Block
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Next { get; set; } = 1;

        public int Last { get; set; }

        /// <summary>The next block's reservation, started when half of this one is handed out.</summary>
        public Task<int>? Ahead { get; set; }
    }
}
