using System.Globalization;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Ideas.Services;

/// <summary>The followed ideas of a participant, by title, for the list of follows under the account.</summary>
public sealed class IdeaFollows(AppDbContext db) : IFollowedItems
{
    public string Kind => FollowKinds.Idea;

    public async Task<IReadOnlyList<FollowedItem>> DescribeAsync(IReadOnlyCollection<string> targetIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targetIds);
        var ids = targetIds.Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToList();
        var rows = await db.Ideas.AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.Title }).ToListAsync(cancellationToken);
        return rows.Select(r =>
        {
            var id = r.Id.ToString(CultureInfo.InvariantCulture);
            return new FollowedItem(id, new LocalizedText(r.Title, r.Title), IdeasModule.Path + "/" + id);
        }).ToList();
    }
}
