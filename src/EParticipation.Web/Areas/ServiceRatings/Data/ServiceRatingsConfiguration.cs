using EParticipation.Web.Areas.ServiceRatings.Domain;
using EParticipation.Web.Platform.Agencies;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Areas.ServiceRatings.Data;

public sealed class GovernmentServiceConfiguration : IEntityTypeConfiguration<GovernmentService>
{
    public void Configure(EntityTypeBuilder<GovernmentService> builder)
    {
        builder.ToTable("GovernmentServices");
        builder.Property(s => s.Code).HasMaxLength(80);
        builder.HasIndex(s => s.Code).IsUnique();
        builder.ComplexProperty(s => s.Name, n => n.IsLocalizedText("Name", 300));
        builder.ComplexProperty(s => s.Description, n => n.IsLocalizedText("Description", 2000));
        builder.Property(s => s.Channels).HasConversion<int>();
        builder.Property(s => s.Url).HasMaxLength(500);
        builder.Property(s => s.SearchText).HasMaxLength(5000);
        builder.Property(s => s.Version).IsConcurrencyToken();
        // The catalogue: current services of an agency (and of a sector), by name.
        builder.HasIndex(s => new { s.IsRetired, s.AgencyId });
        builder.HasIndex(s => new { s.IsRetired, s.SectorId });
        builder.HasOne<Agency>().WithMany().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Sector>().WithMany().HasForeignKey(s => s.SectorId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class ServiceRatingConfiguration : IEntityTypeConfiguration<ServiceRating>
{
    public void Configure(EntityTypeBuilder<ServiceRating> builder)
    {
        builder.ToTable("ServiceRatings");
        builder.Property(r => r.Channel).HasConversion<int>();
        builder.Property(r => r.Comment).HasMaxLength(2000);
        builder.Property(r => r.Suggestion).HasMaxLength(4000);
        builder.Property(r => r.SuggestionCase).HasMaxLength(30);
        builder.Ignore(r => r.Scores);
        // One current rating per account and service.
        builder.HasIndex(r => new { r.ServiceId, r.UserId }).IsUnique();
        // The service page's newest comments.
        builder.HasIndex(r => new { r.ServiceId, r.SubmittedAt });
        builder.HasIndex(r => r.UserId);
        builder.HasOne(r => r.Service).WithMany().HasForeignKey(r => r.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ServiceRatingVersionConfiguration : IEntityTypeConfiguration<ServiceRatingVersion>
{
    public void Configure(EntityTypeBuilder<ServiceRatingVersion> builder)
    {
        builder.ToTable("ServiceRatingVersions");
        builder.Property(r => r.Channel).HasConversion<int>();
        builder.Property(r => r.Comment).HasMaxLength(2000);
        builder.Property(r => r.Suggestion).HasMaxLength(4000);
        builder.Property(r => r.SuggestionCase).HasMaxLength(30);
        builder.HasIndex(r => r.RatingId);
        // The recount: the versions that still count, per service.
        builder.HasIndex(r => new { r.ServiceId, r.StillCounts });
        builder.HasIndex(r => r.UserId);
        builder.HasOne<GovernmentService>().WithMany().HasForeignKey(r => r.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ServiceRatingMonthConfiguration : IEntityTypeConfiguration<ServiceRatingMonth>
{
    public void Configure(EntityTypeBuilder<ServiceRatingMonth> builder)
    {
        builder.ToTable("ServiceRatingMonths");
        builder.HasIndex(m => new { m.ServiceId, m.Month }).IsUnique();
        // An agency's figures, and the whole portal's by month.
        builder.HasIndex(m => new { m.AgencyId, m.Month });
        builder.HasIndex(m => m.Month);
        builder.HasOne<GovernmentService>().WithMany().HasForeignKey(m => m.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PageFeedbackConfiguration : IEntityTypeConfiguration<PageFeedback>
{
    public void Configure(EntityTypeBuilder<PageFeedback> builder)
    {
        builder.ToTable("PageFeedback");
        builder.Property(f => f.Path).HasMaxLength(300);
        builder.Property(f => f.Problems).HasMaxLength(200);
        builder.Property(f => f.Text).HasMaxLength(1000);
        builder.Property(f => f.Language).HasMaxLength(5);
        // Staff read one page's answers, newest first.
        builder.HasIndex(f => new { f.Path, f.CreatedAt });
    }
}

public sealed class PageFeedbackMonthConfiguration : IEntityTypeConfiguration<PageFeedbackMonth>
{
    public void Configure(EntityTypeBuilder<PageFeedbackMonth> builder)
    {
        builder.ToTable("PageFeedbackMonths");
        builder.Property(f => f.Path).HasMaxLength(300);
        builder.HasIndex(f => new { f.Path, f.Month }).IsUnique();
        builder.HasIndex(f => f.Month);
    }
}
