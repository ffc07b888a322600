using EParticipation.Web.Data;

namespace EParticipation.Web.Areas.Consultations.Services;

/// <summary>
/// Every <c>Consultations:RecountMinutes</c> (15 by default; 0 turns it off) recounts the counters of
/// open consultations and of those closed in the last two days, 50 consultations a statement, so a
/// counter left short by a crash is right again within minutes and once more after closing. Bounded
/// work (open consultations are few, and each recount is a handful of indexed counts), and safe with
/// several instances: each sets counters from the rows, so running it in two instances at once only
/// repeats the same answer.
/// </summary>
public sealed partial class CounterRecountService(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<CounterRecountService> logger) : BackgroundService
{
    private const int Chunk = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue("Consultations:RecountMinutes", 15.0);
        if (minutes <= 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRecountFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: returns how many consultations had a counter that did not match its rows.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var recount = scope.ServiceProvider.GetRequiredService<CounterRecount>();
        var due = await recount.DueAsync(clock.GetUtcNow().UtcDateTime, TimeSpan.FromDays(2), cancellationToken);
        var wrong = 0;
        foreach (var chunk in due.Chunk(Chunk))
        {
            wrong += await recount.RecountAsync(chunk, cancellationToken);
        }
        if (wrong > 0)
        {
            LogCorrected(logger, wrong);
        }
        return wrong;
    }

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "Recounted the counters of {Consultations} consultations that did not match their rows")]
    private static partial void LogCorrected(ILogger logger, int consultations);

    [LoggerMessage(EventId = 42, Level = LogLevel.Error, Message = "The consultations' counter recount failed; it runs again at its next interval")]
    private static partial void LogRecountFailed(ILogger logger, Exception exception);
}
