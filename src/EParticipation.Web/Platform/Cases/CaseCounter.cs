using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Platform.Cases;

/// <summary>
/// The last tracking number reserved for a kind in a Hijri year. Each instance adds a block of numbers
/// to it in one statement of its own (<see cref="TrackingNumbers"/>), so two instances never hand out
/// the same number; numbers of a block left unused, or of a submission that failed, are gaps.
/// </summary>
public class CaseCounter
{
    public string Prefix { get; set; } = "";

    public int Year { get; set; }

    public int Value { get; set; }
}

public sealed class CaseCounterConfiguration : IEntityTypeConfiguration<CaseCounter>
{
    public void Configure(EntityTypeBuilder<CaseCounter> builder)
    {
        builder.ToTable("CaseCounters");
        builder.HasKey(c => new { c.Prefix, c.Year });
        builder.Property(c => c.Prefix).HasMaxLength(8);
    }
}
