using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EParticipation.Web.Platform.Notifications;

/// <summary>Wakes this instance's dispatcher when a request has just committed an email.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        if (_semaphore.CurrentCount == 0)
        {
            try
            {
                _semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: one wake-up is enough.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _semaphore.Dispose();
}

/// <summary>Notices outbox rows (and follower fan-out events) being saved and signals once they are committed.</summary>
public sealed class OutboxSaveChangesInterceptor(OutboxSignal signal, FanOutSignal fanOut) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, object> Flagged = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Flag(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Flag(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData.Context, committed: eventData.Context?.Database.CurrentTransaction is null);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context, committed: eventData.Context?.Database.CurrentTransaction is null);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        Release(eventData.Context, committed: true);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context, committed: true);
        return Task.CompletedTask;
    }

    private static void Flag(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        // Both are added to their DbSet, so they are tracked as Added already: no need for Entries() to
        // detect changes first (SaveChanges does that once, right after this).
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        bool outbox, fanOut;
        try
        {
            outbox = tracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);
            fanOut = tracker.Entries<FanOutEvent>().Any(e => e.State == EntityState.Added);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
        if (outbox || fanOut)
        {
            var previous = Flagged.TryGetValue(context, out var value) ? (Signals)value : Signals.None;
            Flagged.AddOrUpdate(context, previous | (outbox ? Signals.Outbox : Signals.None) | (fanOut ? Signals.FanOut : Signals.None));
        }
    }

    private void Release(DbContext? context, bool committed)
    {
        if (!committed || context is null || !Flagged.TryGetValue(context, out var value))
        {
            return;
        }
        Flagged.Remove(context);
        var flags = (Signals)value;
        if (flags.HasFlag(Signals.Outbox))
        {
            signal.Notify();
        }
        if (flags.HasFlag(Signals.FanOut))
        {
            fanOut.Notify();
        }
    }

    [Flags]
    private enum Signals
    {
        None = 0,
        Outbox = 1,
        FanOut = 2,
    }
}

/// <summary>
/// The dispatcher's loops (<c>Outbox:Workers</c> of them, each a batch at a time): a batch whenever
/// signalled or every poll interval. A worker that finds a whole batch wakes another before draining
/// on, so a large queue is sent by all of them. Each worker keeps one transport session (over SMTP, one
/// connection) from batch to batch while it has work, and lets it go after a batch with a failure (the
/// next one connects anew) or a poll interval without work.
/// </summary>
public sealed class OutboxDispatcherService(OutboxDispatcher dispatcher, OutboxSignal signal, IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<OutboxOptions> options, ILogger<OutboxDispatcherService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Math.Max(1, options.Value.Workers);
        await using (var scope = scopes.CreateAsyncScope())
        {
            // SQLite takes one writer at a time: parallel workers would only wait for each other's commits.
            if (scope.ServiceProvider.GetRequiredService<EParticipation.Web.Data.AppDbContext>().Dialect.Provider == EParticipation.Web.Data.DatabaseProvider.Sqlite)
            {
                workers = 1;
            }
        }
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)));
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        IEmailBatch? mail = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    // Drain: keep going while whole batches come back.
                    // A stop lets the batch in hand finish its message and hand the rest back (the host
                    // waits for ExecuteAsync), then no new batch is claimed.
                    while (true)
                    {
                        mail ??= dispatcher.OpenSession();
                        var result = await dispatcher.DispatchOnceAsync(mail, stoppingToken);
                        if (result.Sent < result.Claimed)
                        {
                            await CloseAsync(mail);
                            mail = null;
                        }
                        if (result.Claimed < options.Value.BatchSize || stoppingToken.IsCancellationRequested)
                        {
                            break;
                        }
                        signal.Notify();
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    OutboxLog.DispatchFailed(logger, ex);
                    await CloseAsync(mail);
                    mail = null;
                }
                bool woken;
                try
                {
                    woken = await signal.WaitAsync(poll, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                if (!woken && mail is not null)
                {
                    // A poll interval without work: the connection goes (a server would drop it anyway).
                    await CloseAsync(mail);
                    mail = null;
                }
            }
        }
        finally
        {
            await CloseAsync(mail);
        }
    }

    private async Task CloseAsync(IEmailBatch? mail)
    {
        if (mail is null)
        {
            return;
        }
        try
        {
            await mail.DisposeAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            OutboxLog.DispatchFailed(logger, ex);
        }
    }
}

internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "The outbox dispatcher failed; it will try again")]
    public static partial void DispatchFailed(ILogger logger, Exception exception);
}
