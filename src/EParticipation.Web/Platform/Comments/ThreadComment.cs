using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Platform.Comments;

/// <summary>
/// A participant's comment on an item of any module that takes comments (an idea, later a challenge):
/// the module names the kind of item (<see cref="ContentType"/>) and its id (<see cref="ThreadId"/>).
/// The rules (who may change it, what a moderator's decision does, what reports do) are the ones
/// consultation comments follow.
/// </summary>
public class ThreadComment
{
    public const int MaxLength = 4000;

    public const int DisplayNameMaxLength = 100;

    public long Id { get; set; }

    /// <summary>The module's name for the kind of item, for example "idea".</summary>
    public string ContentType { get; set; } = "";

    public string ThreadId { get; set; } = "";

    public Guid AuthorId { get; set; }

    /// <summary>The name the author chose to publish with (PDPL: never their account name unless they choose it).</summary>
    public string DisplayName { get; set; } = "";

    public string Body { get; set; } = "";

    public ThreadCommentStatus Status { get; set; }

    /// <summary>From a hidden field of the form: the same form sent twice stores one comment.</summary>
    public Guid SubmissionKey { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ModeratedAt { get; set; }

    public Guid? ModeratedById { get; set; }

    public string? RejectionReason { get; set; }

    public bool AuthorMayChange => ModeratedAt is null && Status is ThreadCommentStatus.Pending or ThreadCommentStatus.Published or ThreadCommentStatus.Hidden;

    public static ThreadCommentStatus InitialStatus(ModerationMode mode) =>
        mode == ModerationMode.PreModeration ? ThreadCommentStatus.Pending : ThreadCommentStatus.Published;

    /// <summary>+1, -1 or 0 for the item's published-comment counter, by whether the comment counts before and after.</summary>
    public static int Delta(ThreadCommentStatus before, ThreadCommentStatus after) =>
        (after == ThreadCommentStatus.Published ? 1 : 0) - (before == ThreadCommentStatus.Published ? 1 : 0);

    public void Withdraw()
    {
        if (!AuthorMayChange)
        {
            throw new InvalidOperationException("A moderated or withdrawn comment cannot be withdrawn.");
        }
        Status = ThreadCommentStatus.Withdrawn;
    }

    public void Approve(Guid moderatorId, DateTime now)
    {
        Status = ThreadCommentStatus.Published;
        ModeratedAt = now;
        ModeratedById = moderatorId;
        RejectionReason = null;
    }

    public void Reject(Guid moderatorId, string reason, DateTime now)
    {
        Status = ThreadCommentStatus.Rejected;
        ModeratedAt = now;
        ModeratedById = moderatorId;
        RejectionReason = reason;
    }

    public void HideAfterReports()
    {
        if (Status == ThreadCommentStatus.Published)
        {
            Status = ThreadCommentStatus.Hidden;
            ModeratedAt = null;
        }
    }
}

public sealed class ThreadCommentConfiguration : IEntityTypeConfiguration<ThreadComment>
{
    public void Configure(EntityTypeBuilder<ThreadComment> builder)
    {
        builder.ToTable("Comments");
        builder.Property(c => c.ContentType).HasMaxLength(40);
        builder.Property(c => c.ThreadId).HasMaxLength(64);
        builder.Property(c => c.DisplayName).HasMaxLength(ThreadComment.DisplayNameMaxLength);
        builder.Property(c => c.Body).HasMaxLength(ThreadComment.MaxLength);
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
