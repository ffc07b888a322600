using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Areas.Consultations.Data;

public sealed class ConsultationReportConfiguration : IEntityTypeConfiguration<ConsultationReport>
{
    public void Configure(EntityTypeBuilder<ConsultationReport> builder)
    {
        builder.ToTable("ConsultationReports");
        builder.ComplexProperty(r => r.Narrative, n => n.IsLocalizedText("Narrative", ReviewRules.NarrativeMaxLength));
        builder.Property(r => r.Version).IsConcurrencyToken();
        // One report per consultation (a later correction would add a version column, not a second row).
        builder.HasIndex(r => r.ConsultationId).IsUnique();
        builder.HasOne<Consultation>().WithMany().HasForeignKey(r => r.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.UpdatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.PublishedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.FinalTexts).WithOne().HasForeignKey(f => f.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ReportArticleTextConfiguration : IEntityTypeConfiguration<ReportArticleText>
{
    public void Configure(EntityTypeBuilder<ReportArticleText> builder)
    {
        builder.ToTable("ConsultationReportArticles");
        builder.HasKey(f => new { f.ReportId, f.ArticleId });
        builder.ComplexProperty(f => f.FinalBody, n => n.IsLocalizedText("FinalBody", ReviewRules.FinalTextMaxLength));
        builder.HasIndex(f => f.ArticleId);
        // Articles cannot change once a consultation opens, long before a report exists. Should a
        // consultation ever be deleted, its report's texts go with the report (Consultations -> Reports
        // -> ReportArticles); the path through its articles is not cascaded in the database, which SQL
        // Server refuses as a second cascade path (EF still deletes them with an article it deletes).
        builder.HasOne<Article>().WithMany().HasForeignKey(f => f.ArticleId).OnDelete(DeleteBehavior.ClientCascade);
    }
}
