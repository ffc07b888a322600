using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Areas.Consultations.Data;

public sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> builder)
    {
        builder.ToTable("Consultations");
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Moderation).HasConversion<string>().HasMaxLength(20);
        builder.ComplexProperty(c => c.Title, n => n.IsLocalizedText("Title", 300));
        builder.ComplexProperty(c => c.Summary, n => n.IsLocalizedText("Summary", 4000));
        builder.Property(c => c.SearchText).HasMaxLength(Consultation.SearchTextMaxLength);
        builder.HasOne(c => c.Agency).WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Sector).WithMany().HasForeignKey(c => c.SectorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.TargetGroups).WithOne().HasForeignKey(t => t.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Articles).WithOne().HasForeignKey(a => a.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Documents).WithOne().HasForeignKey(d => d.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Questions).WithOne().HasForeignKey(q => q.ConsultationId).OnDelete(DeleteBehavior.Cascade);

        // The public tabs: open and planned are ordered by opening, archived by closing; each filter
        // (agency, sector, kind) has an index that leads with it and carries the dates.
        builder.HasIndex(c => new { c.OpensAt, c.ClosesAt });
        builder.HasIndex(c => c.ClosesAt);
        builder.HasIndex(c => new { c.AgencyId, c.OpensAt });
        builder.HasIndex(c => new { c.SectorId, c.OpensAt });
        builder.HasIndex(c => new { c.Kind, c.OpensAt });
        // The staff list: their agency's consultations, newest first.
        builder.HasIndex(c => new { c.AgencyId, c.CreatedAt });
    }
}

