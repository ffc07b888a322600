using EParticipation.Web.Areas.Polls.Domain;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Areas.Polls.Data;

public sealed class PollConfiguration : IEntityTypeConfiguration<Poll>
{
    public void Configure(EntityTypeBuilder<Poll> builder)
    {
        builder.ToTable("Polls");
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.ComplexProperty(p => p.Question, n => n.IsLocalizedText("Question", 300));
        builder.ComplexProperty(p => p.Description, n => n.IsLocalizedText("Description", 2000));
        builder.HasOne(p => p.Agency).WithMany().HasForeignKey(p => p.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Options).WithOne().HasForeignKey(o => o.PollId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.TargetGroups).WithOne().HasForeignKey(t => t.PollId).OnDelete(DeleteBehavior.Cascade);
        // The public filters: open and upcoming ordered by opening, closed by closing.
        builder.HasIndex(p => new { p.OpensAt, p.ClosesAt });
        builder.HasIndex(p => p.ClosesAt);
        // The staff list: their agency's polls, newest first.
        builder.HasIndex(p => new { p.AgencyId, p.CreatedAt });
    }
}

public sealed class PollOptionConfiguration : IEntityTypeConfiguration<PollOption>
{
    public void Configure(EntityTypeBuilder<PollOption> builder)
    {
        builder.ToTable("PollOptions");
        builder.ComplexProperty(o => o.Text, n => n.IsLocalizedText("Text", 200));
        builder.HasIndex(o => new { o.PollId, o.Position });
    }
}

public sealed class PollVoteConfiguration : IEntityTypeConfiguration<PollVote>
{
    public void Configure(EntityTypeBuilder<PollVote> builder)
    {
        builder.ToTable("PollVotes");
        // One vote per account and poll, enforced by the database even when requests race.
        builder.HasKey(v => new { v.PollId, v.UserId });
        // The results: counts per option of one poll, read from this index alone.
        builder.HasIndex(v => new { v.PollId, v.OptionId });
        // Personal data (download, deletion) starts from the account.
        builder.HasIndex(v => v.UserId);
        builder.HasOne<Poll>().WithMany().HasForeignKey(v => v.PollId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PollOption>().WithMany().HasForeignKey(v => v.OptionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PollTargetGroupConfiguration : IEntityTypeConfiguration<PollTargetGroup>
{
    public void Configure(EntityTypeBuilder<PollTargetGroup> builder)
    {
        builder.ToTable("PollTargetGroups");
        builder.HasKey(t => new { t.PollId, t.TargetGroupId });
        builder.HasIndex(t => new { t.TargetGroupId, t.PollId });
        builder.HasOne(t => t.TargetGroup).WithMany().HasForeignKey(t => t.TargetGroupId).OnDelete(DeleteBehavior.Restrict);
    }
}
