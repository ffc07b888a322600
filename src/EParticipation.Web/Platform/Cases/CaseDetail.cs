using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Platform.Cases;

/// <summary>
/// One of a kind's own fields (the service concerned, the regulation, the cost to a business...), kept
/// with its label in both languages so the shared case screens show it without knowing the module.
/// </summary>
public class CaseDetail
{
    public long Id { get; set; }

    public long CaseId { get; set; }

    /// <summary>A stable name for exports and tests, for example "service" or "cost-amount".</summary>
    public string Name { get; set; } = "";

    public LocalizedText Label { get; set; } = new();

    public string Value { get; set; } = "";

    public int Order { get; set; }
}

public sealed class CaseDetailConfiguration : IEntityTypeConfiguration<CaseDetail>
{
    public void Configure(EntityTypeBuilder<CaseDetail> builder)
    {
        builder.ToTable("CaseDetails");
        builder.Property(d => d.Name).HasMaxLength(60);
        builder.ComplexProperty(d => d.Label, n => n.IsLocalizedText("Label", 200));
        builder.Property(d => d.Value).HasMaxLength(4000);
        builder.HasIndex(d => d.CaseId);
    }
}
