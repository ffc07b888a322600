using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using EParticipation.Web.Platform.Web;
using Microsoft.Extensions.Options;

namespace EParticipation.Web.Platform.Notifications;

/// <summary>
/// Sends with <see cref="SmtpClient"/> (MailKit does not restore here): to an SMTP server with
/// STARTTLS and credentials, or as .eml files into a pickup folder. Switching is configuration only.
/// </summary>
public sealed class SystemNetMailTransport(IOptions<EmailOptions> options, IConfiguration configuration) : IEmailTransport
{
    public string PickupFolder =>
        options.Value.PickupFolder is { Length: > 0 } folder ? Path.GetFullPath(folder) : PortalPaths.Under(configuration, "mail-pickup");

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        using var mail = Build(message, settings.FromAddress);
        using var client = new SmtpClient();
        if (settings.Delivery == EmailDelivery.Smtp)
        {
            client.DeliveryMethod = SmtpDeliveryMethod.Network;
            client.Host = settings.Smtp.Host;
            client.Port = settings.Smtp.Port;
            client.EnableSsl = settings.Smtp.UseStartTls;
            client.Timeout = settings.Smtp.TimeoutSeconds * 1000;
            client.UseDefaultCredentials = false;
            if (!string.IsNullOrEmpty(settings.Smtp.UserName))
            {
                client.Credentials = new NetworkCredential(settings.Smtp.UserName, settings.Smtp.Password);
            }
        }
        else
        {
            Directory.CreateDirectory(PickupFolder);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = PickupFolder;
        }
        await client.SendMailAsync(mail, cancellationToken);
    }

    internal static MailMessage Build(EmailMessage message, string fromAddress)
    {
        var mail = new MailMessage
        {
            From = new MailAddress(fromAddress, Strings.PortalNameBoth, Encoding.UTF8),
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        mail.To.Add(new MailAddress(message.To, message.ToName, Encoding.UTF8));
        mail.Headers["Message-ID"] = message.MessageId;
        foreach (var (name, value) in message.Headers)
        {
            mail.Headers[name] = value;
        }
        var text = AlternateView.CreateAlternateViewFromString(message.TextBody, Encoding.UTF8, MediaTypeNames.Text.Plain);
        text.TransferEncoding = TransferEncoding.Base64;
        var html = AlternateView.CreateAlternateViewFromString(message.HtmlBody, Encoding.UTF8, MediaTypeNames.Text.Html);
        html.TransferEncoding = TransferEncoding.Base64;
        mail.AlternateViews.Add(text);
        mail.AlternateViews.Add(html);
        return mail;
    }

    private static class Strings
    {
        public const string PortalNameBoth = "بوابة المشاركة الإلكترونية | E-Participation Portal";
    }
}
