using System.Globalization;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Consultations.Services;

/// <summary>The followed consultations of a participant, by title, for the list of follows under the account.</summary>
public sealed class ConsultationFollows(AppDbContext db) : IFollowedItems
{
    public string Kind => FollowKinds.Consultation;

    public async Task<IReadOnlyList<FollowedItem>> DescribeAsync(IReadOnlyCollection<string> targetIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targetIds);
        var ids = targetIds.Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToList();
        var rows = await db.Consultations.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Title }).ToListAsync(cancellationToken);
        return rows.Select(r =>
        {
            var id = r.Id.ToString(CultureInfo.InvariantCulture);
            return new FollowedItem(id, r.Title, ConsultationsModule.Path + "/" + id);
        }).ToList();
    }
}
