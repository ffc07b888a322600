using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Platform.Cases;

/// <summary>A file sent with a case (checked by content in Platform/Attachments), downloadable only by those who see the case.</summary>
public class CaseAttachment
{
    public long Id { get; set; }

    public long CaseId { get; set; }

    /// <summary>The timeline entry it came with (the submission, or information added later).</summary>
    public long? TimelineEntryId { get; set; }

    public string StorageKey { get; set; } = "";

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    public DateTime UploadedAt { get; set; }
}

public sealed class CaseAttachmentConfiguration : IEntityTypeConfiguration<CaseAttachment>
{
    public void Configure(EntityTypeBuilder<CaseAttachment> builder)
    {
        builder.ToTable("CaseAttachments");
        builder.Property(a => a.StorageKey).HasMaxLength(100);
        builder.Property(a => a.FileName).HasMaxLength(200);
        builder.Property(a => a.ContentType).HasMaxLength(200);
        builder.HasIndex(a => a.CaseId);
    }
}
