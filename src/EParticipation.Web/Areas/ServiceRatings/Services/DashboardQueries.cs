using EParticipation.Web.Areas.ServiceRatings.Domain;
using EParticipation.Web.Areas.ServiceRatings.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace EParticipation.Web.Areas.ServiceRatings.Services;

/// <summary>
/// The public performance dashboard. Rating figures are sums of the monthly aggregate rows
/// (<see cref="ServiceRatingMonth"/>), never of the ratings; page usefulness likewise. Case figures
/// are SQL aggregates from Platform/Cases (<see cref="CaseStats.TotalsByAgencyAsync"/>) and the referrals
/// come from the complaints module through <see cref="IReferralCounts"/>; both are computed for every
/// agency at once and kept for "ServiceRatings:CaseFiguresSeconds" (60 by default; 0 computes them on
/// every view), the page showing when they were computed ("data as of"). The computed dashboards
/// themselves are kept a few seconds ("ServiceRatings:DashboardSeconds"), one computation per interval.
/// </summary>
public sealed partial class DashboardQueries(
    AppDbContext db,
    CaseStats caseStats,
    IEnumerable<IReferralCounts> referralCounts,
    IMemoryCache cache,
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<DashboardQueries> logger)
{
    private readonly TimeSpan _caseFiguresLifetime = TimeSpan.FromSeconds(configuration.GetValue("ServiceRatings:CaseFiguresSeconds", 60.0));

    private readonly TimeSpan _dashboardLifetime = TimeSpan.FromSeconds(configuration.GetValue("ServiceRatings:DashboardSeconds", 10.0));

    private static readonly string[] DimensionKeys = ["ease", "speed", "clarity", "staff"];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<PortalDashboard> PortalAsync(CancellationToken cancellationToken = default) =>
        (await SharedAsync("service-ratings:dashboard", _dashboardLifetime, q => q.ComputePortalAsync(), cancellationToken))!;

    public Task<AgencyDashboard?> AgencyAsync(string code, CancellationToken cancellationToken = default) =>
        SharedAsync("service-ratings:dashboard:agency:" + code, _dashboardLifetime, q => q.ComputeAgencyAsync(code), cancellationToken);

    public Task<ServiceDashboard?> ServiceAsync(int id, CancellationToken cancellationToken = default) =>
        SharedAsync("service-ratings:dashboard:service:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture), _dashboardLifetime, q => q.ComputeServiceAsync(id), cancellationToken);

    /// <summary>
    /// A computed dashboard kept for a few seconds ("ServiceRatings:DashboardSeconds", 10 by default; 0
    /// computes it on every view), so a busy dashboard costs one computation per interval however many
    /// read it. Only the first view of a dashboard waits for its computation; once one is kept, a view
    /// after the interval gets the kept one at once and starts the next computation (one at a time, in
    /// its own scope, so a request that gives up does not take it with it), which replaces it when done
    /// ("stale while revalidate"): no reader waits for a computation over millions of ratings. Nothing
    /// is kept for an unknown agency or service, and a kept dashboard nobody reads for 10 minutes is
    /// dropped.
    /// </summary>
    private async Task<T?> SharedAsync<T>(string key, TimeSpan lifetime, Func<DashboardQueries, Task<T?>> compute, CancellationToken cancellationToken)
        where T : class
    {
        if (lifetime <= TimeSpan.Zero)
        {
            return await compute(this);
        }
        var entry = cache.GetOrCreate(key, e =>
        {
            e.SlidingExpiration = TimeSpan.FromMinutes(10);
            return new Kept<T>();
        })!;
        Task<T?> computation;
        lock (entry)
        {
            var now = clock.GetUtcNow();
            if (entry.Value is not null && now - entry.ComputedAt < lifetime)
            {
                return entry.Value;
            }
            computation = entry.Computation ??= Task.Run(() => ComputeIntoAsync(key, entry, compute));
            if (entry.Value is not null)
            {
                return entry.Value;
            }
        }
        return await computation.WaitAsync(cancellationToken);
    }

    private async Task<T?> ComputeIntoAsync<T>(string key, Kept<T> entry, Func<DashboardQueries, Task<T?>> compute)
        where T : class
    {
        var started = clock.GetUtcNow();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await compute(scope.ServiceProvider.GetRequiredService<DashboardQueries>());
            lock (entry)
            {
                entry.Computation = null;
                if (result is not null)
                {
                    entry.Value = result;
                    entry.ComputedAt = started;
                }
            }
            if (result is null)
            {
                cache.Remove(key);
            }
            return result;
        }
        catch (Exception exception)
        {
            lock (entry)
            {
                entry.Computation = null;
            }
            // A reader that had the kept dashboard did not wait for this one: say why it is not newer.
            LogComputationFailed(logger, exception, key);
            throw;
        }
    }

    [LoggerMessage(EventId = 90, Level = LogLevel.Error, Message = "Computing the dashboard {Key} failed; the one kept (if any) is still shown")]
    private static partial void LogComputationFailed(ILogger logger, Exception exception, string key);

    /// <summary>A computed dashboard, when it was computed, and the computation under way, if any.</summary>
    private sealed class Kept<T>
        where T : class
    {
        public T? Value { get; set; }

        public DateTimeOffset ComputedAt { get; set; }

        public Task<T?>? Computation { get; set; }
    }

    private async Task<PortalDashboard?> ComputePortalAsync()
    {
        var cancellationToken = CancellationToken.None;
        var byAgency = await PortalRatingRows().ToListAsync(cancellationToken);
        var months = byAgency.GroupBy(m => m.Month).Select(g => Add(0, g.Key, g)).ToList();
        var cases = await CasesAsync(cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.Code).Select(a => new { a.Id, a.Code, a.Name }).ToListAsync(cancellationToken);
        var rows = agencies
            .Select(a => new AgencyRow(a.Code, a.Name, Figures(byAgency.Where(m => m.Key == a.Id).ToList()), cases.Agencies.GetValueOrDefault(a.Id) ?? Empty))
            .ToList();
        var usefulness = await db.PageFeedbackMonths.AsNoTracking()
            .GroupBy(_ => 1).Select(g => new { Yes = g.Sum(m => m.Yes), No = g.Sum(m => m.No) }).SingleOrDefaultAsync(cancellationToken);
        return new PortalDashboard(cases.AsOf, Figures(months), cases.Portal, Usefulness(usefulness?.Yes ?? 0, usefulness?.No ?? 0), rows, cases.Referrals);
    }

    /// <summary>The portal's rating figures: the aggregate rows summed by the database, one row per agency and month.</summary>
    public IQueryable<MonthSum> PortalRatingRows() =>
        db.ServiceRatingMonths.AsNoTracking()
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
            });

    /// <summary>An agency's rating figures: its aggregate rows (one per service and month), read through the (AgencyId, Month) index.</summary>
    public IQueryable<ServiceRatingMonth> AgencyRatingRows(int agencyId) =>
        db.ServiceRatingMonths.AsNoTracking().Where(m => m.AgencyId == agencyId);

    private async Task<AgencyDashboard?> ComputeAgencyAsync(string code)
    {
        var cancellationToken = CancellationToken.None;
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Code == code && a.IsActive).Select(a => new { a.Id, a.Code, a.Name }).SingleOrDefaultAsync(cancellationToken);
        if (agency is null)
        {
            return null;
        }
        // One row per service and month already: read as they are.
        var byService = (await AgencyRatingRows(agency.Id).ToListAsync(cancellationToken))
            .Select(m => Add(m.ServiceId, m.Month, [Of(m)])).ToList();
        var months = byService.GroupBy(m => m.Month).Select(g => Add(0, g.Key, g)).ToList();
        var services = await db.GovernmentServices.AsNoTracking().Where(s => s.AgencyId == agency.Id && !s.IsRetired)
            .OrderBy(s => s.Code).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        var cases = await CasesAsync(cancellationToken);
        return new AgencyDashboard(cases.AsOf, agency.Code, agency.Name, Figures(months), cases.Agencies.GetValueOrDefault(agency.Id) ?? Empty,
            services.Select(s => new ServiceRow(s.Id, s.Name, Figures(byService.Where(m => m.Key == s.Id).ToList()))).ToList(),
            cases.Referrals.Where(r => r.Agency == agency.Code).ToList());
    }

    private async Task<ServiceDashboard?> ComputeServiceAsync(int id)
    {
        var cancellationToken = CancellationToken.None;
        var service = await db.GovernmentServices.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new { s.Id, s.Name, Agency = db.Agencies.Where(a => a.Id == s.AgencyId).Select(a => new { a.Code, a.Name }).First() })
            .SingleOrDefaultAsync(cancellationToken);
        if (service is null)
        {
            return null;
        }
        var cases = CaseFiguresOf(await caseStats.TotalsOfServiceAsync(id, cancellationToken));
        return new ServiceDashboard(Now, service.Id, service.Name, service.Agency.Code, service.Agency.Name, await ServiceFiguresAsync(id, cancellationToken), cases);
    }

    public async Task<ServiceFigures> ServiceFiguresAsync(int serviceId, CancellationToken cancellationToken = default) =>
        Figures((await db.ServiceRatingMonths.AsNoTracking().Where(m => m.ServiceId == serviceId).ToListAsync(cancellationToken)).Select(Of).ToList());

    /// <summary>One agency's case figures, the same the dashboard shows.</summary>
    public async Task<CaseFigures> AgencyCasesAsync(int agencyId, CancellationToken cancellationToken = default) =>
        (await CasesAsync(cancellationToken)).Agencies.GetValueOrDefault(agencyId) ?? Empty;

    /// <summary>The whole portal's case figures (every case pooled), the same the dashboard shows.</summary>
    public async Task<CaseFigures> PortalCasesAsync(CancellationToken cancellationToken = default) =>
        (await CasesAsync(cancellationToken)).Portal;

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

    private static readonly CaseFigures Empty = CaseFiguresOf(CaseTotals.None);

    private async Task<CaseSnapshot> CasesAsync(CancellationToken cancellationToken) =>
        (await SharedAsync("service-ratings:case-figures", _caseFiguresLifetime, q => q.ComputeCasesAsync(CancellationToken.None), cancellationToken))!;

    /// <summary>
    /// The case figures of every agency and of the whole portal, and the referrals: grouped and counted by
    /// the database (Platform/Cases' <see cref="CaseStats.TotalsByAgencyAsync"/> and the complaints
    /// module's <see cref="IReferralCounts"/>), the portal's median from the pooled distribution.
    /// </summary>
    private async Task<CaseSnapshot?> ComputeCasesAsync(CancellationToken cancellationToken)
    {
        var totals = await caseStats.TotalsByAgencyAsync(cancellationToken);
        var referrals = new List<ReferralFigure>();
        var codes = referralCounts.Any()
            ? await db.Agencies.AsNoTracking().Select(a => new { a.Id, a.Code }).ToDictionaryAsync(a => a.Id, a => a.Code, cancellationToken)
            : [];
        foreach (var source in referralCounts)
        {
            referrals.AddRange((await source.ByChannelAsync(cancellationToken))
                .Select(r => new ReferralFigure(r.Channel, r.Name, r.Count >= MinimumSample.Cases ? r.Count : null,
                    r.AgencyId is { } id ? codes.GetValueOrDefault(id) : null)));
        }
        return new CaseSnapshot(
            totals.ToDictionary(t => t.Key, t => CaseFiguresOf(t.Value)),
            CaseFiguresOf(CaseTotals.Pool(totals.Values)),
            referrals,
            Now);
    }

    public static CaseFigures CaseFiguresOf(CaseTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var enough = totals.Received >= MinimumSample.Cases;
        var answered = totals.Responded >= MinimumSample.Cases;
        var rated = totals.Rated;
        var enoughRated = rated >= MinimumSample.Cases;
        var topTwo = totals.HandlingRatings.Where(r => r.Key >= 4).Sum(r => r.Value);
        return new CaseFigures(totals.Received, totals.Responded, enough ? WilsonInterval.Of(totals.Responded, totals.Received) : null, totals.RespondedOnTime,
            answered ? WilsonInterval.Of(totals.RespondedOnTime, totals.Responded) : null,
            answered ? totals.MedianWorkingDaysToFirstResponse : null, totals.Reopened, enough ? WilsonInterval.Of(totals.Reopened, totals.Received) : null,
            rated, enoughRated ? totals.HandlingMean : null, enoughRated ? WilsonInterval.Of(topTwo, rated) : null);
    }

    private sealed record CaseSnapshot(IReadOnlyDictionary<int, CaseFigures> Agencies, CaseFigures Portal, IReadOnlyList<ReferralFigure> Referrals, DateTime AsOf);
}
