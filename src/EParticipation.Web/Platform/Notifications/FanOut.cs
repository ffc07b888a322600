using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Platform.Notifications;

/// <summary>
/// Something followers of one item are to hear about (a report published, a schedule changed, an idea's
/// new status), recorded in the same transaction as the action. The request stores only this row and
/// the email written once per language; <see cref="FanOutJob"/> turns it into one outbox row (or digest
/// entry) per follower in the background, a batch of followers per transaction, moving
/// <see cref="Cursor"/> forward with each batch, so a job stopped or killed half-way goes on from the
/// last committed batch and nobody is enqueued twice.
/// </summary>
public class FanOutEvent
{
    public long Id { get; set; }

    /// <summary>The followed item: its kind (<see cref="FollowKinds"/>) and id.</summary>
    public string Kind { get; set; } = "";

    public string TargetId { get; set; } = "";

    /// <summary>The outbox category of the emails ("consultation.report", ...).</summary>
    public string Category { get; set; } = "";

    /// <summary>A follower who is told otherwise (the idea's submitter, who gets their own email).</summary>
    public Guid? ExceptUserId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Followers whose follow id is at most this one, that is who followed when it happened.</summary>
    public long UpToFollowId { get; set; }

    /// <summary>The follow id up to which followers have been enqueued (committed with their rows).</summary>
    public long Cursor { get; set; }

    /// <summary>Emails enqueued so far.</summary>
    public int Emails { get; set; }

    /// <summary>Digest entries written so far.</summary>
    public int DigestItems { get; set; }

    /// <summary>When every follower had been enqueued; null while the job has work.</summary>
    public DateTime? CompletedAt { get; set; }

    /// <summary>The job instance working on it, until <see cref="ClaimedUntil"/>.</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntil { get; set; }

    public List<FanOutContent> Contents { get; set; } = [];
}

/// <summary>
/// The email of a <see cref="FanOutEvent"/> in one language, composed once at the request. Its
/// unsubscribe link holds <see cref="FanOutContent.TokenPlaceholder"/>, replaced by each recipient's
/// signed token when the dispatcher sends it.
/// </summary>
public class FanOutContent
{
    /// <summary>Letters and hyphens only: unchanged by URL escaping and HTML encoding.</summary>
    public const string TokenPlaceholder = "EP-UNSUBSCRIBE-TOKEN";

    public long Id { get; set; }

    public long FanOutEventId { get; set; }

    public string Language { get; set; } = "";

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string HtmlBody { get; set; } = "";

    public string? HeadersJson { get; set; }

    /// <summary>The entry in a digest follower's next daily digest.</summary>
    public string DigestTitle { get; set; } = "";

    public string DigestSummary { get; set; } = "";

    public string DigestUrl { get; set; } = "";
}

public sealed class FanOutEventConfiguration : IEntityTypeConfiguration<FanOutEvent>
{
    public void Configure(EntityTypeBuilder<FanOutEvent> builder)
    {
        builder.ToTable("FanOutEvents");
        builder.Property(e => e.Kind).HasMaxLength(30);
        builder.Property(e => e.TargetId).HasMaxLength(64);
        builder.Property(e => e.Category).HasMaxLength(60);
        builder.Property(e => e.ClaimedBy).HasMaxLength(100);
        // The job's query: what is not finished yet, oldest first.
        builder.HasIndex(e => new { e.CompletedAt, e.Id });
        builder.HasMany(e => e.Contents).WithOne().HasForeignKey(c => c.FanOutEventId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class FanOutContentConfiguration : IEntityTypeConfiguration<FanOutContent>
{
    public void Configure(EntityTypeBuilder<FanOutContent> builder)
    {
        builder.ToTable("FanOutContents");
        builder.Property(c => c.Language).HasMaxLength(2);
        builder.Property(c => c.Subject).HasMaxLength(500);
        builder.Property(c => c.DigestTitle).HasMaxLength(500);
        builder.Property(c => c.DigestSummary).HasMaxLength(1000);
        builder.Property(c => c.DigestUrl).HasMaxLength(500);
        builder.HasIndex(c => new { c.FanOutEventId, c.Language }).IsUnique();
    }
}
