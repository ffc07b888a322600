using EParticipation.Web.Areas.ServiceRatings.Domain;
using EParticipation.Web.Areas.ServiceRatings.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace EParticipation.Web.Areas.ServiceRatings.Services;

/// <summary>
/// The public performance dashboard. Rating figures are sums of the monthly aggregate rows
/// (<see cref="ServiceRatingMonth"/>), never of the ratings; page usefulness likewise. Case figures
/// come from Platform/Cases, computed per agency and kept for "ServiceRatings:CaseFiguresSeconds"
/// (60 by default; 0 computes them on every view).
/// </summary>
public sealed class DashboardQueries(AppDbContext db, WorkingDays workingDays, IMemoryCache cache, IConfiguration configuration, TimeProvider clock)
{
    private readonly TimeSpan _caseFiguresLifetime = TimeSpan.FromSeconds(configuration.GetValue("ServiceRatings:CaseFiguresSeconds", 60.0));

    private static readonly string[] DimensionKeys = ["ease", "speed", "clarity", "staff"];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<PortalDashboard> PortalAsync(CancellationToken cancellationToken = default)
    {
        // Summed in the database: one row per agency and month.
        var byAgency = await db.ServiceRatingMonths.AsNoTracking()
            .GroupBy(m => new { m.AgencyId, m.Month })
            .Select(g => new MonthSum
            {
                Key = g.Key.AgencyId,
                Month = g.Key.Month,
                Count = g.Sum(m => m.Count),
                Stars1 = g.Sum(m => m.Stars1),
                Stars2 = g.Sum(m => m.Stars2),
                Stars3 = g.Sum(m => m.Stars3),
                Stars4 = g.Sum(m => m.Stars4),
                Stars5 = g.Sum(m => m.Stars5),
                EaseSum = g.Sum(m => m.EaseSum),
                EaseCount = g.Sum(m => m.EaseCount),
                SpeedSum = g.Sum(m => m.SpeedSum),
                SpeedCount = g.Sum(m => m.SpeedCount),
                ClaritySum = g.Sum(m => m.ClaritySum),
                ClarityCount = g.Sum(m => m.ClarityCount),
                StaffSum = g.Sum(m => m.StaffSum),
                StaffCount = g.Sum(m => m.StaffCount),
                Online = g.Sum(m => m.OnlineCount),
                Centre = g.Sum(m => m.ServiceCentreCount),
                Phone = g.Sum(m => m.PhoneCount),
            })
            .ToListAsync(cancellationToken);
        var months = byAgency.GroupBy(m => m.Month).Select(g => Add(0, g.Key, g)).ToList();
        var (cases, casesAsOf) = await CasesAsync(cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.Code).Select(a => new { a.Id, a.Code, a.Name }).ToListAsync(cancellationToken);
        var rows = agencies
            .Select(a => new AgencyRow(a.Code, a.Name, Figures(byAgency.Where(m => m.Key == a.Id).ToList()), cases.GetValueOrDefault(a.Id) ?? Empty))
            .ToList();
        var usefulness = await db.PageFeedbackMonths.AsNoTracking()
            .GroupBy(_ => 1).Select(g => new { Yes = g.Sum(m => m.Yes), No = g.Sum(m => m.No) }).SingleOrDefaultAsync(cancellationToken);
        return new PortalDashboard(casesAsOf, Figures(months), Combine(cases.Values), Usefulness(usefulness?.Yes ?? 0, usefulness?.No ?? 0), rows);
    }

