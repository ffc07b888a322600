using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EParticipation.Tests.Notifications;

/// <summary>The outbox against a real SMTP server (aiosmtpd), including the server going down.</summary>
public sealed class SmtpDeliveryTests : IDisposable
{
    private readonly SmtpReceiver _smtp = new();
    private readonly PortalFactory _factory;

    public SmtpDeliveryTests()
    {
        _factory = new PortalFactory();
        _factory.WithSmtp(_smtp);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.Dispose();
    }

    [Fact]
    public async Task TriggeredEmail_ArrivesBySmtpWithRecipientArabicSubjectBothBodiesAndUnsubscribeHeader()
    {
        var email = $"smtp-{Guid.NewGuid():N}@example.test";
        var response = await _factory.Client().SubmitAsync("/ar/account/register", Registration(email));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var mail = await _smtp.Mailbox.WaitForAsync(email);
        Assert.Contains($"<{email}>", mail.To, StringComparison.Ordinal);
        Assert.Equal("أكّد بريدك الإلكتروني | بوابة المشاركة الإلكترونية", mail.Subject);
        Assert.Contains("شكرًا لتسجيلك", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Matches(@"^<https://localhost/ar/notifications/unsubscribe\?token=[^>]+>$", mail.Header("List-Unsubscribe"));
        Assert.Equal("List-Unsubscribe=One-Click", mail.Header("List-Unsubscribe-Post"));
        Assert.Matches(@"^<[0-9a-f]{32}@eparticipation\.portal>$", mail.MessageId);
    }

    [Fact]
    public async Task ReceiverDown_ActionStillSucceeds_RowWaitsWithTheError_ThenArrivesExactlyOnce()
    {
        _smtp.Stop();
        var email = $"outage-{Guid.NewGuid():N}@example.test";
        var response = await _factory.Client().SubmitAsync("/ar/account/register", Registration(email));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var failed = await WaitForRowAsync(email, m => m.AttemptCount >= 1);
        Assert.Equal(OutboxStatus.Pending, failed.Status);
        Assert.False(string.IsNullOrEmpty(failed.LastError));
        Assert.True(failed.NextAttemptAt > failed.CreatedAt);

        _smtp.Start();
        var mail = await _smtp.Mailbox.WaitForAsync(email, timeoutSeconds: 30);
        var sent = await WaitForRowAsync(email, m => m.Status == OutboxStatus.Sent);
        await Task.Delay(1500);
        Assert.Single(_smtp.Mailbox.All(), m => m.MessageId == mail.MessageId);
        Assert.Equal(sent.MessageId, mail.MessageId);
        var attempts = await _factory.WithDbAsync(db => db.OutboxAttempts.Where(a => a.OutboxMessageId == sent.Id).ToListAsync());
        Assert.Single(attempts, a => a.Succeeded);
        Assert.Contains(attempts, a => !a.Succeeded && a.Error != null);
    }

    [Fact]
    public async Task FailedMessage_ResentByAnAdministrator_IsDelivered()
    {
        _factory.With("Outbox:MaxAttempts", "1");
        _smtp.Stop();
        var email = $"resend-{Guid.NewGuid():N}@example.test";
        await _factory.Client().SubmitAsync("/en/account/register", Registration(email));
        var failed = await WaitForRowAsync(email, m => m.Status == OutboxStatus.Failed);

        var (admin, _) = await TestAccounts.SignedInAsync(_factory, [EParticipation.Web.Platform.Identity.Roles.Administrator]);
        var list = await admin.PageAsync("/en/admin/outbox?status=Failed");
        Assert.Contains(email, list.QuerySelector("main table")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(failed.LastError!, list.QuerySelector("main table")!.TextContent, StringComparison.Ordinal);

        _smtp.Start();
        var resent = await admin.SubmitAsync($"/en/admin/outbox/{failed.Id}", new Dictionary<string, string>(), actionEndsWith: "/resend");
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        await _smtp.Mailbox.WaitForAsync(email);
        await WaitForRowAsync(email, m => m.Status == OutboxStatus.Sent);
    }

    [Fact]
    public async Task TwoDispatchersAtOnce_Over200PendingRows_DeliverEachMessageExactlyOnce()
    {
        _factory.With("Outbox:Enabled", "false");
        await _factory.WithScopeAsync(async sp =>
        {
            var outbox = sp.GetRequiredService<IEmailOutbox>();
            var composer = sp.GetRequiredService<EmailComposer>();
            for (var i = 0; i < 200; i++)
            {
                outbox.Enqueue(composer.Compose($"bulk-{i}@example.test", null, "ar", new EmailContent { Subject = $"رسالة {i}", Paragraphs = ["نص"] }), "test.bulk");
            }
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
            return 0;
        });

        // Each send still goes to the real SMTP server, a little slower than loopback allows, so a
        // busy machine cannot let one dispatcher drain everything before the other starts.
        var transport = new PacedTransport(_factory.Services.GetRequiredService<IEmailTransport>(), TimeSpan.FromMilliseconds(15));
        OutboxDispatcher Dispatcher(string name) => new(
            _factory.Services.GetRequiredService<IServiceScopeFactory>(),
            transport,
            _factory.Services.GetRequiredService<UnsubscribeTokens>(),
            Options.Create(new OutboxOptions { BatchSize = 5 }),
            TimeProvider.System,
            NullLogger<OutboxDispatcher>.Instance) { Instance = name };

        // Both start at the same moment, each on its own thread.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<int> Drain(OutboxDispatcher dispatcher)
        {
            await start.Task;
            var sent = 0;
            while (true)
            {
                var result = await dispatcher.DispatchOnceAsync(CancellationToken.None);
                Assert.True(result.Claimed <= 5, $"A batch claims at most its size; {dispatcher.Instance} claimed {result.Claimed}.");
                sent += result.Sent;
                if (result.Claimed == 0)
                {
                    return sent;
                }
            }
        }

        var first = Task.Run(() => Drain(Dispatcher("first")));
        var second = Task.Run(() => Drain(Dispatcher("second")));
        start.SetResult();
        var counts = await Task.WhenAll(first, second);

        Assert.Equal(200, counts.Sum());
        Assert.True(counts.All(c => c > 0), $"Both dispatchers took part: {counts[0]} and {counts[1]}");
        var received = await _smtp.Mailbox.WaitForCountAsync(m => m.To.Contains("bulk-", StringComparison.Ordinal), 200);
        await Task.Delay(1000);
        received = _smtp.Mailbox.All().Where(m => m.To.Contains("bulk-", StringComparison.Ordinal)).ToList();
        Assert.Equal(200, received.Count);
        Assert.Equal(200, received.Select(m => m.MessageId).Distinct().Count());
        var rows = await _factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Category == "test.bulk").Include(m => m.Attempts).ToListAsync());
        Assert.All(rows, r =>
        {
            Assert.Equal(OutboxStatus.Sent, r.Status);
            Assert.Single(r.Attempts);
        });
    }

    private async Task<OutboxMessage> WaitForRowAsync(string email, Func<OutboxMessage, bool> condition)
    {
        for (var i = 0; i < 300; i++)
        {
            var row = await _factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == email).OrderByDescending(m => m.Id).FirstOrDefaultAsync());
            if (row is not null && condition(row))
            {
                return row;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The outbox row for " + email + " never reached the expected state.");
    }

    private static Dictionary<string, string> Registration(string email) => new()
    {
        ["AccountType"] = "Resident",
        ["FullName"] = "Amal Rahman",
        ["Email"] = email,
        ["Password"] = "a long enough passphrase",
        ["ConfirmPassword"] = "a long enough passphrase",
        ["AcceptTerms"] = "true",
    };
}
