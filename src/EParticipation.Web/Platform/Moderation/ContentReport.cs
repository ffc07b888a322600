using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Platform.Moderation;

/// <summary>Why a participant reports something. Stored by name; shown with <see cref="ReportReasons"/>.</summary>
public enum ReportReason
{
    Offensive,
    Spam,
    PersonalData,
    OffTopic,
    Other,
}

/// <summary>
/// Whether a module's contributions wait for a moderator before anyone sees them (pre-moderation)
/// or appear at once and are reviewed afterwards (post-moderation).
/// </summary>
public enum ModerationMode
{
    PostModeration,
    PreModeration,
}

/// <summary>
/// A participant's report of one piece of content (a comment, an idea...). Generic: the owning module
/// names the kind of content and its id. One per reporter and item; a moderator's decision resolves
/// every open report of the item.
/// </summary>
public class ContentReport
{
    public long Id { get; set; }

    /// <summary>The module's name for the kind of content, for example "consultation-comment".</summary>
    public string ContentType { get; set; } = "";

    public string ContentId { get; set; } = "";

    public Guid ReporterId { get; set; }

    public ReportReason Reason { get; set; }

    public string? Details { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When a moderator decided on the item; a resolved report no longer counts towards hiding it.</summary>
    public DateTime? ResolvedAt { get; set; }
}

public sealed class ContentReportConfiguration : IEntityTypeConfiguration<ContentReport>
{
    public void Configure(EntityTypeBuilder<ContentReport> builder)
    {
        builder.ToTable("ContentReports");
        builder.Property(r => r.ContentType).HasMaxLength(40);
        builder.Property(r => r.ContentId).HasMaxLength(64);
        builder.Property(r => r.Reason).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Details).HasMaxLength(500);
        // One report per person and item, even when the same form is sent twice at once.
        builder.HasIndex(r => new { r.ContentType, r.ContentId, r.ReporterId }).IsUnique();
        // The open reports of an item, counted on every new report and listed in the queue.
        builder.HasIndex(r => new { r.ContentType, r.ResolvedAt, r.ContentId });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.ReporterId).OnDelete(DeleteBehavior.Cascade);
    }
}
