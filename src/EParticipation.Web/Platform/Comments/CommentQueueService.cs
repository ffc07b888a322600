namespace EParticipation.Web.Platform.Comments;

/// <summary>One list of the moderators' queue, every module's comments together, oldest first.</summary>
public sealed record CommentQueuePage(CommentQueueKind Kind, IReadOnlyList<CommentQueueRow> Rows, IReadOnlyDictionary<CommentQueueKind, int> Counts);

/// <summary>
/// The moderators' one queue: every <see cref="ICommentSource"/>'s comments awaiting approval and
/// comments with open reports, side by side. A moderator who belongs to an agency sees, and decides
/// on, the comments on that agency's items only; platform moderators see every agency's.
/// </summary>
public sealed class CommentQueueService(IEnumerable<ICommentSource> sources)
{
    public const int PageSize = 50;

    public async Task<CommentQueuePage> PageAsync(CommentQueueKind kind, int? agencyId, CancellationToken cancellationToken = default)
    {
        var rows = new List<CommentQueueRow>();
        var counts = new Dictionary<CommentQueueKind, int>();
        foreach (var source in sources)
        {
            foreach (var list in Enum.GetValues<CommentQueueKind>())
            {
                var (found, total) = await source.QueueAsync(list, agencyId, list == kind ? PageSize : 0, cancellationToken);
                counts[list] = counts.GetValueOrDefault(list) + total;
                if (list == kind)
                {
                    rows.AddRange(found);
                }
            }
        }
        return new CommentQueuePage(kind, rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.Id).Take(PageSize).ToList(), counts);
    }

    /// <summary>Applies a decision through the owning module's rules; NotFound for an unknown source.</summary>
    public Task<CommentOutcome> DecideAsync(string source, long commentId, int? agencyId, Guid moderatorId, bool approve, string? reason, CancellationToken cancellationToken = default) =>
        sources.FirstOrDefault(s => s.Key == source) is { } owner
            ? owner.DecideAsync(commentId, agencyId, moderatorId, approve, reason, cancellationToken)
            : Task.FromResult(CommentOutcome.NotFound);
}
