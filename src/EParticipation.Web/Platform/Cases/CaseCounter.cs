using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Platform.Cases;

/// <summary>
/// The last tracking number given for a kind in a Hijri year. It is incremented by one UPDATE inside
/// the submission's transaction, which holds the row until commit: two instances never hand out the
/// same number, and a rolled-back submission gives its number back.
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
