using System.Text.Json;
using EParticipation.Web.Data;

namespace EParticipation.Web.Platform.Notifications;

/// <summary>Queues an email as part of the caller's unit of work.</summary>
public interface IEmailOutbox
{
    /// <summary>
    /// Adds the message to the current DbContext. Nothing is written until the caller's
    /// SaveChanges, so the email commits or rolls back with the action that caused it.
    /// </summary>
    void Enqueue(EmailMessage message, string category);
}

public sealed class EmailOutbox(AppDbContext db, TimeProvider clock) : IEmailOutbox
{
    public void Enqueue(EmailMessage message, string category)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = clock.GetUtcNow().UtcDateTime;
        db.OutboxMessages.Add(new OutboxMessage
        {
            MessageId = message.MessageId,
            Category = category,
            ToAddress = message.To,
            ToName = message.ToName,
            Subject = message.Subject,
            TextBody = message.TextBody,
            HtmlBody = message.HtmlBody,
            HeadersJson = message.Headers.Count == 0 ? null : JsonSerializer.Serialize(message.Headers),
            AttachmentsJson = message.Attachments.Count == 0 ? null : JsonSerializer.Serialize(message.Attachments),
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }

    internal static EmailMessage ToMessage(OutboxMessage row) => new()
    {
        To = row.ToAddress,
        ToName = row.ToName,
        Subject = row.Subject,
        TextBody = row.TextBody,
        HtmlBody = row.HtmlBody,
        MessageId = row.MessageId,
        Headers = row.HeadersJson is null
            ? new Dictionary<string, string>()
            : JsonSerializer.Deserialize<Dictionary<string, string>>(row.HeadersJson) ?? [],
        Attachments = row.AttachmentsJson is null
            ? []
            : JsonSerializer.Deserialize<List<EmailAttachment>>(row.AttachmentsJson) ?? [],
    };
}
