using EParticipation.Web.Areas.ServiceRatings.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.ServiceRatings.Services;

/// <summary>
/// Keeps <see cref="ServiceRatingMonth"/> in step with the ratings: each rating adds its figures to
/// its month's row in the rating's own transaction, with one UPDATE of the form <c>c = c + n</c>
/// (so concurrent ratings never lose each other's counts); a replacement first subtracts the version
/// it replaces. <see cref="RecountAsync"/> computes the same figures from the ratings themselves.
/// </summary>
public sealed class RatingAggregates(AppDbContext db)
{
    /// <summary>Makes sure the month's row exists (outside the rating's transaction: a race to create it is settled by the unique index).</summary>
    public async Task EnsureRowAsync(int serviceId, int agencyId, DateOnly month, CancellationToken cancellationToken)
    {
        if (await db.ServiceRatingMonths.AnyAsync(m => m.ServiceId == serviceId && m.Month == month, cancellationToken))
        {
            return;
        }
        var row = new ServiceRatingMonth { ServiceId = serviceId, AgencyId = agencyId, Month = month };
        db.ServiceRatingMonths.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            // Another rating created it at the same moment.
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    public Task<int> ApplyAsync(RatingDelta d, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(d);
        var s = d.Scores;
        var sign = d.Sign;
        int One(bool on) => on ? sign : 0;
        var star1 = One(s.Overall == 1);
        var star2 = One(s.Overall == 2);
        var star3 = One(s.Overall == 3);
        var star4 = One(s.Overall == 4);
        var star5 = One(s.Overall == 5);
        var easeSum = sign * (s.Ease ?? 0);
        var easeCount = One(s.Ease is not null);
        var speedSum = sign * (s.Speed ?? 0);
        var speedCount = One(s.Speed is not null);
        var claritySum = sign * (s.Clarity ?? 0);
        var clarityCount = One(s.Clarity is not null);
        var staffSum = sign * (s.Staff ?? 0);
        var staffCount = One(s.Staff is not null);
        var online = One(d.Channel == ServiceChannel.Online);
        var centre = One(d.Channel == ServiceChannel.ServiceCentre);
        var phone = One(d.Channel == ServiceChannel.Phone);
        return db.ServiceRatingMonths
            .Where(m => m.ServiceId == d.ServiceId && m.Month == d.Month)
            .ExecuteUpdateAsync(u => u
                .SetProperty(m => m.Count, m => m.Count + sign)
                .SetProperty(m => m.Stars1, m => m.Stars1 + star1)
                .SetProperty(m => m.Stars2, m => m.Stars2 + star2)
                .SetProperty(m => m.Stars3, m => m.Stars3 + star3)
                .SetProperty(m => m.Stars4, m => m.Stars4 + star4)
                .SetProperty(m => m.Stars5, m => m.Stars5 + star5)
                .SetProperty(m => m.EaseSum, m => m.EaseSum + easeSum)
                .SetProperty(m => m.EaseCount, m => m.EaseCount + easeCount)
                .SetProperty(m => m.SpeedSum, m => m.SpeedSum + speedSum)
                .SetProperty(m => m.SpeedCount, m => m.SpeedCount + speedCount)
                .SetProperty(m => m.ClaritySum, m => m.ClaritySum + claritySum)
                .SetProperty(m => m.ClarityCount, m => m.ClarityCount + clarityCount)
                .SetProperty(m => m.StaffSum, m => m.StaffSum + staffSum)
                .SetProperty(m => m.StaffCount, m => m.StaffCount + staffCount)
                .SetProperty(m => m.OnlineCount, m => m.OnlineCount + online)
                .SetProperty(m => m.ServiceCentreCount, m => m.ServiceCentreCount + centre)
                .SetProperty(m => m.PhoneCount, m => m.PhoneCount + phone), cancellationToken);
    }

    /// <summary>
    /// The aggregate rows the ratings themselves give (current ratings, and earlier versions that still
    /// count), and the rows that differ from the stored ones: empty when the aggregates are right.
    /// </summary>
    public async Task<IReadOnlyList<string>> RecountAsync(CancellationToken cancellationToken = default)
    {
        var current = await db.ServiceRatings.AsNoTracking()
            .Select(r => new { r.ServiceId, r.SubmittedAt, r.Overall, r.Ease, r.Speed, r.Clarity, r.Staff, r.Channel })
            .ToListAsync(cancellationToken);
        var kept = await db.ServiceRatingVersions.AsNoTracking().Where(v => v.StillCounts)
            .Select(r => new { r.ServiceId, r.SubmittedAt, r.Overall, r.Ease, r.Speed, r.Clarity, r.Staff, r.Channel })
            .ToListAsync(cancellationToken);
        var expected = current.Concat(kept)
            .GroupBy(r => (r.ServiceId, Month: ServiceRatingMonth.MonthOf(r.SubmittedAt)))
            .ToDictionary(g => g.Key, g => string.Join(',',
                g.Count(), g.Count(r => r.Overall == 1), g.Count(r => r.Overall == 2), g.Count(r => r.Overall == 3), g.Count(r => r.Overall == 4), g.Count(r => r.Overall == 5),
                g.Sum(r => r.Ease ?? 0), g.Count(r => r.Ease != null), g.Sum(r => r.Speed ?? 0), g.Count(r => r.Speed != null),
                g.Sum(r => r.Clarity ?? 0), g.Count(r => r.Clarity != null), g.Sum(r => r.Staff ?? 0), g.Count(r => r.Staff != null),
                g.Count(r => r.Channel == ServiceChannel.Online), g.Count(r => r.Channel == ServiceChannel.ServiceCentre), g.Count(r => r.Channel == ServiceChannel.Phone)));
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
}
