using EParticipation.Web.Areas.ServiceRatings.Domain;
using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.ServiceRatings.Services;

/// <summary>
/// Checks <see cref="ServiceRatingMonth"/> against the ratings. Each rating adds its figures to its
/// month's row in the rating's own statement (<see cref="SqlDialect.StoreRating"/>: an upsert that
/// creates the row or adds to it, so concurrent ratings never lose each other's counts; a replacement
/// within its window also subtracts the version it replaces); <see cref="RecountAsync"/> computes the
/// same figures from the ratings themselves.
/// </summary>
public sealed class RatingAggregates(AppDbContext db)
{
    /// <summary>
    /// The aggregate rows the ratings themselves give (current ratings, and earlier versions that still
    /// count), grouped and counted by the database, and the rows that differ from the stored ones:
    /// empty when the aggregates are right.
    /// </summary>
    public async Task<IReadOnlyList<string>> RecountAsync(CancellationToken cancellationToken = default)
    {
        var current = await db.ServiceRatings.AsNoTracking()
            .GroupBy(r => new { r.ServiceId, r.SubmittedAt.Year, r.SubmittedAt.Month })
            .Select(g => new Recount(g.Key.ServiceId, g.Key.Year, g.Key.Month,
                g.Count(), g.Count(r => r.Overall == 1), g.Count(r => r.Overall == 2), g.Count(r => r.Overall == 3), g.Count(r => r.Overall == 4), g.Count(r => r.Overall == 5),
                g.Sum(r => r.Ease ?? 0), g.Count(r => r.Ease != null), g.Sum(r => r.Speed ?? 0), g.Count(r => r.Speed != null),
                g.Sum(r => r.Clarity ?? 0), g.Count(r => r.Clarity != null), g.Sum(r => r.Staff ?? 0), g.Count(r => r.Staff != null),
                g.Count(r => r.Channel == ServiceChannel.Online), g.Count(r => r.Channel == ServiceChannel.ServiceCentre), g.Count(r => r.Channel == ServiceChannel.Phone)))
            .ToListAsync(cancellationToken);
        var kept = await db.ServiceRatingVersions.AsNoTracking().Where(v => v.StillCounts)
            .GroupBy(r => new { r.ServiceId, r.SubmittedAt.Year, r.SubmittedAt.Month })
            .Select(g => new Recount(g.Key.ServiceId, g.Key.Year, g.Key.Month,
                g.Count(), g.Count(r => r.Overall == 1), g.Count(r => r.Overall == 2), g.Count(r => r.Overall == 3), g.Count(r => r.Overall == 4), g.Count(r => r.Overall == 5),
                g.Sum(r => r.Ease ?? 0), g.Count(r => r.Ease != null), g.Sum(r => r.Speed ?? 0), g.Count(r => r.Speed != null),
                g.Sum(r => r.Clarity ?? 0), g.Count(r => r.Clarity != null), g.Sum(r => r.Staff ?? 0), g.Count(r => r.Staff != null),
                g.Count(r => r.Channel == ServiceChannel.Online), g.Count(r => r.Channel == ServiceChannel.ServiceCentre), g.Count(r => r.Channel == ServiceChannel.Phone)))
            .ToListAsync(cancellationToken);
        var expected = current.Concat(kept)
            .GroupBy(r => (r.ServiceId, Month: new DateOnly(r.Year, r.Month, 1)))
            .ToDictionary(g => g.Key, g => string.Join(',', Enumerable.Range(0, 17).Select(i => g.Sum(r => r.Figures[i]))));
        var stored = (await db.ServiceRatingMonths.AsNoTracking().ToListAsync(cancellationToken))
            .Where(m => m.Count != 0 || expected.ContainsKey((m.ServiceId, m.Month)))
            .ToDictionary(m => (m.ServiceId, m.Month), m => string.Join(',',
                m.Count, m.Stars1, m.Stars2, m.Stars3, m.Stars4, m.Stars5, m.EaseSum, m.EaseCount, m.SpeedSum, m.SpeedCount,
                m.ClaritySum, m.ClarityCount, m.StaffSum, m.StaffCount, m.OnlineCount, m.ServiceCentreCount, m.PhoneCount));
        var differences = new List<string>();
        foreach (var key in expected.Keys.Union(stored.Keys))
        {
            var want = expected.GetValueOrDefault(key);
            var have = stored.GetValueOrDefault(key);
            if (want != have)
            {
                differences.Add($"service {key.ServiceId} {key.Month:yyyy-MM}: recount {want ?? "none"}, stored {have ?? "none"}");
            }
        }
        return differences;
    }

    private sealed record Recount(int ServiceId, int Year, int Month, int Count, int Stars1, int Stars2, int Stars3, int Stars4, int Stars5,
        int EaseSum, int EaseCount, int SpeedSum, int SpeedCount, int ClaritySum, int ClarityCount, int StaffSum, int StaffCount, int Online, int Centre, int Phone)
    {
        public int[] Figures => [Count, Stars1, Stars2, Stars3, Stars4, Stars5, EaseSum, EaseCount, SpeedSum, SpeedCount, ClaritySum, ClarityCount, StaffSum, StaffCount, Online, Centre, Phone];
    }
}
