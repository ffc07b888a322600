using EParticipation.Web.Data;
using EParticipation.Web.Platform.Calendar;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Cases;

/// <summary>
/// Open data about how agencies handle cases: per agency and month of receipt, how many came in,
/// were answered, were answered within the 10-working-day clock, the median working days to the first
/// answer, how many were reopened, and how they ended; and the referrals per channel. Counts only,
/// never a person, a text or a tracking number; a group of fewer than <see cref="MinimumGroupSize"/>
/// shows no figure at all, so no single case can be picked out.
/// </summary>
public sealed class CaseStats(AppDbContext db, IEnumerable<ICaseStatsContributor> contributors, TimeProvider clock)
{
    public const int MinimumGroupSize = 5;

    public async Task<CaseStatsReport> ReportAsync(CancellationToken cancellationToken = default)
    {
        // Aggregated by the database from what each case keeps (its month of receipt and the working
        // days its first answer took), so the figures cost the same with a thousand or a million cases.
        var groups = await db.Cases.AsNoTracking()
            .GroupBy(c => new { c.AgencyId, c.ReceivedMonth })
            .Select(g => new
            {
                g.Key.AgencyId,
                g.Key.ReceivedMonth,
                Received = g.Count(),
                Responded = g.Sum(c => c.FirstResponseWorkingDays != null ? 1 : 0),
                OnTime = g.Sum(c => c.FirstResponseWorkingDays != null && c.FirstResponseWorkingDays <= CaseRules.ResponseWorkingDays ? 1 : 0),
                Reopened = g.Sum(c => c.ReopenCount > 0 ? 1 : 0),
            })
            .ToListAsync(cancellationToken);
        var ends = (await db.Cases.AsNoTracking()
                .Where(c => c.EndState != null)
                .GroupBy(c => new { c.AgencyId, c.ReceivedMonth, c.EndState })
                .Select(g => new { g.Key.AgencyId, g.Key.ReceivedMonth, g.Key.EndState, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .ToLookup(e => (e.AgencyId, e.ReceivedMonth));
        // The medians from each group's distribution of working days (a few dozen rows per group).
        var days = (await db.Cases.AsNoTracking()
                .Where(c => c.FirstResponseWorkingDays != null)
                .GroupBy(c => new { c.AgencyId, c.ReceivedMonth, c.FirstResponseWorkingDays })
                .Select(g => new { g.Key.AgencyId, g.Key.ReceivedMonth, Days = g.Key.FirstResponseWorkingDays!.Value, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .ToLookup(d => (d.AgencyId, d.ReceivedMonth));
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, cancellationToken);

        var rows = new List<AgencyMonthStats>();
        foreach (var group in groups.OrderBy(g => agencies[g.AgencyId].Code, StringComparer.Ordinal).ThenBy(g => g.ReceivedMonth))
        {
            var agency = agencies[group.AgencyId];
            var (year, month) = (group.ReceivedMonth / 100, group.ReceivedMonth % 100);
            if (group.Received < MinimumGroupSize)
            {
                rows.Add(new AgencyMonthStats(agency.Code, agency.Name.Ar, agency.Name.En, year, month, true, null, null, null, null, null, null));
                continue;
            }
            var key = (group.AgencyId, group.ReceivedMonth);
            rows.Add(new AgencyMonthStats(
                agency.Code, agency.Name.Ar, agency.Name.En, year, month, false,
                Received: group.Received,
                Responded: group.Responded,
                RespondedOnTime: group.OnTime,
                MedianWorkingDaysToFirstResponse: Median(days[key].Select(d => (d.Days, d.Count))),
                Reopened: group.Reopened,
                EndStates: Enum.GetValues<CaseEndState>().ToDictionary(e => e.ToString(), e => ends[key].Where(x => x.EndState == e).Sum(x => x.Count))));
        }

        var referrals = new List<ReferralMonthStats>();
        foreach (var contributor in contributors)
        {
            referrals.AddRange(await contributor.ReferralsAsync(cancellationToken));
        }
        return new CaseStatsReport(clock.GetUtcNow().UtcDateTime, MinimumGroupSize, rows, referrals);
    }

    /// <summary>
    /// Each agency's cases, all months together: the counts, and the distributions of working days to
    /// the first answer and of the submitters' ratings of the handling. Aggregated by the database (three
    /// grouped queries over what each case keeps, <see cref="Case.FirstResponseWorkingDays"/> among them);
    /// a median over several agencies comes from their pooled distributions (<see cref="CaseTotals.Pool"/>),
    /// never from their medians. No threshold applied: the caller shows a figure only above its own minimum.
    /// </summary>
    public Task<IReadOnlyDictionary<int, CaseTotals>> TotalsByAgencyAsync(CancellationToken cancellationToken = default) =>
        TotalsAsync(db.Cases.AsNoTracking().Select(c => new KeyedCase { Key = c.AgencyId, Days = c.FirstResponseWorkingDays, ReopenCount = c.ReopenCount, Rating = c.Rating }), cancellationToken);

    /// <summary>
    /// The cases about one government service (<see cref="Case.ServiceId"/>), with the same figures as an
    /// agency's, through the (ServiceId) index.
    /// </summary>
    public async Task<CaseTotals> TotalsOfServiceAsync(int serviceId, CancellationToken cancellationToken = default) =>
        (await TotalsAsync(
            db.Cases.AsNoTracking().Where(c => c.ServiceId == serviceId)
                .Select(c => new KeyedCase { Key = c.ServiceId!.Value, Days = c.FirstResponseWorkingDays, ReopenCount = c.ReopenCount, Rating = c.Rating }),
            cancellationToken)).GetValueOrDefault(serviceId) ?? CaseTotals.None;

    private static async Task<IReadOnlyDictionary<int, CaseTotals>> TotalsAsync(IQueryable<KeyedCase> cases, CancellationToken cancellationToken)
    {
        var counts = await cases
            .GroupBy(c => c.Key)
            .Select(g => new
            {
                Key = g.Key,
                Received = g.Count(),
                Responded = g.Sum(c => c.Days != null ? 1 : 0),
                OnTime = g.Sum(c => c.Days != null && c.Days <= CaseRules.ResponseWorkingDays ? 1 : 0),
                Reopened = g.Sum(c => c.ReopenCount > 0 ? 1 : 0),
            })
            .ToListAsync(cancellationToken);
        var days = (await cases
                .Where(c => c.Days != null)
                .GroupBy(c => new { c.Key, c.Days })
                .Select(g => new { g.Key.Key, Days = g.Key.Days!.Value, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .ToLookup(d => d.Key);
        var ratings = (await cases
                .Where(c => c.Rating != null)
                .GroupBy(c => new { c.Key, c.Rating })
                .Select(g => new { g.Key.Key, Stars = g.Key.Rating!.Value, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.Key);
        return counts.ToDictionary(c => c.Key, c => new CaseTotals(
            c.Received, c.Responded, c.OnTime, c.Reopened,
            days[c.Key].ToDictionary(d => d.Days, d => d.Count),
            ratings[c.Key].ToDictionary(r => r.Stars, r => r.Count)));
    }

    /// <summary>What the figures need of a case, under the key it is counted by (its agency, its service).</summary>
    private sealed class KeyedCase
    {
        public int Key { get; init; }

        public int? Days { get; init; }

        public int ReopenCount { get; init; }

        public int? Rating { get; init; }
    }

    /// <summary>A count for open data: itself, or nothing when under the threshold.</summary>
    public static ReferralMonthStats Referral(string channel, int year, int month, int count) =>
        count < MinimumGroupSize ? new(channel, year, month, null, true) : new(channel, year, month, count, false);

    /// <summary>The median of a distribution given as (value, how many), or null when it is empty.</summary>
    public static double? Median(IEnumerable<(int Value, int Count)> distribution)
    {
        var sorted = distribution.Where(d => d.Count > 0).OrderBy(d => d.Value).ToList();
        var total = sorted.Sum(d => d.Count);
        if (total == 0)
        {
            return null;
        }
        // The values at positions total/2 and (total-1)/2 (0-based): the same one when total is odd.
        double? Nth(int n)
        {
            foreach (var (value, count) in sorted)
            {
                if (n < count)
                {
                    return value;
                }
                n -= count;
            }
            return null;
        }
        return (Nth((total - 1) / 2)!.Value + Nth(total / 2)!.Value) / 2.0;
    }
}
