using EParticipation.Web.Areas.Consultations.Models;
using EParticipation.Web.Platform.Comments;

namespace EParticipation.Web.Areas.Consultations.Services;

/// <summary>
/// Consultation comments in the platform's one moderation queue: listed from their own table (they
/// carry their article, group and disposition), decided through <see cref="CommentModeration"/>, so a
/// decision taken there emails the author, moves the article's and consultation's counters and is
/// audited exactly as on the consultations' own moderation page.
/// </summary>
public sealed class ConsultationCommentSource(CommentModeration moderation) : ICommentSource
{
    public const string SourceKey = "consultations";

    public string Key => SourceKey;

    public Task<(IReadOnlyList<CommentQueueRow> Rows, int Total)> QueueAsync(CommentQueueKind kind, int? agencyId, int take, CancellationToken cancellationToken) =>
        moderation.RowsAsync(kind, agencyId, take, cancellationToken);

    public async Task<CommentOutcome> DecideAsync(long commentId, int? agencyId, Guid moderatorId, bool approve, string? reason, CancellationToken cancellationToken)
    {
        if (agencyId is not null && await moderation.AgencyOfAsync(commentId, cancellationToken) != agencyId)
        {
            return CommentOutcome.NotFound;
        }
        var outcome = approve
            ? await moderation.ApproveAsync(commentId, moderatorId, overrideDecision: false, cancellationToken)
            : await moderation.RejectAsync(commentId, moderatorId, reason ?? "", overrideDecision: false, cancellationToken);
        return outcome switch
        {
            ModerationOutcome.Done => CommentOutcome.Done,
            ModerationOutcome.AlreadyTheSame => CommentOutcome.AlreadyDone,
            ModerationOutcome.AlreadyDecided => CommentOutcome.Conflict,
            _ => CommentOutcome.NotFound,
        };
    }
}
