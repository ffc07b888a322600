using EParticipation.Web.Data;
using EParticipation.Web.Platform.Cases;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Complaints.Services;

/// <summary>The referral counts per channel and month, for the case statistics (small counts left out).</summary>
public sealed class ReferralStats(AppDbContext db) : ICaseStatsContributor
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
}
