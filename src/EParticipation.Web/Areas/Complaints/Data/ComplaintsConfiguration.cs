using EParticipation.Web.Areas.Complaints.Domain;
using EParticipation.Web.Platform.Agencies;
using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Areas.Complaints.Data;

public sealed class ReferralChannelConfiguration : IEntityTypeConfiguration<ReferralChannel>
{
    public void Configure(EntityTypeBuilder<ReferralChannel> builder)
    {
        builder.ToTable("ComplaintChannels");
        builder.Property(c => c.Code).HasMaxLength(40);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.ComplexProperty(c => c.Name, n => n.IsLocalizedText("Name", 200));
        builder.ComplexProperty(c => c.Handles, n => n.IsLocalizedText("Handles", 2000));
        builder.ComplexProperty(c => c.HowToReach, n => n.IsLocalizedText("HowToReach", 2000));
        builder.ComplexProperty(c => c.Prepare, n => n.IsLocalizedText("Prepare", 2000));
        builder.Property(c => c.Url).HasMaxLength(300);
        builder.HasOne<Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ComplaintRouteConfiguration : IEntityTypeConfiguration<ComplaintRoute>
{
    public void Configure(EntityTypeBuilder<ComplaintRoute> builder)
    {
        builder.ToTable("ComplaintRoutes");
        builder.Property(r => r.Code).HasMaxLength(60);
        builder.HasIndex(r => r.Code).IsUnique();
        builder.HasIndex(r => new { r.ParentId, r.Order });
        builder.ComplexProperty(r => r.Label, n => n.IsLocalizedText("Label", 300));
        builder.ComplexProperty(r => r.Hint, n => n.IsLocalizedText("Hint", 1000));
        builder.Property(r => r.Target).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(r => r.Parent).WithMany().HasForeignKey(r => r.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Channel).WithMany().HasForeignKey(r => r.ChannelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agency>().WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ReferralCountConfiguration : IEntityTypeConfiguration<ReferralCount>
{
    public void Configure(EntityTypeBuilder<ReferralCount> builder)
    {
        builder.ToTable("ComplaintReferralCounts");
        builder.HasKey(c => new { c.RouteCode, c.Year, c.Month });
        builder.Property(c => c.RouteCode).HasMaxLength(60);
        builder.Property(c => c.ChannelCode).HasMaxLength(40);
    }
}