public sealed class ConsultationTargetGroupConfiguration : IEntityTypeConfiguration<ConsultationTargetGroup>
{
    public void Configure(EntityTypeBuilder<ConsultationTargetGroup> builder)
    {
        builder.ToTable("ConsultationTargetGroups");
        builder.HasKey(t => new { t.ConsultationId, t.TargetGroupId });
        // The target-group filter starts from the group.
        builder.HasIndex(t => new { t.TargetGroupId, t.ConsultationId });
        builder.HasOne(t => t.TargetGroup).WithMany().HasForeignKey(t => t.TargetGroupId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> builder)
    {
        builder.ToTable("ConsultationArticles");
        builder.ComplexProperty(a => a.Heading, n => n.IsLocalizedText("Heading", 300));
        builder.ComplexProperty(a => a.Body, n => n.IsLocalizedText("Body", null));
        builder.HasIndex(a => new { a.ConsultationId, a.Number });
        builder.HasMany(a => a.Comments).WithOne(c => c.Article).HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ConsultationDocumentConfiguration : IEntityTypeConfiguration<ConsultationDocument>
{
    public void Configure(EntityTypeBuilder<ConsultationDocument> builder)
    {
        builder.ToTable("ConsultationDocuments");
        builder.ComplexProperty(d => d.Title, n => n.IsLocalizedText("Title", 300));
        builder.Property(d => d.StorageKey).HasMaxLength(64);
        builder.Property(d => d.FileName).HasMaxLength(200);
        builder.Property(d => d.ContentType).HasMaxLength(100);
        builder.HasIndex(d => d.ConsultationId);
    }
}

public sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> builder)
    {
        builder.ToTable("ConsultationComments");
        builder.Property(c => c.DisplayName).HasMaxLength(100);
        builder.Property(c => c.Body).HasMaxLength(CommentRules.MaxLength);
        // A concurrency token: an update made from a stale read of the status fails rather than
        // counting the same change twice (see CommentLock).
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        builder.Property(c => c.RejectionReason).HasMaxLength(500);
        builder.Property(c => c.SearchText).HasMaxLength(CommentRules.MaxLength);
        builder.Property(c => c.Disposition).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ReviewVersion).IsConcurrencyToken();
        builder.ComplexProperty(c => c.Response, n => n.IsLocalizedText("Response", ReviewRules.ResponseMaxLength));
        builder.HasOne(c => c.Consultation).WithMany().HasForeignKey(c => c.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        // The same form sent twice (double click, two tabs, a retry) stores one comment.
        builder.HasIndex(c => new { c.AuthorId, c.SubmissionKey }).IsUnique();
        // The consultation page: newest published comments per article, and on the whole draft. The
        // whole draft's is partial: "ArticleId IS NULL" is not an equality PostgreSQL can order by, so a
        // (ConsultationId, Status, ArticleId, Id) index had all of them read and sorted on every page.
        builder.HasIndex(c => new { c.ArticleId, c.Status, c.Id });
        builder.HasIndex(c => new { c.ConsultationId, c.Status, c.Id }).HasFilter("\"ArticleId\" IS NULL");
        // "My participation": an author's comments, newest first.
        builder.HasIndex(c => new { c.AuthorId, c.CreatedAt });
        // A participant's own comments on the consultation they are reading, newest first: read on every
        // signed-in view of it. Through the index above, PostgreSQL read all of the author's comments
        // to keep those on this draft (0.82 ms of its CPU a page, bench/results/consultations.md).
        builder.HasIndex(c => new { c.AuthorId, c.ConsultationId, c.Id });
        // The moderation queue: by status, oldest first.
        builder.HasIndex(c => new { c.Status, c.ModeratedAt, c.CreatedAt });
        // The review screen: a consultation's published comments by disposition (the "without a
        // disposition" filter and the counts that gate publishing the report), and its groups.
        builder.HasIndex(c => new { c.ConsultationId, c.Status, c.Disposition });
        builder.HasIndex(c => new { c.ConsultationId, c.GroupId });
    }
}

public sealed class CommentSupportConfiguration : IEntityTypeConfiguration<CommentSupport>
{
    public void Configure(EntityTypeBuilder<CommentSupport> builder)
    {
        builder.ToTable("ConsultationCommentSupports");
        // One support per person and comment, even when two clicks arrive at once.
        builder.HasKey(s => new { s.CommentId, s.UserId });
        // A participant's supports: which of the comments on the page they supported, read on every
        // signed-in view of a consultation as one short range of their own rows. (Through the key, one
        // descent per comment shown: 270 buffers a page; through an index of UserId alone, the heap
        // row of every support they ever gave.)
        builder.HasIndex(s => new { s.UserId, s.CommentId });
        builder.HasOne<Comment>().WithMany().HasForeignKey(s => s.CommentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> builder)
    {
        builder.ToTable("ConsultationQuestions");
        builder.Property(q => q.Type).HasConversion<string>().HasMaxLength(20);
        builder.ComplexProperty(q => q.Text, n => n.IsLocalizedText("Text", 500));
        builder.HasIndex(q => new { q.ConsultationId, q.Position });
        builder.HasMany(q => q.Options).WithOne().HasForeignKey(o => o.QuestionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class QuestionOptionConfiguration : IEntityTypeConfiguration<QuestionOption>
{
    public void Configure(EntityTypeBuilder<QuestionOption> builder)
    {
        builder.ToTable("ConsultationQuestionOptions");
        builder.ComplexProperty(o => o.Text, n => n.IsLocalizedText("Text", 300));
        builder.HasIndex(o => new { o.QuestionId, o.Position });
    }
}

public sealed class QuestionnaireResponseConfiguration : IEntityTypeConfiguration<QuestionnaireResponse>
{
    public void Configure(EntityTypeBuilder<QuestionnaireResponse> builder)
    {
        builder.ToTable("ConsultationResponses");
        builder.HasOne(r => r.Consultation).WithMany().HasForeignKey(r => r.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Restrict);
        // One response per participant and consultation: answering again changes it.
        builder.HasIndex(r => new { r.ConsultationId, r.UserId }).IsUnique();
        // "My participation".
        builder.HasIndex(r => new { r.UserId, r.SubmittedAt });
        builder.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AnswerConfiguration : IEntityTypeConfiguration<Answer>
{
    public void Configure(EntityTypeBuilder<Answer> builder)
    {
        builder.ToTable("ConsultationAnswers");
        builder.Property(a => a.Text).HasMaxLength(CommentRules.MaxLength);
        builder.HasIndex(a => a.ResponseId);
        // Results per question and option (part 2's summary report).
        builder.HasIndex(a => new { a.QuestionId, a.OptionId });
        // An answer goes with its response (Consultations -> Responses -> Answers, cascaded by the
        // database). The second path (Consultations -> Questions -> Answers) is not cascaded in the
        // database, which SQL Server refuses ("multiple cascade paths"); EF deletes the answers of a
        // question it deletes, and questions cannot change once a consultation has responses.
        builder.HasOne<Question>().WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.ClientCascade);
        builder.HasOne<QuestionOption>().WithMany().HasForeignKey(a => a.OptionId).OnDelete(DeleteBehavior.Restrict);
    }
}
