using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Platform.Cases;

/// <summary>A time the case waited for the submitter's information: its clock stood still.</summary>
public class CasePause
{
    public long Id { get; set; }

    public long CaseId { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? EndedAt { get; set; }
}

public sealed class CasePauseConfiguration : IEntityTypeConfiguration<CasePause>
{
    public void Configure(EntityTypeBuilder<CasePause> builder)
    {
        builder.ToTable("CasePauses");
        builder.HasIndex(p => p.CaseId);
    }
}
