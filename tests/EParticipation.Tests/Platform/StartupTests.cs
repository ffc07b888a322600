using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EParticipation.Tests.Platform;

/// <summary>Several instances started at the same moment on an empty database all come up.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task ThreeInstances_StartedTogetherOnAnEmptyDatabase_AllServe_AndTheDemoDataExistsOnce()
    {
        using var database = TestDatabase.Create();
        var portals = Enumerable.Range(0, 3).Select(_ => PortalFactory.OnDatabase(database).With("Seeds:DemoData", "true")).ToList();
        try
        {
            // Each host migrates and seeds as it starts (before it serves), all three at once.
            var clients = await Task.WhenAll(portals.Select(p => Task.Run(p.Client)));

            foreach (var client in clients)
            {
                var ready = await client.GetAsync("/health/ready");
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            }
            var counts = await portals[0].WithDbAsync(async db => new
            {
                Admins = await db.Users.CountAsync(u => u.Email == "admin@demo.portal.test"),
                Agencies = await db.Agencies.GroupBy(a => a.Code).CountAsync(g => g.Count() > 1),
                Consultations = await db.Consultations.CountAsync(),
                Migrations = (await db.Database.GetAppliedMigrationsAsync()).Count(),
            });
            Assert.Equal(1, counts.Admins);
            Assert.Equal(0, counts.Agencies);
            Assert.True(counts.Consultations > 0);
            using var context = database.NewContext();
            Assert.Equal(context.Database.GetMigrations().Count(), counts.Migrations);
        }
        finally
        {
            foreach (var portal in portals)
            {
                portal.Dispose();
            }
        }
    }

    [Fact]
    public async Task Instance_WaitingLongerThanItsCommandTimeoutForAnotherInstancesStart_StartsOnceItIsDone()
    {
        using var database = TestDatabase.Create();
        var holdFor = TimeSpan.FromSeconds(12);
        if (TestDatabase.Provider == DatabaseProvider.Postgres)
        {
            // Another instance holds the start-up lock (it is migrating) for longer than this one's
            // command timeout of 5 s.
            await using var other = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
            await other.OpenAsync();
            await using (var command = new NpgsqlCommand(SqlDialect.For(DatabaseProvider.Postgres).AcquireStartupLock!, other))
            {
                await command.ExecuteNonQueryAsync();
            }
            var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString) { CommandTimeout = 5 }.ConnectionString;
            using var portal = PortalFactory.OnDatabase(database).With("Database:ConnectionString", connection);
            var starting = Task.Run(portal.Client);
            await Task.Delay(holdFor);
            Assert.False(starting.IsCompleted);
            await other.CloseAsync();

            var client = await starting;

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        }
        else
        {
            var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource + ".startup-lock";
            using var portal = PortalFactory.OnDatabase(database);
            Task<PortalClient> starting;
            await using (new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
                starting = Task.Run(portal.Client);
                await Task.Delay(holdFor);
                Assert.False(starting.IsCompleted);
            }

            var client = await starting;

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        }
    }
}
