using System.Diagnostics;
using System.Globalization;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Notifications;

/// <summary>
/// The dispatcher's concurrent workers against the real SMTP receiver (aiosmtpd's Mailbox handler, as
/// the other mail tests): several instances, each with several workers, send every message once, and
/// a worker keeps its SMTP connection from batch to batch.
/// </summary>
public sealed class OutboxWorkerTests : IDisposable
{
    private const int Messages = 300;
    private const int BatchSize = 10;
    private const int Workers = 4;

    private readonly SmtpReceiver _smtp = new();
    private readonly TcpRelay _relay;
    private readonly TestDatabase _database = TestDatabase.Create();

    public OutboxWorkerTests()
    {
        _relay = new TcpRelay(_smtp.Port);
    }

    public void Dispose()
    {
        _database.Dispose();
        _relay.Dispose();
        _smtp.Dispose();
    }

    [Fact]
    public async Task TwoInstancesWithFourWorkersEach_SendEveryMessageOnce_EachWorkerOnOneConnection()
    {
        using var first = Portal();
        using var second = Portal();
        _ = second.Services;
        await first.WithScopeAsync(async sp =>
        {
            var outbox = sp.GetRequiredService<IEmailOutbox>();
            var composer = sp.GetRequiredService<EmailComposer>();
            for (var i = 0; i < Messages; i++)
            {
                outbox.Enqueue(composer.Compose($"workers-{i}@example.test", null, "ar", new EmailContent { Subject = $"رسالة {i}", Paragraphs = ["نص"] }), "test.workers");
            }
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
            return 0;
        });

        await WaitUntilSentAsync();
        // Let anything sent twice arrive, and the last batch's attempts (written after its states), before counting.
        await Task.Delay(1000);
        List<OutboxMessage> rows;
        await using (var db = _database.NewContext())
        {
            rows = await db.OutboxMessages.AsNoTracking().Include(m => m.Attempts).Where(m => m.Category == "test.workers").ToListAsync();
        }
        var received = _smtp.Mailbox.All().Where(m => m.To.Contains("workers-", StringComparison.Ordinal)).ToList();
        Assert.Equal(Messages, received.Count);
        Assert.Equal(Messages, received.Select(m => m.MessageId).Distinct().Count());
        Assert.All(rows, r =>
        {
            Assert.Equal(OutboxStatus.Sent, r.Status);
            Assert.Null(r.ClaimedBy);
            Assert.Single(r.Attempts);
        });
        // The work was shared (SQLite runs one worker per instance, PostgreSQL four), and each worker
        // kept its connection: 30 batches, far fewer connections than batches.
        Assert.True(rows.SelectMany(r => r.Attempts).Select(a => a.Instance).Distinct().Count() == 2, "Both instances sent messages.");
        // (A worker that found nothing for a poll interval lets its connection go, and may open another
        // if it finds work later: a little room above one each.)
        Assert.InRange(_relay.Connections, 2, (2 * Workers) + 4);
    }

    [Fact]
    public async Task OneConnection_Sends200MessagesWithoutWaitingForDelayedAcknowledgements()
    {
        // With Nagle's algorithm on, the end of each message's data waited for the server's delayed ACK
        // (about 40 ms on Linux), so each message on a connection took 40 ms or more. The receiver here
        // writes each message without fsync (the benchmarks' handler), so that the disk's latency on a
        // busy machine is not what is measured.
        using var fast = new SmtpReceiver(fast: true);
        using var factory = new PortalFactory();
        foreach (var (key, value) in fast.PortalSettings())
        {
            factory.With(key, value);
        }
        factory.With("Outbox:Enabled", "false");
        var transport = factory.Services.GetRequiredService<IEmailTransport>();
        var composer = factory.Services.GetRequiredService<EmailComposer>();
        var messages = Enumerable.Range(0, 200)
            .Select(i => composer.Compose($"paced-{i}@example.test", null, "ar", new EmailContent { Subject = $"رسالة {i}", Paragraphs = ["نص"] }))
            .ToList();
        var times = new List<TimeSpan>();
        await using (var batch = transport.OpenBatch())
        {
            foreach (var message in messages)
            {
                var started = Stopwatch.GetTimestamp();
                await batch.SendAsync(message, CancellationToken.None);
                times.Add(Stopwatch.GetElapsedTime(started));
            }
        }

        await fast.Mailbox.WaitForCountAsync(m => m.To.Contains("paced-", StringComparison.Ordinal), 200);
        // The delayed ACK is a floor under every message (after the first few, which Linux acknowledges
        // at once while a connection is new), whatever the machine's load; a loaded machine only slows
        // some messages. So the quickest quarter of the messages after the 20th tells the two apart.
        var quickest = times.Skip(20).Order().Take(45).ToList();
        var typical = quickest.Average(t => t.TotalMilliseconds);
        Assert.True(typical < 25, $"The quickest quarter of the messages took {typical:F1} ms each on average (all 200: {times.Sum(t => t.TotalMilliseconds) / 1000:F1} s).");
    }

    private PacedPortal Portal()
    {
        var portal = new PacedPortal(_database);
        portal.WithSmtp(_smtp);
        portal.With("Email:Smtp:Port", _relay.Port.ToString(CultureInfo.InvariantCulture));
        portal.With("Outbox:Workers", Workers.ToString(CultureInfo.InvariantCulture));
        portal.With("Outbox:BatchSize", BatchSize.ToString(CultureInfo.InvariantCulture));
        // The other instance is not woken by this one's commit: it finds the rows by polling.
        portal.With("Outbox:PollSeconds", "0.2");
        return portal;
    }

    /// <summary>Each message still goes to the real server, 20 ms apart per worker, so that the second instance finds work.</summary>
    private sealed class PacedPortal(TestDatabase database) : PortalFactory(database, ownsDatabase: false)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IEmailTransport>(sp =>
                new PacedTransport(ActivatorUtilities.CreateInstance<MailKitTransport>(sp), TimeSpan.FromMilliseconds(20))));
        }
    }

    private async Task WaitUntilSentAsync()
    {
        for (var i = 0; i < 600; i++)
        {
            await using var db = _database.NewContext();
            var sent = await db.OutboxMessages.CountAsync(m => m.Category == "test.workers" && m.Status == OutboxStatus.Sent);
            if (sent == Messages)
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The outbox did not send every message within a minute.");
    }
}