    public async Task<AgencyDashboard?> AgencyAsync(string code, CancellationToken cancellationToken = default)
    {
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Code == code && a.IsActive).Select(a => new { a.Id, a.Code, a.Name }).SingleOrDefaultAsync(cancellationToken);
        if (agency is null)
        {
            return null;
        }
        // One row per service and month already: read as they are.
        var byService = (await db.ServiceRatingMonths.AsNoTracking().Where(m => m.AgencyId == agency.Id).ToListAsync(cancellationToken))
            .Select(m => Add(m.ServiceId, m.Month, [Of(m)])).ToList();
        var months = byService.GroupBy(m => m.Month).Select(g => Add(0, g.Key, g)).ToList();
        var services = await db.GovernmentServices.AsNoTracking().Where(s => s.AgencyId == agency.Id && !s.IsRetired)
            .OrderBy(s => s.Code).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        var (cases, asOf) = await CasesAsync(cancellationToken);
        return new AgencyDashboard(asOf, agency.Code, agency.Name, Figures(months), cases.GetValueOrDefault(agency.Id) ?? Empty,
            services.Select(s => new ServiceRow(s.Id, s.Name, Figures(byService.Where(m => m.Key == s.Id).ToList()))).ToList());
    }

    public async Task<ServiceDashboard?> ServiceAsync(int id, CancellationToken cancellationToken = default)
    {
        var service = await db.GovernmentServices.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new { s.Id, s.Name, Agency = db.Agencies.Where(a => a.Id == s.AgencyId).Select(a => new { a.Code, a.Name }).First() })
            .SingleOrDefaultAsync(cancellationToken);
        if (service is null)
        {
            return null;
        }
        return new ServiceDashboard(Now, service.Id, service.Name, service.Agency.Code, service.Agency.Name, await ServiceFiguresAsync(id, cancellationToken));
    }

    public async Task<ServiceFigures> ServiceFiguresAsync(int serviceId, CancellationToken cancellationToken = default) =>
        Figures((await db.ServiceRatingMonths.AsNoTracking().Where(m => m.ServiceId == serviceId).ToListAsync(cancellationToken)).Select(Of).ToList());

    /// <summary>One agency's case figures, the same the dashboard shows.</summary>
    public async Task<CaseFigures> AgencyCasesAsync(int agencyId, CancellationToken cancellationToken = default) =>
        (await CasesAsync(cancellationToken)).Figures.GetValueOrDefault(agencyId) ?? Empty;

    private static MonthSum Of(ServiceRatingMonth m) => new()
    {
        Key = m.ServiceId, Month = m.Month, Count = m.Count, Stars1 = m.Stars1, Stars2 = m.Stars2, Stars3 = m.Stars3, Stars4 = m.Stars4, Stars5 = m.Stars5,
        EaseSum = m.EaseSum, EaseCount = m.EaseCount, SpeedSum = m.SpeedSum, SpeedCount = m.SpeedCount, ClaritySum = m.ClaritySum, ClarityCount = m.ClarityCount,
        StaffSum = m.StaffSum, StaffCount = m.StaffCount, Online = m.OnlineCount, Centre = m.ServiceCentreCount, Phone = m.PhoneCount,
    };

    private static MonthSum Add(int key, DateOnly month, IEnumerable<MonthSum> rows)
    {
        var g = rows.ToList();
        return new MonthSum
        {
            Key = key, Month = month, Count = g.Sum(m => m.Count), Stars1 = g.Sum(m => m.Stars1), Stars2 = g.Sum(m => m.Stars2), Stars3 = g.Sum(m => m.Stars3),
            Stars4 = g.Sum(m => m.Stars4), Stars5 = g.Sum(m => m.Stars5), EaseSum = g.Sum(m => m.EaseSum), EaseCount = g.Sum(m => m.EaseCount),
            SpeedSum = g.Sum(m => m.SpeedSum), SpeedCount = g.Sum(m => m.SpeedCount), ClaritySum = g.Sum(m => m.ClaritySum), ClarityCount = g.Sum(m => m.ClarityCount),
            StaffSum = g.Sum(m => m.StaffSum), StaffCount = g.Sum(m => m.StaffCount), Online = g.Sum(m => m.Online), Centre = g.Sum(m => m.Centre), Phone = g.Sum(m => m.Phone),
        };
    }

    public static ServiceFigures Figures(IReadOnlyCollection<MonthSum> months)
    {
        ArgumentNullException.ThrowIfNull(months);
        var n = months.Sum(m => m.Count);
        var distribution = new[] { months.Sum(m => m.Stars1), months.Sum(m => m.Stars2), months.Sum(m => m.Stars3), months.Sum(m => m.Stars4), months.Sum(m => m.Stars5) };
        var topTwo = distribution[3] + distribution[4];
        var enough = n >= MinimumSample.Ratings;
        MeanFigure Mean(string key, int sum, int count) => new(key, count, count >= MinimumSample.Ratings ? (double)sum / count : null);
        var dimensions = new[]
        {
            Mean(DimensionKeys[0], months.Sum(m => m.EaseSum), months.Sum(m => m.EaseCount)),
            Mean(DimensionKeys[1], months.Sum(m => m.SpeedSum), months.Sum(m => m.SpeedCount)),
            Mean(DimensionKeys[2], months.Sum(m => m.ClaritySum), months.Sum(m => m.ClarityCount)),
            Mean(DimensionKeys[3], months.Sum(m => m.StaffSum), months.Sum(m => m.StaffCount)),
        };
        var channels = new Dictionary<string, int>
        {
            [nameof(ServiceChannel.Online)] = months.Sum(m => m.Online),
            [nameof(ServiceChannel.ServiceCentre)] = months.Sum(m => m.Centre),
            [nameof(ServiceChannel.Phone)] = months.Sum(m => m.Phone),
        };
        return new ServiceFigures(n, enough ? distribution : null, topTwo, enough ? WilsonInterval.Of(topTwo, n) : null, dimensions, channels,
            months.Where(m => m.Count > 0).OrderBy(m => m.Month).Select(m => new MonthCount(m.Month, m.Count)).ToList());
    }

    public static UsefulnessFigures Usefulness(int yes, int no) =>
        new(yes, no, yes + no >= MinimumSample.Ratings ? WilsonInterval.Of(yes, yes + no) : null);

    private static readonly CaseFigures Empty = CaseFiguresOf([]);

    private async Task<(IReadOnlyDictionary<int, CaseFigures> Figures, DateTime AsOf)> CasesAsync(CancellationToken cancellationToken)
    {
        if (_caseFiguresLifetime <= TimeSpan.Zero)
        {
            var fresh = await ComputeCasesAsync(cancellationToken);
            return (fresh.Figures, fresh.AsOf);
        }
        var entry = await cache.GetOrCreateAsync("service-ratings:case-figures", e =>
        {
            e.AbsoluteExpirationRelativeToNow = _caseFiguresLifetime;
            return ComputeCasesAsync(cancellationToken);
        });
        return (entry.Figures, entry.AsOf);
    }

    private async Task<(IReadOnlyDictionary<int, CaseFigures> Figures, DateTime AsOf)> ComputeCasesAsync(CancellationToken cancellationToken)
    {
        var calendar = await workingDays.CalendarAsync(cancellationToken);
        var cases = await db.Cases.AsNoTracking()
            .Select(c => new
            {
                c.AgencyId,
                c.SubmittedAt,
                c.FirstRespondedAt,
                c.ReopenCount,
                c.Rating,
                Pauses = c.Pauses.Select(p => new { p.StartedAt, p.EndedAt }).ToList(),
            })
            .ToListAsync(cancellationToken);
        var figures = cases.GroupBy(c => c.AgencyId).ToDictionary(g => g.Key, g => CaseFiguresOf(g.Select(c => new CaseSample(
            c.FirstRespondedAt is { } first
                ? calendar.WorkingDaysBetween(c.SubmittedAt, first, c.Pauses.Where(p => p.StartedAt < first).Select(p => new ClockPause(p.StartedAt, p.EndedAt ?? first)))
                : null,
            c.ReopenCount > 0,
            c.Rating)).ToList()));
        return ((IReadOnlyDictionary<int, CaseFigures>)figures, Now);
    }

    private static CaseFigures Combine(IEnumerable<CaseFigures> agencies)
    {
        // The portal-wide figures. Medians cannot be added: the portal shows the median of the agencies' medians.
        var list = agencies.ToList();
        var received = list.Sum(a => a.Received);
        var responded = list.Sum(a => a.Responded);
        var onTime = list.Sum(a => a.RespondedOnTime);
        var reopened = list.Sum(a => a.Reopened);
        var ratings = list.Sum(a => a.HandlingRatings);
        var ratingSum = list.Sum(a => (a.HandlingMean ?? 0) * a.HandlingRatings);
        var top = list.Sum(a => a.HandlingTopTwo is { } t ? (int)Math.Round(t.Share * a.HandlingRatings) : 0);
        var enough = received >= MinimumSample.Cases;
        var medians = list.Where(a => a.MedianWorkingDaysToFirstResponse is not null).Select(a => a.MedianWorkingDaysToFirstResponse!.Value).Order().ToList();
        return new CaseFigures(received, responded, enough ? WilsonInterval.Of(responded, received) : null, onTime,
            responded >= MinimumSample.Cases ? WilsonInterval.Of(onTime, responded) : null,
            enough && medians.Count > 0 ? Median(medians) : null, reopened, enough ? WilsonInterval.Of(reopened, received) : null,
            ratings, ratings >= MinimumSample.Cases ? ratingSum / ratings : null, ratings >= MinimumSample.Cases ? WilsonInterval.Of(top, ratings) : null);
    }

    private static CaseFigures CaseFiguresOf(IReadOnlyList<CaseSample> cases)
    {
        var received = cases.Count;
        var answered = cases.Where(c => c.WorkingDaysToFirstResponse is not null).Select(c => (double)c.WorkingDaysToFirstResponse!.Value).Order().ToList();
        var onTime = answered.Count(d => d <= CaseRules.ResponseWorkingDays);
        var reopened = cases.Count(c => c.Reopened);
        var rated = cases.Where(c => c.HandlingRating is not null).Select(c => c.HandlingRating!.Value).ToList();
        var enough = received >= MinimumSample.Cases;
        var enoughRated = rated.Count >= MinimumSample.Cases;
        return new CaseFigures(received, answered.Count, enough ? WilsonInterval.Of(answered.Count, received) : null, onTime,
            answered.Count >= MinimumSample.Cases ? WilsonInterval.Of(onTime, answered.Count) : null,
            answered.Count >= MinimumSample.Cases ? Median(answered) : null, reopened, enough ? WilsonInterval.Of(reopened, received) : null,
            rated.Count, enoughRated ? rated.Average() : null, enoughRated ? WilsonInterval.Of(rated.Count(r => r >= 4), rated.Count) : null);
    }

    private static double Median(List<double> sorted)
    {
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    private sealed record CaseSample(int? WorkingDaysToFirstResponse, bool Reopened, int? HandlingRating);
}
