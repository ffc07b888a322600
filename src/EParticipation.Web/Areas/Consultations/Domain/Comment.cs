namespace EParticipation.Web.Areas.Consultations.Domain;

public enum CommentStatus
{
    /// <summary>Waiting for a moderator (pre-moderation); only its author sees it.</summary>
    Pending,

    Published,

    /// <summary>Hidden after reports by several participants, until a moderator decides.</summary>
    Hidden,

    Rejected,

    /// <summary>Taken back by its author.</summary>
    Withdrawn,
}

/// <summary>
/// A participant's comment on one article or on the whole draft. Part 2 adds the legislation office's
/// disposition, public response and mass-comment group to this same entity.
/// </summary>
public class Comment
{
    public long Id { get; set; }

    public int ConsultationId { get; set; }

    public Consultation? Consultation { get; set; }

    /// <summary>Null for a comment on the whole draft.</summary>
    public int? ArticleId { get; set; }

    public Article? Article { get; set; }

    public Guid AuthorId { get; set; }

    /// <summary>The name the author chose to publish with (PDPL: never their account name unless they choose it).</summary>
    public string DisplayName { get; set; } = "";

    public string Body { get; set; } = "";

    public CommentStatus Status { get; set; }

    /// <summary>From a hidden field of the form: the same form sent twice stores one comment.</summary>
    public Guid SubmissionKey { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? EditedAt { get; set; }

    /// <summary>When a moderator approved or rejected it; after that its author can no longer change it.</summary>
    public DateTime? ModeratedAt { get; set; }

    public Guid? ModeratedById { get; set; }

    public string? RejectionReason { get; set; }

    public int SupportCount { get; set; }

    public bool IsPublished => Status == CommentStatus.Published;

    /// <summary>The author may edit or withdraw it until a moderator has decided on it.</summary>
    public bool AuthorMayChange => ModeratedAt is null && Status is CommentStatus.Pending or CommentStatus.Published or CommentStatus.Hidden;

    /// <summary>A new comment starts pending under pre-moderation and published under post-moderation.</summary>
    public static CommentStatus InitialStatus(Platform.Moderation.ModerationMode mode) =>
        mode == Platform.Moderation.ModerationMode.PreModeration ? CommentStatus.Pending : CommentStatus.Published;

    public void Edit(string body, string displayName, DateTime now)
    {
        if (!AuthorMayChange)
        {
            throw new InvalidOperationException("A moderated or withdrawn comment cannot be edited.");
        }
        Body = body;
        DisplayName = displayName;
        EditedAt = now;
    }

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

/// <summary>One participant's support for a comment; the key stops anyone supporting twice.</summary>
public class CommentSupport
{
    public long CommentId { get; set; }

    public Guid UserId { get; set; }

    public DateTime CreatedAt { get; set; }
}
