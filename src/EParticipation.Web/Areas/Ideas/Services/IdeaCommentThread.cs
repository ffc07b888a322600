using System.Globalization;
using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Comments;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Ideas.Services;

/// <summary>Ideas take comments through the platform's comments: published ideas, moderated as their challenge says.</summary>
public sealed class IdeaCommentThread(AppDbContext context) : ICommentThread
{
    public const string Type = "idea";

    public string ContentType => Type;

    public string Origin => "Idea";

    public async Task<IReadOnlyList<CommentThreadInfo>> DescribeAsync(IReadOnlyCollection<string> threadIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(threadIds);
        var ids = threadIds.Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToList();
        var rows = await context.Ideas.AsNoTracking().Where(i => ids.Contains(i.Id))
            .Select(i => new { i.Id, i.Title, i.Visibility, i.AgencyId, AgencyName = i.Agency!.Name, Moderation = i.Challenge == null ? ModerationMode.PostModeration : i.Challenge.Moderation })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new CommentThreadInfo(
            r.Id.ToString(CultureInfo.InvariantCulture),
            new LocalizedText(r.Title, r.Title),
            IdeasModule.Path + "/" + r.Id.ToString(CultureInfo.InvariantCulture),
            r.Moderation,
            r.Visibility == IdeaVisibility.Published,
            r.AgencyId,
            r.AgencyName)).ToList();
    }

    public IQueryable<string> ThreadIdsOfAgency(AppDbContext db, int agencyId)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Translated to the database's own cast to text (no culture is involved in SQL).
#pragma warning disable CA1305
        return db.Ideas.Where(i => i.AgencyId == agencyId).Select(i => i.Id.ToString());
#pragma warning restore CA1305
    }

    public async Task ChangeCountAsync(AppDbContext db, string threadId, int delta, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (delta == 0 || !int.TryParse(threadId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return;
        }
        await db.Ideas.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.CommentCount, i => i.CommentCount + delta), cancellationToken);
    }
}
