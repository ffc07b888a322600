using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Seeding;

/// <summary>
/// Brings the database up to date before the portal serves anything: applies the provider's
/// migrations, then runs the seeders. Runs in the host's "starting" phase, ahead of the web server.
/// </summary>
public sealed partial class DatabaseInitializer(
    IServiceScopeFactory scopes,
    DatabaseOptions options,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<DatabaseInitializer> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Held across the whole step: another instance starting now waits here, then finds nothing left to do.
        await using (await StartupLock.AcquireAsync(db, cancellationToken))
        {
            if (options.MigrateOnStartup)
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            foreach (var statement in db.Dialect.StartupStatements)
            {
                await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
            }
            var demo = configuration.GetValue("Seeds:DemoData", environment.IsDevelopment());
            var seeders = scope.ServiceProvider.GetServices<IDataSeeder>()
                .Where(s => demo || !s.DemoOnly)
                .OrderBy(s => s.Order);
            foreach (var seeder in seeders)
            {
                await RunAsync(seeder, db, cancellationToken);
            }
        }
    }

    private async Task RunAsync(IDataSeeder seeder, AppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await seeder.SeedAsync(db, cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another instance starting at the same moment inserted the same rows first; its copy
            // stands, and a second pass finds nothing left to add.
            LogSeedRace(logger, seeder.GetType().Name, ex.Message);
            db.ChangeTracker.Clear();
            await seeder.SeedAsync(db, cancellationToken);
        }
        db.ChangeTracker.Clear();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Seeder {Seeder} met rows another instance had just added ({Error}); retrying")]
    private static partial void LogSeedRace(ILogger logger, string seeder, string error);
}
