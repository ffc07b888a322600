using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Platform.Taxonomy;

/// <summary>A field of government work (education, health, ...), shared by every module.</summary>
public class Sector
{
    public int Id { get; set; }

    public string Code { get; set; } = "";

    public LocalizedText Name { get; set; } = new();

    public int SortOrder { get; set; }
}

/// <summary>A group a consultation or policy concerns (women, persons with disabilities, ...).</summary>
public class TargetGroup
{
    public int Id { get; set; }

    public string Code { get; set; } = "";

    public LocalizedText Name { get; set; } = new();

    public int SortOrder { get; set; }
}

public sealed class SectorConfiguration : IEntityTypeConfiguration<Sector>
{
    public void Configure(EntityTypeBuilder<Sector> builder)
    {
        builder.ToTable("Sectors");
        builder.Property(s => s.Code).HasMaxLength(40);
        builder.HasIndex(s => s.Code).IsUnique();
        builder.ComplexProperty(s => s.Name, n => n.IsLocalizedText("Name", 200));
    }
}

public sealed class TargetGroupConfiguration : IEntityTypeConfiguration<TargetGroup>
{
    public void Configure(EntityTypeBuilder<TargetGroup> builder)
    {
        builder.ToTable("TargetGroups");
        builder.Property(s => s.Code).HasMaxLength(40);
        builder.HasIndex(s => s.Code).IsUnique();
        builder.ComplexProperty(s => s.Name, n => n.IsLocalizedText("Name", 200));
    }
}
