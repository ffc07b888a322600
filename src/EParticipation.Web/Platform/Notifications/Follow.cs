using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Platform.Notifications;

/// <summary>The kinds of things a participant follows; each has its own email preference.</summary>
public static class FollowKinds
{
    public const string Consultation = "consultation";
    public const string Challenge = "challenge";
    public const string Idea = "idea";
    public const string Case = "case";

    public static IReadOnlyList<string> All { get; } = [Consultation, Challenge, Idea, Case];
}

public enum NotificationFrequency
{
    Immediately,
    DailyDigest,
    Never,
}

/// <summary>A participant follows one item (a consultation, challenge, idea, or their own case).</summary>
public class Follow
{
    public long Id { get; set; }

    public Guid UserId { get; set; }

    public ApplicationUser? User { get; set; }

    public string Kind { get; set; } = "";

    public string TargetId { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}

/// <summary>How often a participant wants emails about one kind of followed item. Absent means immediately.</summary>
public class NotificationPreference
{
    public long Id { get; set; }

    public Guid UserId { get; set; }

    public string Kind { get; set; } = "";

    public NotificationFrequency Frequency { get; set; }
}

/// <summary>An event held for a participant's daily digest, already written in their language.</summary>
public class DigestItem
{
    public long Id { get; set; }

    public Guid UserId { get; set; }

    public string Kind { get; set; } = "";

    public string TargetId { get; set; } = "";

    public string Title { get; set; } = "";

    public string Summary { get; set; } = "";

    public string Url { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>When it went out in a digest; null while waiting.</summary>
    public DateTime? SentAt { get; set; }
}

public sealed class FollowConfiguration : IEntityTypeConfiguration<Follow>
{
    public void Configure(EntityTypeBuilder<Follow> builder)
    {
        builder.ToTable("Follows");
        builder.Property(f => f.Kind).HasMaxLength(30);
        builder.Property(f => f.TargetId).HasMaxLength(64);
        builder.HasIndex(f => new { f.UserId, f.Kind, f.TargetId }).IsUnique();
        // Who follows this item, in follow order: the fan-out job reads it a range of ids at a time.
        builder.HasIndex(f => new { f.Kind, f.TargetId, f.Id });
        builder.HasOne(f => f.User).WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.ToTable("NotificationPreferences");
        builder.Property(p => p.Kind).HasMaxLength(30);
        builder.Property(p => p.Frequency).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(p => new { p.UserId, p.Kind }).IsUnique();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DigestItemConfiguration : IEntityTypeConfiguration<DigestItem>
{
    public void Configure(EntityTypeBuilder<DigestItem> builder)
    {
        builder.ToTable("DigestItems");
        builder.Property(d => d.Kind).HasMaxLength(30);
        builder.Property(d => d.TargetId).HasMaxLength(64);
        builder.Property(d => d.Title).HasMaxLength(500);
        builder.Property(d => d.Summary).HasMaxLength(1000);
        builder.Property(d => d.Url).HasMaxLength(500);
        // The digest job's query: what is still waiting, per person.
        builder.HasIndex(d => new { d.SentAt, d.UserId });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
