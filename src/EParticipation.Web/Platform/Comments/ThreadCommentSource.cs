namespace EParticipation.Web.Platform.Comments;

/// <summary>The platform's own comment table (comments on ideas, and any later module's) as a source of the one moderation queue.</summary>
public sealed class ThreadCommentSource(CommentService comments) : ICommentSource
{
    public const string SourceKey = "items";

    public string Key => SourceKey;

    public Task<(IReadOnlyList<CommentQueueRow> Rows, int Total)> QueueAsync(CommentQueueKind kind, int? agencyId, int take, CancellationToken cancellationToken) =>
        comments.QueueAsync(kind, agencyId, take, cancellationToken);

    public async Task<CommentOutcome> DecideAsync(long commentId, int? agencyId, Guid moderatorId, bool approve, string? reason, CancellationToken cancellationToken) =>
        (await comments.DecideAsync(commentId, moderatorId, approve, reason, seenStatus: null, agencyId, cancellationToken)).Outcome;
}
