namespace EParticipation.Web.Platform.Notifications;

/// <summary>A fully composed email, ready for a transport.</summary>
public sealed record EmailMessage
{
    public required string To { get; init; }

    public string? ToName { get; init; }

    public required string Subject { get; init; }

    public required string TextBody { get; init; }

    public required string HtmlBody { get; init; }

    /// <summary>Stable across retries, so a receiver can tell a resend from a new message.</summary>
    public required string MessageId { get; init; }

    /// <summary>Extra headers, such as List-Unsubscribe.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Files sent with the message (for example an iCalendar invitation).</summary>
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
}

/// <summary>A file sent with an email. A text/calendar part also goes inline, so calendar programs offer to add it.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>Hands messages to the mail system: an SMTP server or the pickup folder.</summary>
public interface IEmailTransport
{
    /// <summary>
    /// Opens a delivery session for a batch of messages. Over SMTP it holds one connection, opened at
    /// the first message and closed when the session is disposed.
    /// </summary>
    IEmailBatch OpenBatch();
}

/// <summary>A transport's session for one batch; each message succeeds or fails on its own.</summary>
public interface IEmailBatch : IAsyncDisposable
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
