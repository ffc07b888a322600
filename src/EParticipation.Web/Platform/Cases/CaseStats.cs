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
public sealed class CaseStats(AppDbContext db, WorkingDays workingDays, IEnumerable<ICaseStatsContributor> contributors, TimeProvider clock)
{
    public const int MinimumGroupSize = 5;

    public async Task<CaseStatsReport> ReportAsync(CancellationToken cancellationToken = default)
    {
        var calendar = await workingDays.CalendarAsync(cancellationToken);
        var cases = await db.Cases.AsNoTracking()
            .Select(c => new
            {
                c.AgencyId,
                c.SubmittedAt,
                c.FirstRespondedAt,
                c.EndState,
                c.ReopenCount,
                Pauses = c.Pauses.Select(p => new { p.StartedAt, p.EndedAt }).ToList(),
            })
            .ToListAsync(cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, cancellationToken);

        var rows = new List<AgencyMonthStats>();
        foreach (var group in cases
                     .GroupBy(c => (c.AgencyId, Month: MonthOf(c.SubmittedAt)))
                     .OrderBy(g => agencies[g.Key.AgencyId].Code, StringComparer.Ordinal).ThenBy(g => g.Key.Month))
        {
            var agency = agencies[group.Key.AgencyId];
            var (year, month) = group.Key.Month;
            var list = group.ToList();
            if (list.Count < MinimumGroupSize)
            {
                rows.Add(new AgencyMonthStats(agency.Code, agency.Name.Ar, agency.Name.En, year, month, true, null, null, null, null, null, null));
                continue;
            }
            var answered = list.Where(c => c.FirstRespondedAt is not null)
                .Select(c => calendar.WorkingDaysBetween(c.SubmittedAt, c.FirstRespondedAt!.Value,
                    c.Pauses.Where(p => p.StartedAt < c.FirstRespondedAt).Select(p => new ClockPause(p.StartedAt, p.EndedAt ?? c.FirstRespondedAt))))
                .ToList();
            rows.Add(new AgencyMonthStats(
                agency.Code, agency.Name.Ar, agency.Name.En, year, month, false,
                Received: list.Count,
                Responded: answered.Count,
                RespondedOnTime: answered.Count(d => d <= CaseRules.ResponseWorkingDays),
                MedianWorkingDaysToFirstResponse: Median(answered),
                Reopened: list.Count(c => c.ReopenCount > 0),
                EndStates: Enum.GetValues<CaseEndState>().ToDictionary(e => e.ToString(), e => list.Count(c => c.EndState == e))));
        }

        var referrals = new List<ReferralMonthStats>();
        foreach (var contributor in contributors)
        {
            referrals.AddRange(await contributor.ReferralsAsync(cancellationToken));
        }
        return new CaseStatsReport(clock.GetUtcNow().UtcDateTime, MinimumGroupSize, rows, referrals);
    }

    /// <summary>A count for open data: itself, or nothing when under the threshold.</summary>
    public static ReferralMonthStats Referral(string channel, int year, int month, int count) =>
        count < MinimumGroupSize ? new(channel, year, month, null, true) : new(channel, year, month, count, false);

    private static (int Year, int Month) MonthOf(DateTime utc)
    {
        var day = WorkingDayCalendar.SaudiDate(utc);
        return (day.Year, day.Month);
    }

    private static double? Median(List<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
    }
}
