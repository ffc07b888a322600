using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Areas.Ideas.Data;

public sealed class ChallengeConfiguration : IEntityTypeConfiguration<Challenge>
{
    public void Configure(EntityTypeBuilder<Challenge> builder)
    {
        builder.ToTable("Challenges");
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.ComplexProperty(c => c.Title, n => n.IsLocalizedText("Title", 300));
        builder.ComplexProperty(c => c.Problem, n => n.IsLocalizedText("Problem", 4000));
        builder.ComplexProperty(c => c.Criteria, n => n.IsLocalizedText("Criteria", 4000));
        builder.ComplexProperty(c => c.Outcome, n => n.IsLocalizedText("Outcome", 4000));
        builder.Property(c => c.SearchText).HasMaxLength(Challenge.SearchTextMaxLength);
        builder.Property(c => c.Moderation).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(c => c.Agency).WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Sector).WithMany().HasForeignKey(c => c.SectorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.TargetGroups).WithOne().HasForeignKey(t => t.ChallengeId).OnDelete(DeleteBehavior.Cascade);
        // The public list (by dates) and an agency's own list.
        builder.HasIndex(c => new { c.OpensAt, c.ClosesAt });
        builder.HasIndex(c => new { c.AgencyId, c.OpensAt });
    }
}

public sealed class ChallengeTargetGroupConfiguration : IEntityTypeConfiguration<ChallengeTargetGroup>
{
    public void Configure(EntityTypeBuilder<ChallengeTargetGroup> builder)
    {
        builder.ToTable("ChallengeTargetGroups");
        builder.HasKey(t => new { t.ChallengeId, t.TargetGroupId });
        builder.HasOne(t => t.TargetGroup).WithMany().HasForeignKey(t => t.TargetGroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.TargetGroupId, t.ChallengeId });
    }
}

