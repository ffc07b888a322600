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
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger)
{
    public string Instance { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Claims and sends one batch.</summary>
    public async Task<DispatchResult> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var claim = Instance + ":" + Guid.NewGuid().ToString("N")[..8];
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now.AddSeconds(settings.LeaseSeconds);
        var pending = nameof(OutboxStatus.Pending);

        // One statement claims the batch; its form per engine is in SqlDialect.ClaimOutboxBatch.
        await db.Database.ExecuteSqlAsync(db.Dialect.ClaimOutboxBatch(claim, now, until, pending, settings.BatchSize), cancellationToken);

        var batch = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.ClaimedBy == claim)
            .OrderBy(m => m.Id)
            .ToListAsync(cancellationToken);
        var sent = 0;
        // One transport session for the batch: over SMTP, one connection for all its messages.
        await using var mail = transport.OpenBatch();
        foreach (var row in batch)
        {
            if (await SendAsync(db, mail, row, claim, settings, cancellationToken))
            {
                sent++;
            }
        }
        return new DispatchResult(batch.Count, sent);
    }

    private async Task<bool> SendAsync(AppDbContext db, IEmailBatch mail, OutboxMessage row, string claim, OutboxOptions settings, CancellationToken cancellationToken)
    {
        string? error = null;
        try
        {
            await mail.SendAsync(EmailOutbox.ToMessage(row), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = Describe(ex);
            LogSendFailed(logger, row.Id, row.AttemptCount + 1, error);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.OutboxAttempts.Add(new OutboxAttempt { OutboxMessageId = row.Id, AttemptedAt = now, Succeeded = error is null, Error = error, Instance = Instance });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        if (error is null)
        {
            // Conditional on our claim: the row is marked sent once, by the instance that sent it.
            var marked = await db.OutboxMessages
                .Where(m => m.Id == row.Id && m.ClaimedBy == claim && m.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(m => m.Status, OutboxStatus.Sent)
                    .SetProperty(m => m.SentAt, now)
                    .SetProperty(m => m.AttemptCount, m => m.AttemptCount + 1)
                    .SetProperty(m => m.LastError, (string?)null)
                    .SetProperty(m => m.ClaimedBy, (string?)null)
                    .SetProperty(m => m.ClaimedUntil, (DateTime?)null), cancellationToken);
            return marked == 1;
        }

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
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null), cancellationToken);
        return false;
    }

    private static string Describe(Exception ex)
    {
        var text = ex.InnerException is null ? $"{ex.GetType().Name}: {ex.Message}" : $"{ex.GetType().Name}: {ex.Message} ({ex.InnerException.Message})";
        return text.Length > 2000 ? text[..2000] : text;
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Outbox message {Id} failed on attempt {Attempt}: {Error}")]
    private static partial void LogSendFailed(ILogger logger, long id, int attempt, string error);
}
