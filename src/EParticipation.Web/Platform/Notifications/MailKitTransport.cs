using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EParticipation.Web.Platform.Web;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace EParticipation.Web.Platform.Notifications;

/// <summary>
/// Sends with MailKit: to an SMTP server (STARTTLS before credentials when configured), or as .eml
/// files written by MimeKit into a pickup folder. Switching is configuration only. A batch keeps one
/// SMTP connection open from its first message to its end.
/// </summary>
public sealed class MailKitTransport(IOptions<EmailOptions> options, IConfiguration configuration, TimeProvider clock) : IEmailTransport
{
    private const string PortalNameBoth = "بوابة المشاركة الإلكترونية | E-Participation Portal";

    /// <summary>.eml files as mail tools expect them: CRLF line ends whatever the platform.</summary>
    private static readonly FormatOptions FileFormat = CreateFileFormat();

    public string PickupFolder =>
        options.Value.PickupFolder is { Length: > 0 } folder ? Path.GetFullPath(folder) : PortalPaths.Under(configuration, "mail-pickup");

    public IEmailBatch OpenBatch()
    {
        var settings = options.Value;
        return settings.Delivery == EmailDelivery.Smtp
            ? new SmtpBatch(settings.Smtp, settings.FromAddress, clock)
            : new PickupBatch(PickupFolder, settings.FromAddress, clock);
    }

    /// <summary>The MIME message: both bodies as multipart/alternative (text first), UTF-8, base64.</summary>
    internal static MimeMessage Build(EmailMessage message, string fromAddress, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mime = new MimeMessage { Subject = message.Subject, Date = date };
        mime.From.Add(new MailboxAddress(Encoding.UTF8, PortalNameBoth, fromAddress));
        mime.To.Add(new MailboxAddress(Encoding.UTF8, message.ToName, message.To));
        mime.MessageId = message.MessageId.Trim('<', '>');
        foreach (var (name, value) in message.Headers)
        {
            mime.Headers.Replace(name, value);
        }
        var alternative = new MultipartAlternative
        {
            Part(TextFormat.Plain, message.TextBody),
            Part(TextFormat.Html, message.HtmlBody),
        };
        if (message.Attachments.Count == 0)
        {
            mime.Body = alternative;
            return mime;
        }
        var mixed = new Multipart("mixed") { alternative };
        foreach (var file in message.Attachments)
        {
            mixed.Add(new MimePart(ContentType.Parse(file.ContentType))
            {
                Content = new MimeContent(new MemoryStream(file.Content)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = file.FileName,
            });
        }
        mime.Body = mixed;
        return mime;
    }

    private static TextPart Part(TextFormat format, string text)
    {
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.Base64 };
        part.SetText(Encoding.UTF8, text);
        return part;
    }

