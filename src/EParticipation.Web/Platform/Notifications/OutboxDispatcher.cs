using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EParticipation.Web.Platform.Notifications;

/// <summary>How many rows one batch claimed, and how many of them went out.</summary>
public sealed record DispatchResult(int Claimed, int Sent);

/// <summary>Configuration section "Outbox".</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Run the background dispatcher in this instance.</summary>
    public bool Enabled { get; set; } = true;

    public double PollSeconds { get; set; } = 5;

    public int BatchSize { get; set; } = 20;

    /// <summary>How long a claim holds; longer than the SMTP timeout, so a live claim never expires mid-send.</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>After this many failures a message is marked failed and waits for an administrator.</summary>
    public int MaxAttempts { get; set; } = 12;

    public double BaseBackoffSeconds { get; set; } = 30;

    public double MaxBackoffSeconds { get; set; } = 3600;

    /// <summary>Batches sent at once by this instance, each on its own SMTP connection.</summary>
    public int Workers { get; set; } = 4;

    /// <summary>While batches come back full (a backlog), the table's statistics are refreshed at most this often by this instance (<see cref="SqlDialect.RefreshOutboxStatistics"/>); 0 never.</summary>
    public double StatisticsRefreshSeconds { get; set; } = 30;
}

/// <summary>
/// Sends due outbox rows. Rows are first claimed with a lease (on PostgreSQL with
/// <c>FOR UPDATE SKIP LOCKED</c>, on SQL Server with <c>UPDLOCK, READPAST</c>), so several instances sharing one database never take the same
/// row; a row is marked sent only by the claim that sent it. A failure is recorded with its error
/// and retried later, each wait twice the one before.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEmailTransport transport,
    UnsubscribeTokens tokens,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger)
{
    public string Instance { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    // When this instance last refreshed the table's statistics (ticks of the clock); one worker at a time does it.
    private long _statisticsRefreshedAt = long.MinValue;

    /// <summary>A transport session (over SMTP, one connection) for a worker to send several batches on.</summary>
    public IEmailBatch OpenSession() => transport.OpenBatch();

    /// <summary>Claims and sends one batch on a session of its own.</summary>
    public async Task<DispatchResult> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        await using var mail = transport.OpenBatch();
        return await DispatchOnceAsync(mail, cancellationToken);
    }

    /// <summary>
    /// Claims and sends one batch on the caller's session: a worker keeps its SMTP connection from one
    /// batch to the next (<see cref="OutboxDispatcherService"/>).
    /// </summary>
    public async Task<DispatchResult> DispatchOnceAsync(IEmailBatch mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var claim = Instance + ":" + Guid.NewGuid().ToString("N")[..8];
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now.AddSeconds(settings.LeaseSeconds);

        // One statement claims the batch and returns its rows; its form per engine is in SqlDialect.ClaimOutboxBatch.
        var batch = (await db.OutboxMessages.FromSql(db.Dialect.ClaimOutboxBatch(claim, now, until, settings.BatchSize))
            .AsNoTracking()
            .ToListAsync(cancellationToken))
            .OrderBy(m => m.Id)
            .ToList();
        var sent = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // The host is stopping: the message in hand was finished and recorded; the rest of the
                // batch is handed back at once, for another instance (or the next start) to send.
                await ReleaseAsync(db, batch.Skip(i).Select(r => r.Id).ToList(), claim);
                break;
            }
            if (await SendAsync(db, mail, batch[i], claim, settings))
            {
                sent++;
            }
        }
        // The batch's attempts, in one statement: history, written after the states it describes.
        await db.SaveChangesAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
        if (batch.Count == settings.BatchSize)
        {
            await RefreshStatisticsIfDueAsync(db, settings, cancellationToken);
        }
        return new DispatchResult(batch.Count, sent);
    }

    /// <summary>
    /// A full batch means more rows are waiting: the engine's statistics of the table may still describe
    /// it as it was before the burst, and the claim's plan with them (<see cref="SqlDialect.RefreshOutboxStatistics"/>).
    /// Refreshed at most every <see cref="OutboxOptions.StatisticsRefreshSeconds"/> by this instance; a
    /// refresh the database refuses is logged and sending goes on.
    /// </summary>
    private async Task RefreshStatisticsIfDueAsync(AppDbContext db, OutboxOptions settings, CancellationToken cancellationToken)
    {
        if (settings.StatisticsRefreshSeconds <= 0)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _statisticsRefreshedAt);
        if (last != long.MinValue && now - last < TimeSpan.FromSeconds(settings.StatisticsRefreshSeconds).Ticks)
        {
            return;
        }
        if (Interlocked.CompareExchange(ref _statisticsRefreshedAt, now, last) != last)
        {
            return; // another worker of this instance is doing it
        }
        try
        {
            await db.Database.ExecuteSqlRawAsync(db.Dialect.RefreshOutboxStatistics, cancellationToken);
            LogStatisticsRefreshed(logger);
        }
        catch (System.Data.Common.DbException ex)
        {
            LogStatisticsRefreshFailed(logger, ex);
        }
    }

    private static Task<int> ReleaseAsync(AppDbContext db, List<long> ids, string claim) =>
        db.OutboxMessages
            .Where(m => ids.Contains(m.Id) && m.ClaimedBy == claim)
            .ExecuteUpdateAsync(u => u
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None);

    /// <summary>
    /// Sends one message and records the outcome. Neither step takes the host's stopping token: once a
    /// message is handed to the mail server its state is written even while the host stops (the host
    /// waits for it), so a stop never leaves a sent message looking unsent. Only a kill between the
    /// hand-over and the write can: then that one message (at most one per dispatcher) is sent again when
    /// its lease ends, with the same Message-ID, which receivers use to drop the copy (at-least-once,
    /// docs/decisions/0004).
    /// </summary>
    private async Task<bool> SendAsync(AppDbContext db, IEmailBatch mail, OutboxMessage row, string claim, OutboxOptions settings)
    {
        string? error = null;
        try
        {
            await mail.SendAsync(Personalised(EmailOutbox.ToMessage(row), row), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = Describe(ex);
            LogSendFailed(logger, row.Id, row.AttemptCount + 1, error);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        bool marked;
        if (error is null)
        {
            // First the state, conditional on our claim: the row is marked sent once, by the instance
            // that sent it. The attempt follows; losing it loses history, not the fact.
            marked = await db.OutboxMessages
                .Where(m => m.Id == row.Id && m.ClaimedBy == claim && m.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(m => m.Status, OutboxStatus.Sent)
                    .SetProperty(m => m.SentAt, now)
                    .SetProperty(m => m.AttemptCount, m => m.AttemptCount + 1)
                    .SetProperty(m => m.LastError, (string?)null)
                    .SetProperty(m => m.ClaimedBy, (string?)null)
                    .SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None) == 1;
        }
        else
        {
            var attempts = row.AttemptCount + 1;
            var giveUp = attempts >= settings.MaxAttempts;
            var wait = Math.Min(settings.MaxBackoffSeconds, settings.BaseBackoffSeconds * Math.Pow(2, attempts - 1));
            await db.OutboxMessages
                .Where(m => m.Id == row.Id && m.ClaimedBy == claim)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(m => m.Status, giveUp ? OutboxStatus.Failed : OutboxStatus.Pending)
                    .SetProperty(m => m.AttemptCount, attempts)
                    .SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.NextAttemptAt, now.AddSeconds(wait))
                    .SetProperty(m => m.ClaimedBy, (string?)null)
                    .SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None);
            marked = false;
        }
        // Saved with the batch's other attempts: losing it loses history, not the fact.
        db.OutboxAttempts.Add(new OutboxAttempt { OutboxMessageId = row.Id, AttemptedAt = now, Succeeded = error is null, Error = error, Instance = Instance });
        return marked;
    }

    /// <summary>
    /// A follower email written by <see cref="FanOutJob"/> carries a placeholder where its recipient's
    /// unsubscribe token goes (the job writes rows in SQL, which cannot sign); the token is made here,
    /// at each attempt, for the row's recipient and kind.
    /// </summary>
    private EmailMessage Personalised(EmailMessage message, OutboxMessage row)
    {
        if (row.RecipientId is not { } recipient || row.UnsubscribeKind is not { } kind)
        {
            return message;
        }
        var token = Uri.EscapeDataString(tokens.Create(recipient, kind));
        string Fill(string text) => text.Replace(FanOutContent.TokenPlaceholder, token, StringComparison.Ordinal);
        return message with
        {
            TextBody = Fill(message.TextBody),
            HtmlBody = message.HtmlBody.Replace(FanOutContent.TokenPlaceholder, Web.PortalHtml.Encoder.Encode(token), StringComparison.Ordinal),
            Headers = message.Headers.ToDictionary(h => h.Key, h => Fill(h.Value), StringComparer.OrdinalIgnoreCase),
        };
    }

    private static string Describe(Exception ex)
    {
        var text = ex.InnerException is null ? $"{ex.GetType().Name}: {ex.Message}" : $"{ex.GetType().Name}: {ex.Message} ({ex.InnerException.Message})";
        return text.Length > 2000 ? text[..2000] : text;
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Outbox message {Id} failed on attempt {Attempt}: {Error}")]
    private static partial void LogSendFailed(ILogger logger, long id, int attempt, string error);

    [LoggerMessage(EventId = 22, Level = LogLevel.Debug, Message = "Refreshed the outbox table's statistics: a full batch was claimed")]
    private static partial void LogStatisticsRefreshed(ILogger logger);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "Could not refresh the outbox table's statistics (the portal's database account may not own the table); sending goes on")]
    private static partial void LogStatisticsRefreshFailed(ILogger logger, Exception exception);
}
