namespace EParticipation.Web.Platform.Comments;

/// <summary>
/// Where a comment stands, for every module's comments (consultation comments, comments on ideas):
/// pending, published, hidden, rejected, withdrawn. <see cref="ModeratedComment"/> holds the rules.
/// Stored as its name, so the values can be reordered without touching the data.
/// </summary>
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
