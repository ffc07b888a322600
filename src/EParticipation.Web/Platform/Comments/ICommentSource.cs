using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Moderation;

namespace EParticipation.Web.Platform.Comments;

/// <summary>The two lists of the moderators' queue.</summary>
public enum CommentQueueKind
{
    /// <summary>Pre-moderated comments nobody sees until approved.</summary>
    Pending,

    /// <summary>Comments with an open report: still published, or hidden after reports by several participants.</summary>
    Reported,
}

/// <summary>One comment in the moderators' queue, whichever module it belongs to.</summary>
/// <param name="Source">The <see cref="ICommentSource.Key"/> of the module that owns it.</param>
/// <param name="Path">The item's address after the language, e.g. "consultations/12".</param>
/// <param name="Origin">What the comment is on (English text, a key of the shared resource), e.g. "Consultation".</param>
public sealed record CommentQueueRow(
    string Source,
    string Origin,
    long Id,
    LocalizedText ItemTitle,
    string Path,
    int? AgencyId,
    LocalizedText? AgencyName,
    string DisplayName,
    string Body,
    CommentStatus Status,
    DateTime CreatedAt,
    IReadOnlyList<OpenReport> Reports);

/// <summary>
/// A module whose comments appear in the moderators' one queue (<see cref="CommentQueueService"/>). The module
/// lists its comments awaiting a decision and applies a decision through its own rules (its counters,
/// its emails, its audit entry), built on <see cref="CommentWorkflow"/> and <see cref="ModeratedComment"/>.
/// </summary>
public interface ICommentSource
{
    /// <summary>A short stable name used in the queue's addresses, e.g. "consultations".</summary>
    string Key { get; }

    /// <summary>
    /// The oldest <paramref name="take"/> comments of the list, of the agency's items only when
    /// <paramref name="agencyId"/> is given, and how many there are in all.
    /// </summary>
    Task<(IReadOnlyList<CommentQueueRow> Rows, int Total)> QueueAsync(CommentQueueKind kind, int? agencyId, int take, CancellationToken cancellationToken);

    /// <summary>
    /// Approves or rejects one comment in the queue. NotFound when it is not in the queue, or belongs to
    /// another agency than <paramref name="agencyId"/> (when given); Conflict when another moderator
    /// decided otherwise first; AlreadyDone when they decided the same.
    /// </summary>
    Task<CommentOutcome> DecideAsync(long commentId, int? agencyId, Guid moderatorId, bool approve, string? reason, CancellationToken cancellationToken);
}
