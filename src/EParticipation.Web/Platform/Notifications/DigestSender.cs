using EParticipation.Web.Data;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace EParticipation.Web.Platform.Notifications;

/// <summary>Configuration section "Notifications".</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>The Saudi-time hour at which daily digests go out.</summary>
    public int DigestHour { get; set; } = 7;

    /// <summary>Run the digest job in this instance (any number of instances may; each digest is sent once).</summary>
    public bool DigestEnabled { get; set; } = true;
}

/// <summary>
/// Sends each participant who chose "daily digest" one email listing what happened to the items they
/// follow. The items are claimed and the email queued in one transaction, so a digest is sent once
/// even when several instances run the job together, and an item never appears in two digests.
/// </summary>
public sealed class DigestSender(
    AppDbContext db,
    Notifier notifier,
    TimeProvider clock,
    IStringLocalizer<SharedResource> s)
{
    public async Task<int> SendPendingAsync(CancellationToken cancellationToken)
    {
        var waiting = await db.DigestItems.AsNoTracking()
            .Where(d => d.SentAt == null)
            .Select(d => d.UserId)
            .Distinct()
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var userId in waiting)
        {
            if (await SendToAsync(userId, cancellationToken))
            {
                sent++;
            }
        }
        return sent;
    }

    private async Task<bool> SendToAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var items = await db.DigestItems.AsNoTracking()
            .Where(d => d.UserId == userId && d.SentAt == null)
            .OrderBy(d => d.Id)
            .ToListAsync(cancellationToken);
        var ids = items.Select(i => i.Id).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        // The claim: rows another instance took meanwhile no longer match, and the counts differ.
        var claimed = await db.DigestItems
            .Where(d => ids.Contains(d.Id) && d.SentAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.SentAt, now), cancellationToken);
        if (claimed != ids.Count || ids.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        if (user.Email is null)
        {
            await transaction.CommitAsync(cancellationToken);
            return false;
        }
        notifier.NotifyUser(user, "digest", () => new EmailContent
        {
            Subject = s["Your daily summary: {0} update|Your daily summary: {0} updates"].ForCount(items.Count),
            Greeting = s["Hello {0},", user.FullName],
            Paragraphs = [s["Here is what happened yesterday to the items you follow. You chose to receive these updates once a day; you can change that in your notification preferences."]],
            Items = items.Select(i => new EmailItem(i.Title, i.Summary, i.Url)).ToList(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}

/// <summary>Runs the digest once a day, at the configured hour, Saudi time.</summary>
public sealed partial class DigestService(IServiceScopeFactory scopes, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<DigestService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateOnly? lastRun = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var local = DualDate.ToSaudiTime(clock.GetUtcNow().UtcDateTime);
            var today = DateOnly.FromDateTime(local);
            if (local.Hour >= options.Value.DigestHour && lastRun != today)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var sent = await scope.ServiceProvider.GetRequiredService<DigestSender>().SendPendingAsync(stoppingToken);
                    LogDigests(logger, sent);
                    lastRun = today;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogDigestFailed(logger, ex);
                }
            }
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Daily digests queued: {Count}")]
    private static partial void LogDigests(ILogger logger, int count);

    [LoggerMessage(EventId = 41, Level = LogLevel.Error, Message = "The daily digest failed; it will try again")]
    private static partial void LogDigestFailed(ILogger logger, Exception exception);
}
