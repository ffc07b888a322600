using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Notifications;

/// <summary>A portal stopped in the middle of sending a batch sends no message twice.</summary>
public sealed class OutboxStopTests : IDisposable
{
    private const int Messages = 40;

    private readonly SmtpReceiver _smtp = new();
    private readonly TestDatabase _database = TestDatabase.Create();

    public void Dispose()
    {
        _database.Dispose();
        _smtp.Dispose();
    }

    [Fact]
    public async Task HostStoppedInTheMiddleOfABatch_RecordsWhatItSent_HandsTheRestBack_AndNoMessageArrivesTwice()
    {
        var first = Portal();
        await first.WithScopeAsync(async sp =>
        {
            var outbox = sp.GetRequiredService<IEmailOutbox>();
            var composer = sp.GetRequiredService<EmailComposer>();
            for (var i = 0; i < Messages; i++)
            {
                outbox.Enqueue(composer.Compose($"stop-{i}@example.test", null, "ar", new EmailContent { Subject = $"رسالة {i}", Paragraphs = ["نص"] }), "test.stop");
            }
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
            return 0;
        });
        // The whole queue is one batch, sent a message every 100 ms: stop once a few have arrived.
        await _smtp.Mailbox.WaitForCountAsync(m => m.To.Contains("stop-", StringComparison.Ordinal), 5);
        first.Dispose();

        var afterStop = await RowsAsync();
        var receivedBeforeRestart = Received();
        Assert.InRange(receivedBeforeRestart.Count, 5, Messages - 1);
        // Every message that reached the server is recorded as sent; nothing is left claimed.
        Assert.Equal(receivedBeforeRestart.Count, afterStop.Count(r => r.Status == OutboxStatus.Sent));
        Assert.All(afterStop.Where(r => r.Status != OutboxStatus.Sent), r =>
        {
            Assert.Equal(OutboxStatus.Pending, r.Status);
            Assert.Null(r.ClaimedBy);
        });

        // Another instance takes over at once (no lease to wait for) and sends the rest.
        using (var second = Portal())
        {
            second.Client();
            for (var i = 0; i < 300 && (await RowsAsync()).Any(r => r.Status != OutboxStatus.Sent); i++)
            {
                await Task.Delay(100);
            }
        }

        var rows = await RowsAsync();
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        var received = Received();
        Assert.Equal(Messages, received.Count);
        Assert.Equal(Messages, received.Select(m => m.MessageId).Distinct().Count());
    }

    private StoppablePortal Portal()
    {
        var portal = new StoppablePortal(_database);
        portal.WithSmtp(_smtp);
        portal.With("Outbox:BatchSize", Messages.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return portal;
    }

    private List<EmailFile> Received() =>
        _smtp.Mailbox.All().Where(m => m.To.Contains("stop-", StringComparison.Ordinal)).ToList();

    private async Task<List<OutboxMessage>> RowsAsync()
    {
        await using var db = _database.NewContext();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Category == "test.stop").ToListAsync();
    }

    private sealed class StoppablePortal(TestDatabase database) : PortalFactory(database, ownsDatabase: false)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IEmailTransport>(sp =>
                new PacedTransport(ActivatorUtilities.CreateInstance<MailKitTransport>(sp), TimeSpan.FromMilliseconds(100))));
        }
    }
}
