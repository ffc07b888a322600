using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Comments;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Consultations.Services;

/// <summary>
/// Keeps the published-comment counters of articles and consultations, so no page counts comments.
/// Each change is an atomic "count = count + n" in the database (two moderators or two participants
/// at once cannot lose an update); call it inside the transaction that changes the comment's status,
/// with the change <see cref="ModeratedComment.Delta"/> or <see cref="CommentWorkflow"/> gives.
/// </summary>
public static class CommentCounters
{
    public static async Task ChangeAsync(AppDbContext db, int consultationId, int? articleId, int delta, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (delta == 0)
        {
            return;
        }
        if (articleId is { } article)
        {
            await db.ConsultationArticles.Where(a => a.Id == article)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.CommentCount, a => a.CommentCount + delta), cancellationToken);
            await db.Consultations.Where(c => c.Id == consultationId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.CommentCount, c => c.CommentCount + delta), cancellationToken);
        }
        else
        {
            await db.Consultations.Where(c => c.Id == consultationId)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.CommentCount, c => c.CommentCount + delta)
                    .SetProperty(c => c.GeneralCommentCount, c => c.GeneralCommentCount + delta), cancellationToken);
        }
    }

    /// <summary>
    /// What one newly published comment adds, for <see cref="CounterBatcher"/>: its article's counter
    /// (when on an article) and its consultation's (and the whole-draft counter when not on an article).
    /// </summary>
    public static IReadOnlyList<CounterIncrement> Published(int consultationId, int? articleId) =>
        articleId is { } article
            ? [new("ConsultationArticles", article, [("CommentCount", 1)]), new("Consultations", consultationId, [("CommentCount", 1), ("GeneralCommentCount", 0)])]
            : [new("Consultations", consultationId, [("CommentCount", 1), ("GeneralCommentCount", 1)])];
}