    private static FormatOptions CreateFileFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }

    /// <summary>One .eml file per message, written under a temporary name and then moved into place.</summary>
    private sealed class PickupBatch(string folder, string fromAddress, TimeProvider clock) : IEmailBatch
    {
        private bool _staging;

        public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            // The message is written in memory first and then to its file in one write: MimeKit writes a
            // message in many small pieces, each an asynchronous file write of its own otherwise.
            using var buffer = new MemoryStream();
            using (var mime = Build(message, fromAddress, clock.GetUtcNow()))
            {
                mime.WriteTo(FileFormat, buffer, cancellationToken);
            }
            // The staging folder sits inside the pickup folder: same file system, so the move is atomic,
            // and a reader of the pickup folder never sees a half-written file. It is made once per
            // session, and again if it has gone.
            var staging = Path.Combine(folder, ".tmp");
            if (!_staging)
            {
                Directory.CreateDirectory(staging);
                _staging = true;
            }
            var name = Guid.NewGuid().ToString("N") + ".eml";
            var temporary = Path.Combine(staging, name);
            try
            {
                try
                {
                    await WriteAsync(temporary, buffer, cancellationToken);
                }
                catch (DirectoryNotFoundException)
                {
                    Directory.CreateDirectory(staging);
                    await WriteAsync(temporary, buffer, cancellationToken);
                }
                File.Move(temporary, Path.Combine(folder, name));
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }
        }

        private static async Task WriteAsync(string path, MemoryStream content, CancellationToken cancellationToken)
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, useAsync: false);
            await file.WriteAsync(content.GetBuffer().AsMemory(0, (int)content.Length), cancellationToken);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>
    /// One SMTP connection for the batch, opened at the first message. If the server dropped a
    /// connection kept from an earlier message (idle timeout, restart), the message is sent once more
    /// on a new connection; any other failure is the message's own and goes back to the outbox. If
    /// connecting (or signing in) fails, the batch's remaining messages fail at once with that error
    /// instead of each waiting for its own timeout, so a batch never outlives its lease.
    /// </summary>
    private sealed class SmtpBatch(SmtpSettings settings, string fromAddress, TimeProvider clock) : IEmailBatch
    {
        private SmtpClient? _client;
        private Exception? _connectFailure;

        public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            using var mime = Build(message, fromAddress, clock.GetUtcNow());
            var reused = _client is { IsConnected: true };
            try
            {
                var client = await ConnectedAsync(cancellationToken);
                await client.SendAsync(mime, cancellationToken);
            }
            catch (Exception ex) when (reused && IsDropped(ex))
            {
                await CloseAsync();
                var client = await ConnectedAsync(cancellationToken);
                await client.SendAsync(mime, cancellationToken);
            }
            finally
            {
                if (_client is { IsConnected: false })
                {
                    await CloseAsync();
                }
            }
        }

        public async ValueTask DisposeAsync() => await CloseAsync();

        private async Task<SmtpClient> ConnectedAsync(CancellationToken cancellationToken)
        {
            if (_client is { IsConnected: true })
            {
                return _client;
            }
            if (_connectFailure is not null)
            {
                throw new IOException($"Not attempted: connecting to {settings.Host}:{settings.Port} failed earlier in this batch.", _connectFailure);
            }
            await CloseAsync();
            try
            {
                return await ConnectAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _connectFailure = ex;
                await CloseAsync();
                throw;
            }
        }

        private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
        {
            var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
            _client = client;
            if (!string.IsNullOrEmpty(settings.TrustedCertificateSha256))
            {
                client.ServerCertificateValidationCallback = TrustPinned;
            }
            // STARTTLS is required when configured (no silent fall-back to plain text); without it the
            // connection stays plain (loopback or a trusted relay only). The socket is the transport's
            // own, with Nagle's algorithm off: MailKit's leaves it on, and the end of each message's
            // data (a short write after a long one) then waits for the server's delayed ACK, about
            // 40 ms a message on Linux (20 messages a second per connection instead of hundreds).
            var socket = await ConnectSocketAsync(cancellationToken);
            try
            {
                await client.ConnectAsync(socket, settings.Host, settings.Port, settings.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
            }
            return client;
        }

        /// <summary>A TCP connection to the server (each of its addresses in turn), within the timeout, without Nagle's delay.</summary>
        private async Task<Socket> ConnectSocketAsync(CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(settings.Host, settings.Port, timeout.Token);
                return socket;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                throw new TimeoutException($"Connecting to {settings.Host}:{settings.Port} took longer than {settings.TimeoutSeconds} s.");
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        private bool TrustPinned(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }
            if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            {
                return false;
            }
            var hash = certificate.GetCertHashString(HashAlgorithmName.SHA256);
            return string.Equals(hash, settings.TrustedCertificateSha256!.Replace(":", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        }

        private static bool IsDropped(Exception ex) =>
            ex is IOException or SmtpProtocolException or ServiceNotConnectedException;

        private async Task CloseAsync()
        {
            if (_client is not { } client)
            {
                return;
            }
            _client = null;
            try
            {
                if (client.IsConnected)
                {
                    using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await client.DisconnectAsync(quit: true, quit.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
            {
                // The connection is going anyway; a failed QUIT changes nothing for the messages.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
