using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Comments;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Consultations.Services;

/// <summary>
/// Sets the counters pages show (published comments per consultation, per article and on the whole
/// draft, supports per comment, questionnaire responses) to what the rows say. The counters are kept by
/// increments (<see cref="CommentCounters"/>, <see cref="CommentCountBatcher"/>), which a crash between a
/// comment's commit and its counter update leaves short; this puts them right. Each statement sets a
/// counter from a count of rows, so running it twice, or in two instances at once, gives the same result.
/// </summary>
public sealed class CounterRecount(AppDbContext db)
{
    /// <summary>Recounts the given consultations; returns how many consultations' counters were wrong.</summary>
    public async Task<int> RecountAsync(IReadOnlyCollection<int> consultationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultationIds);
        if (consultationIds.Count == 0)
        {
            return 0;
        }
        var ids = consultationIds.ToList();
        var published = CommentStatus.Published;
        var comments = db.ConsultationComments;
        var wrong = await db.Consultations
            .Where(c => ids.Contains(c.Id))
            .Where(c => c.CommentCount != comments.Count(m => m.ConsultationId == c.Id && m.Status == published)
                || c.GeneralCommentCount != comments.Count(m => m.ConsultationId == c.Id && m.ArticleId == null && m.Status == published)
                || c.ResponseCount != db.ConsultationResponses.Count(r => r.ConsultationId == c.Id)
                || db.ConsultationArticles.Any(a => a.ConsultationId == c.Id && a.CommentCount != comments.Count(m => m.ArticleId == a.Id && m.Status == published)))
            .CountAsync(cancellationToken);

        await db.Consultations
            .Where(c => ids.Contains(c.Id))
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.CommentCount, c => comments.Count(m => m.ConsultationId == c.Id && m.Status == published))
                .SetProperty(c => c.GeneralCommentCount, c => comments.Count(m => m.ConsultationId == c.Id && m.ArticleId == null && m.Status == published))
                .SetProperty(c => c.ResponseCount, c => db.ConsultationResponses.Count(r => r.ConsultationId == c.Id)), cancellationToken);
        await db.ConsultationArticles
            .Where(a => ids.Contains(a.ConsultationId))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CommentCount, a => comments.Count(m => m.ArticleId == a.Id && m.Status == published)), cancellationToken);
        await comments
            .Where(m => ids.Contains(m.ConsultationId)
                && m.SupportCount != db.ConsultationCommentSupports.Count(x => x.CommentId == m.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SupportCount, m => db.ConsultationCommentSupports.Count(x => x.CommentId == m.Id)), cancellationToken);
        return wrong;
    }

    /// <summary>
    /// The consultations whose counters can still change or have just stopped: open ones, and those closed
    /// in the last <paramref name="closedWithin"/> (so a consultation is recounted once more after it closes).
    /// </summary>
    public Task<List<int>> DueAsync(DateTime now, TimeSpan closedWithin, CancellationToken cancellationToken = default) =>
        db.Consultations.AsNoTracking()
            .Where(c => c.PublishAt != null && c.OpensAt <= now && c.ClosesAt > now - closedWithin)
            .OrderBy(c => c.Id)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
}
