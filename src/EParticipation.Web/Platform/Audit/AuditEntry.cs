using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Platform.Audit;

/// <summary>One staff action, kept for accountability: who did what to which record, and when.</summary>
public class AuditEntry
{
    public long Id { get; set; }

    public DateTime OccurredAt { get; set; }

    public Guid? UserId { get; set; }

    /// <summary>The actor's email at the time, so the log stays readable after accounts change.</summary>
    public string? UserEmail { get; set; }

    public int? AgencyId { get; set; }

    /// <summary>A dotted verb such as "agency.updated" or "consultation.published".</summary>
    public string Action { get; set; } = "";

    public string EntityType { get; set; } = "";

    public string EntityId { get; set; } = "";

    /// <summary>A short human summary of the change; never a password, token or message body.</summary>
    public string? Summary { get; set; }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(a => a.UserEmail).HasMaxLength(256);
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.Property(a => a.EntityType).HasMaxLength(100);
        builder.Property(a => a.EntityId).HasMaxLength(100);
        builder.Property(a => a.Summary).HasMaxLength(1000);
        builder.HasIndex(a => a.OccurredAt);
        builder.HasIndex(a => new { a.AgencyId, a.OccurredAt });
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
    }
}
