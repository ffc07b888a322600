using EParticipation.Web.Platform.Moderation;

namespace EParticipation.Web.Platform.Comments;

/// <summary>
/// What every module's comment shares, and the one set of rules for it: how a new comment starts
/// (pending under pre-moderation, published under post-moderation), what its author may still change,
/// what a moderator's approval or rejection records, what reports do (hide it until a moderator decides),
/// and how a status change moves the owning item's counter of published comments. Each module keeps
/// its own table (a consultation comment also carries its article, group and disposition; a comment
/// on an idea names its item by type and id), and both entities derive from this class.
/// </summary>
public abstract class ModeratedComment
{
    public const int MaxLength = 4000;

    public const int DisplayNameMaxLength = 100;

    public const int RejectionReasonMaxLength = 500;

    public long Id { get; set; }

    public Guid AuthorId { get; set; }

    /// <summary>The name the author chose to publish with (PDPL: never their account name unless they choose it).</summary>
    public string DisplayName { get; set; } = "";

    public CommentStatus Status { get; set; }

    /// <summary>From a hidden field of the form: the same form sent twice stores one comment.</summary>
    public Guid SubmissionKey { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When a moderator approved or rejected it; after that its author can no longer change it.</summary>
    public DateTime? ModeratedAt { get; set; }

    public Guid? ModeratedById { get; set; }

    public string? RejectionReason { get; set; }

    public bool IsPublished => Status == CommentStatus.Published;

    /// <summary>The author may edit or withdraw it until a moderator has decided on it.</summary>
    public bool AuthorMayChange => ModeratedAt is null && Status is CommentStatus.Pending or CommentStatus.Published or CommentStatus.Hidden;

    /// <summary>Waiting in a moderator's queue: pending, or hidden after reports and not decided since.</summary>
    public bool AwaitsModerator => ModeratedAt is null && Status is CommentStatus.Pending or CommentStatus.Hidden;

    /// <summary>A new comment starts pending under pre-moderation and published under post-moderation.</summary>
    public static CommentStatus InitialStatus(ModerationMode mode) =>
        mode == ModerationMode.PreModeration ? CommentStatus.Pending : CommentStatus.Published;

    /// <summary>+1, -1 or 0 for the item's published-comment counter, by whether the comment counts before and after.</summary>
    public static int Delta(CommentStatus before, CommentStatus after) =>
        (after == CommentStatus.Published ? 1 : 0) - (before == CommentStatus.Published ? 1 : 0);

    public void Withdraw()
    {
        if (!AuthorMayChange)
        {
            throw new InvalidOperationException("A moderated or withdrawn comment cannot be withdrawn.");
        }
        Status = CommentStatus.Withdrawn;
    }

    public void Approve(Guid moderatorId, DateTime now)
    {
        Status = CommentStatus.Published;
        ModeratedAt = now;
        ModeratedById = moderatorId;
        RejectionReason = null;
    }

    public void Reject(Guid moderatorId, string reason, DateTime now)
    {
        Status = CommentStatus.Rejected;
        ModeratedAt = now;
        ModeratedById = moderatorId;
        RejectionReason = reason;
    }

    /// <summary>Reports by several people take it off the page until a moderator decides.</summary>
    public void HideAfterReports()
    {
        if (Status == CommentStatus.Published)
        {
            Status = CommentStatus.Hidden;
            ModeratedAt = null;
        }
    }
}
