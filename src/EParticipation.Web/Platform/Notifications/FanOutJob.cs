using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EParticipation.Web.Platform.Notifications;

/// <summary>Configuration section "FanOut".</summary>
public sealed class FanOutOptions
{
    public const string Section = "FanOut";

    /// <summary>Run the follower fan-out job in this instance (any number of instances may).</summary>
    public bool Enabled { get; set; } = true;

    public double PollSeconds { get; set; } = 2;

    /// <summary>Followers enqueued per transaction.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>How long a claim on an event holds without a committed batch; another instance then takes it over.</summary>
    public int LeaseSeconds { get; set; } = 60;
}

/// <summary>Wakes the fan-out job when an event has been committed.</summary>
public sealed class FanOutSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _semaphore.Dispose();
}

/// <summary>What one run did: events finished and follower rows written.</summary>
public sealed record FanOutResult(int Events, int Emails, int DigestItems, int Batches);

/// <summary>
/// Turns <see cref="FanOutEvent"/>s into follower emails. An event is claimed with a lease by a
/// conditional UPDATE (only when nobody holds it or the holder's lease has run out), so of several
/// instances one works on it. Each batch is one transaction: the INSERT ... SELECT of the emails and
/// of the digest entries for the next range of follow ids (SqlDialect.FanOutEmails/FanOutDigest) and
/// the move of the event's cursor past that range, conditional on the claim and on the cursor being
/// where this job read it. A job that stops or dies between batches leaves the cursor after the last
/// committed one, and whoever takes the event next goes on from there; a job that lost its claim
/// meanwhile rolls its batch back. Memory does not grow with the number of followers: the rows are
/// written by the database from the follows table.
/// </summary>
public sealed partial class FanOutJob(
    IServiceScopeFactory scopes,
    OutboxSignal outboxSignal,
    IOptions<FanOutOptions> options,
    TimeProvider clock,
    ILogger<FanOutJob> logger)
{
    public string Instance { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Works on unfinished events until none is left to claim, or <paramref name="maxBatches"/> batches
    /// have been written (a test's way of stopping a job half-way, as a crash would: the claim stays
    /// until its lease ends).
    /// </summary>
    public async Task<FanOutResult> RunAsync(CancellationToken cancellationToken, int maxBatches = int.MaxValue)
    {
        int events = 0, emails = 0, digests = 0, batches = 0;
        var tried = new HashSet<long>();
        while (batches < maxBatches && !cancellationToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            var candidates = await db.FanOutEvents.AsNoTracking()
                .Where(e => e.CompletedAt == null && (e.ClaimedUntil == null || e.ClaimedUntil < now) && !tried.Contains(e.Id))
                .OrderBy(e => e.Id)
                .Select(e => e.Id)
                .Take(10)
                .ToListAsync(cancellationToken);
            if (candidates.Count == 0)
            {
                break;
            }
            foreach (var id in candidates)
            {
                tried.Add(id);
                var claim = Instance + ":" + Guid.NewGuid().ToString("N")[..8];
                if (!await ClaimAsync(db, id, claim, cancellationToken))
                {
                    continue; // another instance took it first
                }
                var (done, e, d, b) = await WorkAsync(db, id, claim, maxBatches - batches, cancellationToken);
                emails += e;
                digests += d;
                batches += b;
                if (done)
                {
                    events++;
                }
                if (batches >= maxBatches || cancellationToken.IsCancellationRequested)
                {
                    break;
                }
            }
        }
        return new FanOutResult(events, emails, digests, batches);
    }

    private async Task<bool> ClaimAsync(AppDbContext db, long id, string claim, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now.AddSeconds(options.Value.LeaseSeconds);
        return await db.FanOutEvents
            .Where(e => e.Id == id && e.CompletedAt == null && (e.ClaimedUntil == null || e.ClaimedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.ClaimedBy, claim).SetProperty(e => e.ClaimedUntil, until), cancellationToken) == 1;
    }

    private async Task<(bool Done, int Emails, int Digests, int Batches)> WorkAsync(AppDbContext db, long id, string claim, int maxBatches, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        int emails = 0, digests = 0, batches = 0;
        while (true)
        {
            var fanOut = await db.FanOutEvents.AsNoTracking().SingleAsync(e => e.Id == id, CancellationToken.None);
            if (fanOut.ClaimedBy != claim)
            {
                return (false, emails, digests, batches);
            }
            var followers = db.Follows.AsNoTracking()
                .Where(f => f.Kind == fanOut.Kind && f.TargetId == fanOut.TargetId && f.Id > fanOut.Cursor && f.Id <= fanOut.UpToFollowId)
                .OrderBy(f => f.Id)
                .Select(f => f.Id);
            var upTo = await followers.Skip(settings.BatchSize - 1).Select(f => (long?)f).FirstOrDefaultAsync(CancellationToken.None)
                ?? await followers.MaxAsync(f => (long?)f, CancellationToken.None);
            var now = clock.GetUtcNow().UtcDateTime;
            if (upTo is null)
            {
                await db.FanOutEvents
                    .Where(e => e.Id == id && e.ClaimedBy == claim)
                    .ExecuteUpdateAsync(u => u
                        .SetProperty(e => e.CompletedAt, now)
                        .SetProperty(e => e.ClaimedBy, (string?)null)
                        .SetProperty(e => e.ClaimedUntil, (DateTime?)null), CancellationToken.None);
                return (true, emails, digests, batches);
            }
            if (batches >= maxBatches || cancellationToken.IsCancellationRequested)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    // A clean stop hands the event back at once.
                    await db.FanOutEvents
                        .Where(e => e.Id == id && e.ClaimedBy == claim)
                        .ExecuteUpdateAsync(u => u.SetProperty(e => e.ClaimedBy, (string?)null).SetProperty(e => e.ClaimedUntil, (DateTime?)null), CancellationToken.None);
                }
                return (false, emails, digests, batches);
            }

            // Once a batch has started it is finished (or rolled back) whatever the host's token says.
            int e1, d1;
            await using (var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None))
            {
                e1 = await db.Database.ExecuteSqlAsync(db.Dialect.FanOutEmails(id, fanOut.Cursor, upTo.Value, $"<fanout.{id}.", now), CancellationToken.None);
                d1 = await db.Database.ExecuteSqlAsync(db.Dialect.FanOutDigest(id, fanOut.Cursor, upTo.Value, now), CancellationToken.None);
                var until = now.AddSeconds(settings.LeaseSeconds);
                var moved = await db.FanOutEvents
                    .Where(e => e.Id == id && e.ClaimedBy == claim && e.Cursor == fanOut.Cursor)
                    .ExecuteUpdateAsync(u => u
                        .SetProperty(e => e.Cursor, upTo.Value)
                        .SetProperty(e => e.Emails, e => e.Emails + e1)
                        .SetProperty(e => e.DigestItems, e => e.DigestItems + d1)
                        .SetProperty(e => e.ClaimedUntil, until), CancellationToken.None);
                if (moved != 1)
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                    LogClaimLost(logger, id);
                    return (false, emails, digests, batches);
                }
                await transaction.CommitAsync(CancellationToken.None);
            }
            emails += e1;
            digests += d1;
            batches++;
            if (e1 > 0)
            {
                outboxSignal.Notify();
            }
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Fan-out event {Id}: the claim ran out and another instance took it; this batch was rolled back")]
    private static partial void LogClaimLost(ILogger logger, long id);
}

/// <summary>The fan-out job's loop: whenever an event is committed in this instance, and every poll interval.</summary>
public sealed partial class FanOutService(FanOutJob job, FanOutSignal signal, IOptions<FanOutOptions> options, ILogger<FanOutService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await job.RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
            try
            {
                await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 31, Level = LogLevel.Error, Message = "The follower fan-out job failed; it will try again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
