using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Platform.Comments;

/// <summary>
/// A participant's comment on an item of any module that takes comments (an idea, later a challenge):
/// the module names the kind of item (<see cref="ContentType"/>) and its id (<see cref="ThreadId"/>).
/// The rules (who may change it, what a moderator's decision does, what reports do) are
/// <see cref="ModeratedComment"/>'s, the same as a consultation comment's.
/// </summary>
public class ThreadComment : ModeratedComment
{
    /// <summary>The module's name for the kind of item, for example "idea".</summary>
    public string ContentType { get; set; } = "";

    public string ThreadId { get; set; } = "";

    public string Body { get; set; } = "";
}

public sealed class ThreadCommentConfiguration : IEntityTypeConfiguration<ThreadComment>
{
    public void Configure(EntityTypeBuilder<ThreadComment> builder)
    {
        builder.ToTable("Comments");
        builder.Property(c => c.ContentType).HasMaxLength(40);
        builder.Property(c => c.ThreadId).HasMaxLength(64);
        builder.Property(c => c.DisplayName).HasMaxLength(ModeratedComment.DisplayNameMaxLength);
        builder.Property(c => c.Body).HasMaxLength(ModeratedComment.MaxLength);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        builder.Property(c => c.RejectionReason).HasMaxLength(500);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        // The same form sent twice stores one comment.
        builder.HasIndex(c => new { c.AuthorId, c.SubmissionKey }).IsUnique();
        // An item's published comments, oldest first.
        builder.HasIndex(c => new { c.ContentType, c.ThreadId, c.Status, c.Id });
        // The moderation queue: pending and hidden comments of every module.
        builder.HasIndex(c => new { c.Status, c.CreatedAt });
    }
}
