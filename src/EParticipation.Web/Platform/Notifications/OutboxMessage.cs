using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Platform.Notifications;

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// An email waiting to be sent, written in the same transaction as the action that caused it: if
/// the action rolls back there is no email, and if it commits the email will go out, even when the
/// mail server is down at that moment.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>The Message-ID header, the same on every attempt.</summary>
    public string MessageId { get; set; } = "";

    /// <summary>What caused it ("account", "consultation.comment", "digest", ...), for the admin view.</summary>
    public string Category { get; set; } = "";

    public string ToAddress { get; set; } = "";

    public string? ToName { get; set; }

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string HtmlBody { get; set; } = "";

    /// <summary>Extra headers as JSON, such as List-Unsubscribe.</summary>
    public string? HeadersJson { get; set; }

    /// <summary>Attached files as JSON (name, type, base64 content), or null when there are none.</summary>
    public string? AttachmentsJson { get; set; }

    public OutboxStatus Status { get; set; }

    public int AttemptCount { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Not before this moment: grows after each failure (back-off).</summary>
    public DateTime NextAttemptAt { get; set; }

    public DateTime? SentAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>The dispatcher instance that holds the row, until <see cref="ClaimedUntil"/>.</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntil { get; set; }

    /// <summary>
    /// For a follower email written by <see cref="FanOutJob"/>: the event, the recipient and the kind of
    /// item, from which the dispatcher writes the recipient's unsubscribe token into the bodies.
    /// </summary>
    public long? FanOutEventId { get; set; }

    public Guid? RecipientId { get; set; }

    public string? UnsubscribeKind { get; set; }

    public List<OutboxAttempt> Attempts { get; set; } = [];
}

/// <summary>One try at sending a message, with its error when it failed.</summary>
public class OutboxAttempt
{
    public long Id { get; set; }

    public long OutboxMessageId { get; set; }

    public DateTime AttemptedAt { get; set; }

    public bool Succeeded { get; set; }

    public string? Error { get; set; }

    public string Instance { get; set; } = "";
}

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    /// <summary>The due index's condition; the same text on SQLite, PostgreSQL and SQL Server.</summary>
    public const string PendingFilter = "\"Status\" = 'Pending'";

    public const string FailedFilter = "\"Status\" = 'Failed'";

    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.Property(m => m.MessageId).HasMaxLength(200);
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.Property(m => m.Category).HasMaxLength(60);
        builder.Property(m => m.ToAddress).HasMaxLength(256);
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.Subject).HasMaxLength(500);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.Property(m => m.ClaimedBy).HasMaxLength(100);
        // The dispatcher's claim: pending rows that are due, in order (SqlDialect.ClaimOutboxBatch, whose
        // WHERE names the same literal, so that every engine may use the partial index). Only pending
        // rows are in it: a claim reads the few due rows, not the entries of rows sent long ago or the
        // dead ones each sent update leaves behind (PostgreSQL) in an index of every status.
        builder.HasIndex(m => new { m.NextAttemptAt, m.Id }, "IX_OutboxMessages_Due").HasFilter(PendingFilter);
        // The administrators' failed messages (count and filter); rare rows.
        builder.HasIndex(m => m.Status, "IX_OutboxMessages_Failed").HasFilter(FailedFilter);
        // PostgreSQL: room on each page, so that the claim's update (two columns no index holds) is a
        // HOT update, written beside the row without a new entry in any index.
        builder.HasStorageParameter("fillfactor", 70);
        builder.HasIndex(m => m.CreatedAt);
        builder.Property(m => m.UnsubscribeKind).HasMaxLength(30);
        // One email per follower and event, whatever happens to the job that writes them.
        builder.HasIndex(m => new { m.FanOutEventId, m.RecipientId }).IsUnique();
        builder.HasMany(m => m.Attempts).WithOne().HasForeignKey(a => a.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OutboxAttemptConfiguration : IEntityTypeConfiguration<OutboxAttempt>
{
    public void Configure(EntityTypeBuilder<OutboxAttempt> builder)
    {
        builder.ToTable("OutboxAttempts");
        builder.Property(a => a.Error).HasMaxLength(2000);
        builder.Property(a => a.Instance).HasMaxLength(100);
        builder.HasIndex(a => a.OutboxMessageId);
    }
}
