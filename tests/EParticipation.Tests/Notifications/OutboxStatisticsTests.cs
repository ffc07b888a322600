using System.Globalization;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EParticipation.Tests.Notifications;

/// <summary>
/// The outbox is a queue: a burst takes it from empty to thousands of pending rows faster than the
/// engine's automatic statistics follow, and PostgreSQL then plans the claim for "a few rows" (read all
/// pending rows and sort them: 93 ms a claim at 11,000 pending in bench/results/cases-outbox.md). While
/// batches come back full, the dispatcher refreshes the table's statistics itself, at most every
/// <see cref="OutboxOptions.StatisticsRefreshSeconds"/>.
/// </summary>
public sealed class OutboxStatisticsTests : IDisposable
{
    private readonly SmtpReceiver _smtp = new();
    private readonly PortalFactory _factory;

    public OutboxStatisticsTests()
    {
        _factory = new PortalFactory();
        _factory.WithSmtp(_smtp);
        _factory.With("Outbox:Enabled", "false");
    }

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.Dispose();
    }

    [Fact]
    public async Task FullBatches_RefreshTheTablesStatistics_AtMostEveryThirtySeconds_AndAPartialBatchDoesNot()
    {
        await _factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            if (TestDatabase.Provider == DatabaseProvider.Postgres)
            {
                // Only the dispatcher may refresh them in this test, not autovacuum's own analyze.
                await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "OutboxMessages" SET (autovacuum_enabled = false)""");
            }
            // Statistics taken while the queue was empty, as before a burst.
            await db.Database.ExecuteSqlRawAsync(db.Dialect.RefreshOutboxStatistics);
            return 0;
        });
        Assert.Equal(0, await RowsInStatisticsAsync());

        await EnqueueAsync(60);
        Assert.Equal(0, await RowsInStatisticsAsync());

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(1));
        var dispatcher = new OutboxDispatcher(
            _factory.Services.GetRequiredService<IServiceScopeFactory>(),
            _factory.Services.GetRequiredService<IEmailTransport>(),
            _factory.Services.GetRequiredService<UnsubscribeTokens>(),
            Options.Create(new OutboxOptions { BatchSize = 20 }),
            clock,
            NullLogger<OutboxDispatcher>.Instance);

        // A full batch: more are waiting, and the statistics now know the 60 rows.
        Assert.Equal(new DispatchResult(20, 20), await dispatcher.DispatchOnceAsync(CancellationToken.None));
        Assert.Equal(60, await RowsInStatisticsAsync());

        // Another full batch 10 s later: not refreshed again so soon.
        await EnqueueAsync(30);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(new DispatchResult(20, 20), await dispatcher.DispatchOnceAsync(CancellationToken.None));
        Assert.Equal(60, await RowsInStatisticsAsync());

        // 30 s after the refresh, a full batch refreshes them again.
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(new DispatchResult(20, 20), await dispatcher.DispatchOnceAsync(CancellationToken.None));
        Assert.Equal(90, await RowsInStatisticsAsync());

        // Later still, a batch that empties the queue (not full: no backlog) leaves them alone.
        await EnqueueAsync(5);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new DispatchResult(20, 20), await dispatcher.DispatchOnceAsync(CancellationToken.None));
        Assert.Equal(95, await RowsInStatisticsAsync());
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new DispatchResult(15, 15), await dispatcher.DispatchOnceAsync(CancellationToken.None));
        await EnqueueAsync(1);
        Assert.Equal(95, await RowsInStatisticsAsync());
        Assert.Equal(95, _smtp.Mailbox.All().Count(m => m.To.Contains("burst-", StringComparison.Ordinal)));
    }

    private Task<int> EnqueueAsync(int count) => _factory.WithScopeAsync(async sp =>
    {
        var outbox = sp.GetRequiredService<IEmailOutbox>();
        var composer = sp.GetRequiredService<EmailComposer>();
        for (var i = 0; i < count; i++)
        {
            outbox.Enqueue(composer.Compose($"burst-{Guid.NewGuid():N}@example.test", null, "ar", new EmailContent { Subject = "رسالة", Paragraphs = ["نص"] }), "test.burst");
        }
        await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
        return 0;
    });

    /// <summary>How many rows the engine's statistics say the table holds (PostgreSQL's reltuples; SQLite's sqlite_stat1 for a full index).</summary>
    private Task<long> RowsInStatisticsAsync() => _factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        if (TestDatabase.Provider == DatabaseProvider.Postgres)
        {
            return await db.Database.SqlQueryRaw<long>("""SELECT reltuples::bigint AS "Value" FROM pg_class WHERE oid = '"OutboxMessages"'::regclass""").SingleAsync();
        }
        var stat = await db.Database.SqlQueryRaw<string>("""SELECT stat AS "Value" FROM sqlite_stat1 WHERE tbl = 'OutboxMessages' AND idx = 'IX_OutboxMessages_CreatedAt'""").SingleOrDefaultAsync();
        return stat is null ? 0 : long.Parse(stat.Split(' ')[0], CultureInfo.InvariantCulture);
    });
}
