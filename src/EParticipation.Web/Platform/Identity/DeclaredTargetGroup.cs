using EParticipation.Web.Platform.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Platform.Identity;

/// <summary>
/// A target group (women, persons with disabilities, youth, ...) a participant says they belong to,
/// on their account page. Optional and self-declared: nobody checks it. It is what polls limited to
/// target groups and the seats events reserve for a group look at; it is part of the person's data
/// download and is erased with the account (PDPL: it can be sensitive, so it is kept only while wanted).
/// </summary>
public class DeclaredTargetGroup
{
    public Guid UserId { get; set; }

    public int TargetGroupId { get; set; }

    public TargetGroup? TargetGroup { get; set; }

    public DateTime DeclaredAt { get; set; }
}

public sealed class DeclaredTargetGroupConfiguration : IEntityTypeConfiguration<DeclaredTargetGroup>
{
    public void Configure(EntityTypeBuilder<DeclaredTargetGroup> builder)
    {
        builder.ToTable("AccountTargetGroups");
        // The vote's eligibility check looks up (account, group) by this key.
        builder.HasKey(d => new { d.UserId, d.TargetGroupId });
        builder.HasIndex(d => d.TargetGroupId);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.TargetGroup).WithMany().HasForeignKey(d => d.TargetGroupId).OnDelete(DeleteBehavior.Restrict);
    }
}
