using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Platform.Cases;

/// <summary>
/// One change in a case's life. Public entries are shown to the submitter; internal ones (notes,
/// assignments) only to the agency's staff.
/// </summary>
public class CaseTimelineEntry
{
    public long Id { get; set; }

    public long CaseId { get; set; }

    public DateTime At { get; set; }

    public CaseEvent Event { get; set; }

    public bool IsPublic { get; set; }

    /// <summary>Who acted: the submitter, an officer, or null for the portal itself.</summary>
    public Guid? ActorId { get; set; }

    /// <summary>What someone wrote (a response, a note, the information asked for or given).</summary>
    public string? Body { get; set; }

    /// <summary>
    /// The change in a form the page renders in either language: an end state's name, the agency
    /// code of a transfer, dates as yyyy-MM-dd ("2026-12-17>2026-12-20").
    /// </summary>
    public string? Data { get; set; }
}

public sealed class CaseTimelineEntryConfiguration : IEntityTypeConfiguration<CaseTimelineEntry>
{
    public void Configure(EntityTypeBuilder<CaseTimelineEntry> builder)
    {
        builder.ToTable("CaseTimeline");
        builder.Property(e => e.Event).HasConversion<string>().HasMaxLength(40);
        builder.Property(e => e.Body).HasMaxLength(8000);
        builder.Property(e => e.Data).HasMaxLength(500);
        builder.HasIndex(e => new { e.CaseId, e.At });
    }
}
