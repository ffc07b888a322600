using EParticipation.Web.Data;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Moderation;

namespace EParticipation.Web.Platform.Comments;

/// <summary>An item that takes comments, as the module that owns it describes it.</summary>
public sealed record CommentThreadInfo(string ThreadId, LocalizedText Title, string Path, ModerationMode Moderation, bool AcceptsComments, int? AgencyId = null, LocalizedText? AgencyName = null);

/// <summary>
/// What a module tells the comment service about one kind of item: whether it exists and takes
/// comments, its title and address (for the moderation queue), and how to keep its counter of
/// published comments (an atomic update inside the caller's transaction).
/// </summary>
public interface ICommentThread
{
    string ContentType { get; }

    /// <summary>What the moderation queue says a comment is on (English text, a key of the shared resource), e.g. "Idea".</summary>
    string Origin { get; }

    Task<IReadOnlyList<CommentThreadInfo>> DescribeAsync(IReadOnlyCollection<string> threadIds, CancellationToken cancellationToken);

    Task ChangeCountAsync(AppDbContext db, string threadId, int delta, CancellationToken cancellationToken);

    /// <summary>
    /// The ids (as <see cref="ThreadComment.ThreadId"/> holds them) of the agency's items, as a query
    /// the database runs inside the queue's own (an agency's moderator sees only these).
    /// </summary>
    IQueryable<string> ThreadIdsOfAgency(AppDbContext db, int agencyId);
}
