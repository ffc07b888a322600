using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EParticipation.Tests.Infrastructure;
using EParticipation.Tests.Platform;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Notifications;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EParticipation.Tests.Notifications;

/// <summary>
/// The MailKit transport's connections, against real aiosmtpd servers: one connection for a
/// dispatcher batch (counted by a TCP relay in front of the receiver), a new one when the server
/// dropped it, and STARTTLS before AUTH when configured.
/// </summary>
public sealed class SmtpConnectionTests : IDisposable
{
    private readonly SmtpReceiver _smtp = new();
    private readonly TcpRelay _relay;

    public SmtpConnectionTests()
    {
        _relay = new TcpRelay(_smtp.Port);
    }

    public void Dispose()
    {
        _relay.Dispose();
        _smtp.Dispose();
    }

    [Fact]
    public async Task DispatcherBatch_OfSeveralMessages_GoesOverOneSmtpConnection()
    {
        using var factory = new PortalFactory();
        factory.WithSmtp(_smtp);
        factory.With("Email:Smtp:Port", _relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        factory.With("Outbox:Enabled", "false");
        await factory.WithScopeAsync(async sp =>
        {
            var outbox = sp.GetRequiredService<IEmailOutbox>();
            var composer = sp.GetRequiredService<EmailComposer>();
            for (var i = 0; i < 6; i++)
            {
                outbox.Enqueue(composer.Compose($"batch-{i}@example.test", "مشارك", "ar", new EmailContent { Subject = $"رسالة {i}", Paragraphs = ["نص"] }), "test.batch");
            }
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
            return 0;
        });

        var result = await factory.Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(CancellationToken.None);

        Assert.Equal(new DispatchResult(6, 6), result);
        var received = await _smtp.Mailbox.WaitForCountAsync(m => m.To.Contains("batch-", StringComparison.Ordinal), 6);
        Assert.Equal(6, received.Count);
        Assert.Equal(1, _relay.Connections);
        var rows = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Category == "test.batch").ToListAsync());
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));

        // The next batch opens its own connection: none is left open between batches.
        await factory.WithScopeAsync(async sp =>
        {
            sp.GetRequiredService<IEmailOutbox>().Enqueue(sp.GetRequiredService<EmailComposer>().Compose("batch-next@example.test", null, "en", new EmailContent { Subject = "Next" }), "test.batch");
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
            return 0;
        });
        Assert.Equal(new DispatchResult(1, 1), await factory.Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(CancellationToken.None));
        await _smtp.Mailbox.WaitForAsync("batch-next@example.test");
        Assert.Equal(2, _relay.Connections);
    }

    [Fact]
    public async Task ConnectionDroppedByTheServer_MidBatch_NextMessageGoesOverANewConnection()
    {
        var transport = Transport(new SmtpSettings { Host = "127.0.0.1", Port = _relay.Port, UseStartTls = false, TimeoutSeconds = 10 });
        await using (var batch = transport.OpenBatch())
        {
            await batch.SendAsync(Message("dropped-1@example.test"), CancellationToken.None);
            await _smtp.Mailbox.WaitForAsync("dropped-1@example.test");
            _relay.DropAll();
            await Task.Delay(200);
            await batch.SendAsync(Message("dropped-2@example.test"), CancellationToken.None);
            await batch.SendAsync(Message("dropped-3@example.test"), CancellationToken.None);
        }

        await _smtp.Mailbox.WaitForAsync("dropped-2@example.test");
        await _smtp.Mailbox.WaitForAsync("dropped-3@example.test");
        Assert.Equal(2, _relay.Connections);
    }

    [Fact]
    public async Task ServerUnreachable_TheBatchTriesToConnectOnce_AndFailsItsOtherMessagesWithThatError()
    {
        _smtp.Stop();
        var transport = Transport(new SmtpSettings { Host = "127.0.0.1", Port = _relay.Port, UseStartTls = false, TimeoutSeconds = 10 });
        var errors = new List<Exception>();
        await using (var batch = transport.OpenBatch())
        {
            for (var i = 0; i < 3; i++)
            {
                errors.Add(await Assert.ThrowsAnyAsync<Exception>(() => batch.SendAsync(Message($"down-{i}@example.test"), CancellationToken.None)));
            }
        }

        Assert.Equal(1, _relay.Connections);
        Assert.All(errors.Skip(1), e =>
        {
            Assert.IsType<IOException>(e);
            Assert.StartsWith($"Not attempted: connecting to 127.0.0.1:{_relay.Port} failed earlier in this batch.", e.Message, StringComparison.Ordinal);
            Assert.Same(errors[0], e.InnerException);
        });

        // The next batch tries again, and gets through once the server is back.
        _smtp.Start();
        await using (var batch = transport.OpenBatch())
        {
            await batch.SendAsync(Message("back@example.test"), CancellationToken.None);
        }
        await _smtp.Mailbox.WaitForAsync("back@example.test");
        Assert.Equal(2, _relay.Connections);
    }

    [Fact]
    public async Task StartTlsAndCredentials_WhenConfigured_UpgradeFirstThenAuthenticate_ThenDeliver()
    {
        using var server = new SecureSmtpReceiver();
        var transport = Transport(server.Settings());
        await using (var batch = transport.OpenBatch())
        {
            await batch.SendAsync(Message("secure-1@example.test"), CancellationToken.None);
            await batch.SendAsync(Message("secure-2@example.test"), CancellationToken.None);
        }

        var mail = await server.Mailbox.WaitForAsync("secure-2@example.test");
        Assert.Equal("رسالة عبر اتصال آمن | بوابة المشاركة الإلكترونية", mail.Subject);
        var log = server.Log();
        Assert.Equal(
            ["STARTTLS", $"AUTH {SecureSmtpReceiver.User} ok tls=True", "DATA tls=True authenticated=True to=secure-1@example.test", "DATA tls=True authenticated=True to=secure-2@example.test"],
            log.Where(l => l != "READY"));
    }

    [Fact]
    public async Task StartTls_WithAWrongPassword_FailsTheMessage_AndWithAnUntrustedCertificate_SendsNoCredentials()
    {
        using var server = new SecureSmtpReceiver();
        var wrongPassword = server.Settings();
        wrongPassword.Password = "not the password";
        await using (var batch = Transport(wrongPassword).OpenBatch())
        {
            await Assert.ThrowsAsync<AuthenticationException>(() => batch.SendAsync(Message("refused@example.test"), CancellationToken.None));
        }

        // The wrong password reached the server only inside TLS, and was refused.
        var first = server.Log().Where(l => l != "READY").ToList();
        Assert.Equal("STARTTLS", first[0]);
        Assert.NotEmpty(first.Skip(1));
        Assert.All(first.Skip(1), l => Assert.Equal($"AUTH {SecureSmtpReceiver.User} refused tls=True", l));

        var untrusted = server.Settings();
        untrusted.TrustedCertificateSha256 = null;
        await using (var batch = Transport(untrusted).OpenBatch())
        {
            await Assert.ThrowsAsync<SslHandshakeException>(() => batch.SendAsync(Message("untrusted@example.test"), CancellationToken.None));
        }

        // A self-signed certificate that is not pinned ends the session before any credentials.
        await Task.Delay(300);
        var second = server.Log().Where(l => l != "READY").Skip(first.Count).ToList();
        Assert.DoesNotContain(second, l => l.StartsWith("AUTH", StringComparison.Ordinal) || l.StartsWith("DATA", StringComparison.Ordinal));
        Assert.Empty(server.Mailbox.All());
    }

    [Fact]
    public async Task PickupFolder_GetsOneCompleteEmlPerMessage_WithEncodedArabicHeadersAndBothBodies()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ep-tests", "pickup-" + Guid.NewGuid().ToString("N"));
        try
        {
            var transport = new MailKitTransport(
                Options.Create(new EmailOptions { Delivery = EmailDelivery.PickupFolder, PickupFolder = folder }),
                new ConfigurationBuilder().Build(),
                TimeProvider.System);
            var message = Message("pickup@example.test") with { Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://localhost/ar/notifications/unsubscribe?token=abc>" } };
            await using (var batch = transport.OpenBatch())
            {
                await batch.SendAsync(message, CancellationToken.None);
                await batch.SendAsync(Message("pickup-2@example.test"), CancellationToken.None);
            }

            var files = Directory.GetFiles(folder);
            Assert.Equal(2, files.Length);
            Assert.All(files, f => Assert.EndsWith(".eml", f, StringComparison.Ordinal));
            Assert.Empty(Directory.GetFiles(Path.Combine(folder, ".tmp")));
            var mail = new Mailbox(folder).All().Single(m => m.To.Contains("pickup@example.test", StringComparison.Ordinal));
            // On the wire: headers in RFC 2047 encoded words (ASCII only), CRLF line ends, two alternatives.
            var head = mail.Raw[..mail.Raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
            Assert.True(head.All(char.IsAscii), head);
            Assert.Contains("Subject: =?utf-8?", head, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("\n", mail.Raw.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains("multipart/alternative", mail.Header("Content-Type"), StringComparison.Ordinal);
            Assert.Equal(message.Subject, mail.Subject);
            Assert.Equal(message.MessageId, mail.MessageId);
            Assert.Equal("\"أمل الرحمن\" <pickup@example.test>", mail.To);
            Assert.Equal("بوابة المشاركة الإلكترونية | E-Participation Portal", mail.Message.From.Mailboxes.Single().Name);
            Assert.Equal("<https://localhost/ar/notifications/unsubscribe?token=abc>", mail.Header("List-Unsubscribe"));
            Assert.Equal(message.TextBody, mail.TextBody);
            Assert.Equal(message.HtmlBody, mail.HtmlBody);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static MailKitTransport Transport(SmtpSettings smtp) => new(
        Options.Create(new EmailOptions { Delivery = EmailDelivery.Smtp, Smtp = smtp }),
        new ConfigurationBuilder().Build(),
        TimeProvider.System);

    private static EmailMessage Message(string to) => new()
    {
        To = to,
        ToName = "أمل الرحمن",
        Subject = "رسالة عبر اتصال آمن | بوابة المشاركة الإلكترونية",
        TextBody = "نص الرسالة",
        HtmlBody = "<html lang=\"ar\" dir=\"rtl\"><body><p>نص الرسالة</p></body></html>",
        MessageId = EmailComposer.NewMessageId(),
    };

    /// <summary>
    /// aiosmtpd (tests/smtp/secure_receiver.py) with a self-signed certificate made here, STARTTLS
    /// required before AUTH and AUTH before mail; the portal trusts the certificate by its fingerprint.
    /// </summary>
    private sealed class SecureSmtpReceiver : IDisposable
    {
        public const string User = "portal-mailer";
        private const string Password = "relay secret 2026";
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "ep-tests", "smtps-" + Guid.NewGuid().ToString("N"));
        private readonly Process _process;
        private readonly int _port;
        private readonly string _fingerprint;

        public SecureSmtpReceiver()
        {
            Directory.CreateDirectory(_folder);
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllText(Path.Combine(_folder, "cert.pem"), certificate.ExportCertificatePem());
            File.WriteAllText(Path.Combine(_folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
            _fingerprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);

            using (var listener = new TcpListener(IPAddress.Loopback, 0))
            {
                listener.Start();
                _port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            var script = Path.Combine(LocalizationTests.RepositoryRoot(), "tests", "smtp", "secure_receiver.py");
            _process = Process.Start(new ProcessStartInfo("/usr/bin/python3")
            {
                ArgumentList =
                {
                    script, _port.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.Combine(_folder, "cert.pem"), Path.Combine(_folder, "key.pem"),
                    Path.Combine(_folder, "maildir"), User, Password, LogPath,
                },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("Could not start the secure SMTP receiver.");
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (!Log().Contains("READY"))
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"secure_receiver.py exited ({_process.ExitCode}): {_process.StandardError.ReadToEnd()}");
                }
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException("secure_receiver.py did not start.");
                }
                Thread.Sleep(50);
            }
        }

        public Mailbox Mailbox => new(Path.Combine(_folder, "maildir", "new"));

        private string LogPath => Path.Combine(_folder, "session.log");

        public SmtpSettings Settings() => new()
        {
            Host = "127.0.0.1",
            Port = _port,
            UseStartTls = true,
            UserName = User,
            Password = Password,
            TimeoutSeconds = 10,
            TrustedCertificateSha256 = _fingerprint,
        };

        public string[] Log()
        {
            if (!File.Exists(LogPath))
            {
                return [];
            }
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
            _process.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
