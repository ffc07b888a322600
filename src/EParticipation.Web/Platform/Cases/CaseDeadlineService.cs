using Microsoft.Extensions.Options;

namespace EParticipation.Web.Platform.Cases;

/// <summary>Configuration section "Cases".</summary>
public sealed class CaseOptions
{
    public const string Section = "Cases";

    /// <summary>Run the reminder and escalation job in this instance (any number may; each email goes once).</summary>
    public bool DeadlinesEnabled { get; set; } = true;

    public double DeadlinePollMinutes { get; set; } = 15;
}

/// <summary>Runs <see cref="CaseDeadlines"/> every few minutes.</summary>
public sealed partial class CaseDeadlineService(IServiceScopeFactory scopes, IOptions<CaseOptions> options, TimeProvider clock, ILogger<CaseDeadlineService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var run = await scope.ServiceProvider.GetRequiredService<CaseDeadlines>().RunAsync(stoppingToken);
                if (run.Reminders + run.Escalations > 0)
                {
                    LogRun(logger, run.Reminders, run.Escalations);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(Math.Max(0.05, options.Value.DeadlinePollMinutes)), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "Case deadlines: {Reminders} reminders, {Escalations} escalations")]
    private static partial void LogRun(ILogger logger, int reminders, int escalations);

    [LoggerMessage(EventId = 61, Level = LogLevel.Error, Message = "The case deadline job failed; it will try again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