public sealed class IdeaConfiguration : IEntityTypeConfiguration<Idea>
{
    public void Configure(EntityTypeBuilder<Idea> builder)
    {
        builder.ToTable("Ideas");
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.Property(i => i.Title).HasMaxLength(IdeaRules.TitleMaxLength);
        builder.Property(i => i.TitleKey).HasMaxLength(IdeaRules.TitleMaxLength);
        builder.Property(i => i.Problem).HasMaxLength(IdeaRules.TextMaxLength);
        builder.Property(i => i.Proposal).HasMaxLength(IdeaRules.TextMaxLength);
        builder.Property(i => i.Benefit).HasMaxLength(IdeaRules.TextMaxLength);
        builder.Property(i => i.SearchText).HasMaxLength(IdeaRules.SearchTextMaxLength);
        builder.Property(i => i.DisplayName).HasMaxLength(100);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Visibility).HasConversion<string>().HasMaxLength(20);
        builder.ComplexProperty(i => i.Answer, n => n.IsLocalizedText("Answer", 4000));
        builder.HasOne(i => i.Agency).WithMany().HasForeignKey(i => i.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(i => i.Challenge).WithMany().HasForeignKey(i => i.ChallengeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(i => i.Sector).WithMany().HasForeignKey(i => i.SectorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(i => i.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Idea>().WithMany().HasForeignKey(i => i.DuplicateOfId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Events).WithOne().HasForeignKey(e => e.IdeaId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Attachments).WithOne().HasForeignKey(a => a.IdeaId).OnDelete(DeleteBehavior.Cascade);
        // The title's words and pairs carry the idea's agency through this key, so it is always the idea's.
        builder.HasMany(i => i.Words).WithOne().HasForeignKey(w => new { w.IdeaId, w.AgencyId }).HasPrincipalKey(i => new { i.Id, i.AgencyId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.WordPairs).WithOne().HasForeignKey(p => new { p.IdeaId, p.AgencyId }).HasPrincipalKey(i => new { i.Id, i.AgencyId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.WordTriples).WithOne().HasForeignKey(t => new { t.IdeaId, t.AgencyId }).HasPrincipalKey(i => new { i.Id, i.AgencyId }).OnDelete(DeleteBehavior.Cascade);
        // The same form sent twice stores one idea.
        builder.HasIndex(i => new { i.AuthorId, i.SubmissionKey }).IsUnique();
        // The public list: newest, and most supported (the benchmark's sort).
        builder.HasIndex(i => new { i.Visibility, i.CreatedAt });
        builder.HasIndex(i => new { i.Visibility, i.SupportCount, i.Id });
        // By challenge, agency, status; the analyst's queue; an original's duplicates.
        builder.HasIndex(i => new { i.ChallengeId, i.Visibility, i.CreatedAt });
        builder.HasIndex(i => new { i.AgencyId, i.Status, i.CreatedAt });
        builder.HasIndex(i => new { i.Status, i.Visibility });
        builder.HasIndex(i => i.DuplicateOfId);
        builder.HasIndex(i => i.TitleKey);
    }
}

public sealed class IdeaEventConfiguration : IEntityTypeConfiguration<IdeaEvent>
{
    public void Configure(EntityTypeBuilder<IdeaEvent> builder)
    {
        builder.ToTable("IdeaEvents");
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.ComplexProperty(e => e.Note, n => n.IsLocalizedText("Note", 4000));
        builder.HasIndex(e => new { e.IdeaId, e.At });
    }
}

public sealed class IdeaSupportConfiguration : IEntityTypeConfiguration<IdeaSupport>
{
    public void Configure(EntityTypeBuilder<IdeaSupport> builder)
    {
        builder.ToTable("IdeaSupports");
        // One support per account and idea, even when two requests arrive at once.
        builder.HasKey(s => new { s.IdeaId, s.UserId });
        builder.HasOne<Idea>().WithMany().HasForeignKey(s => s.IdeaId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.UserId);
    }
}

public sealed class IdeaWordConfiguration : IEntityTypeConfiguration<IdeaWord>
{
    public void Configure(EntityTypeBuilder<IdeaWord> builder)
    {
        builder.ToTable("IdeaWords");
        builder.HasKey(w => new { w.IdeaId, w.AgencyId, w.Word });
        builder.Property(w => w.Word).HasMaxLength(IdeaTitleWords.MaxWordLength);
        builder.Property(w => w.Head).HasMaxLength(IdeaTitleWords.MinWordLength);
        // Similar ideas while typing, when fewer than two words are shared: the words beginning with
        // what was typed (Head equality, then the prefix), counted per idea, within an agency or not,
        // from the index alone.
        builder.HasIndex(w => new { w.Head, w.Word, w.AgencyId, w.IdeaId, w.WordCount });
    }
}

public sealed class IdeaWordPairConfiguration : IEntityTypeConfiguration<IdeaWordPair>
{
    public void Configure(EntityTypeBuilder<IdeaWordPair> builder)
    {
        builder.ToTable("IdeaWordPairs");
        builder.HasKey(p => new { p.IdeaId, p.AgencyId, p.Pair });
        builder.Property(p => p.Pair).HasMaxLength((2 * IdeaTitleWords.MaxWordLength) + 1);
        // Similar ideas while typing: the ideas sharing pairs of words with what was typed, counted
        // per idea, within an agency or not, from the index alone.
        builder.HasIndex(p => new { p.Pair, p.AgencyId, p.IdeaId, p.WordCount });
    }
}

public sealed class IdeaWordTripleConfiguration : IEntityTypeConfiguration<IdeaWordTriple>
{
    public void Configure(EntityTypeBuilder<IdeaWordTriple> builder)
    {
        builder.ToTable("IdeaWordTriples");
        builder.HasKey(t => new { t.IdeaId, t.AgencyId, t.Triple });
        builder.Property(t => t.Triple).HasMaxLength((3 * IdeaTitleWords.MaxWordLength) + 2);
        // Similar ideas while typing, once three words are typed: the ideas sharing three of them,
        // counted per idea, within an agency or not, from the index alone.
        builder.HasIndex(t => new { t.Triple, t.AgencyId, t.IdeaId, t.WordCount });
    }
}

public sealed class IdeaAttachmentConfiguration : IEntityTypeConfiguration<IdeaAttachment>
{
    public void Configure(EntityTypeBuilder<IdeaAttachment> builder)
    {
        builder.ToTable("IdeaAttachments");
        builder.Property(a => a.StorageKey).HasMaxLength(100);
        builder.Property(a => a.FileName).HasMaxLength(255);
        builder.Property(a => a.ContentType).HasMaxLength(120);
        builder.HasIndex(a => a.IdeaId);
    }
}
