namespace EParticipation.Web.Platform.Comments;

/// <summary>Where a comment stands; the same life as a consultation comment's (pending, published, hidden, rejected, withdrawn).</summary>
public enum ThreadCommentStatus
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
