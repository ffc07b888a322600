using EParticipation.Web.Data;
using EParticipation.Web.Platform.Cases;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Complaints.Services;

/// <summary>The referral counts per channel and month for the case statistics (small counts left out), and per channel for the dashboard.</summary>
public sealed class ReferralStats(AppDbContext db) : ICaseStatsContributor, IReferralCounts
{
    public async Task<IReadOnlyList<ReferralMonthStats>> ReferralsAsync(CancellationToken cancellationToken)
    {
        var rows = await db.ComplaintReferralCounts.AsNoTracking()
            .GroupBy(c => new { c.ChannelCode, c.Year, c.Month })
            .Select(g => new { g.Key.ChannelCode, g.Key.Year, g.Key.Month, Count = g.Sum(c => c.Count) })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.ChannelCode, StringComparer.Ordinal).ThenBy(r => r.Year).ThenBy(r => r.Month)
            .Select(r => CaseStats.Referral(r.ChannelCode, r.Year, r.Month, r.Count))
            .ToList();
    }

    public async Task<IReadOnlyList<ReferralChannelTotal>> ByChannelAsync(CancellationToken cancellationToken)
    {
        // The monthly count rows (a handful per channel and month), summed by the database.
        var counts = await db.ComplaintReferralCounts.AsNoTracking()
            .GroupBy(c => c.ChannelCode)
            .Select(g => new { Channel = g.Key, Count = g.Sum(c => c.Count) })
            .ToDictionaryAsync(c => c.Channel, c => c.Count, cancellationToken);
        var channels = await db.ComplaintChannels.AsNoTracking().Select(c => new { c.Code, c.Name, c.AgencyId }).ToListAsync(cancellationToken);
        return channels.OrderBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => new ReferralChannelTotal(c.Code, c.Name, counts.GetValueOrDefault(c.Code), c.AgencyId))
            .ToList();
    }
}
