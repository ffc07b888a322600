using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Platform.Agencies;

/// <summary>A government agency. Staff belong to exactly one, and see only its records.</summary>
public class Agency
{
    public int Id { get; set; }

    /// <summary>Short stable key (for example "moj"), used by seeds and in addresses.</summary>
    public string Code { get; set; } = "";

    public LocalizedText Name { get; set; } = new();

    /// <summary>Receives new submissions to the agency's legislation consultations.</summary>
    public string? LegislationOfficeEmail { get; set; }

    /// <summary>The Voice-of-Beneficiary team: receives every new idea addressed to the agency.</summary>
    public string? VocEmail { get; set; }

    /// <summary>Receives overdue cases when they are escalated.</summary>
    public string? SupervisorEmail { get; set; }

    public string? Website { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTime CreatedAt { get; set; }
}

public sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.ToTable("Agencies");
        builder.Property(a => a.Code).HasMaxLength(40);
        builder.HasIndex(a => a.Code).IsUnique();
        builder.ComplexProperty(a => a.Name, n => n.IsLocalizedText("Name", 200));
        builder.Property(a => a.LegislationOfficeEmail).HasMaxLength(256);
        builder.Property(a => a.VocEmail).HasMaxLength(256);
        builder.Property(a => a.SupervisorEmail).HasMaxLength(256);
        builder.Property(a => a.Website).HasMaxLength(300);
    }
}
