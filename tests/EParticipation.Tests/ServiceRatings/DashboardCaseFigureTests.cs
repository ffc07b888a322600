using System.Text.Json;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Cases;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.ServiceRatings;

/// <summary>A database of its own: the dashboard's case figures and referrals are compared with every row in it.</summary>
public sealed class DashboardCasesPortal : RatingsPortal;

/// <summary>
/// The dashboard's case figures (the SQL aggregates of Platform/Cases) equal a recount of the cases
/// themselves, with the working days recomputed from their dates; the whole portal's median comes from
/// every case, not from the agencies' medians; and the referrals to national channels appear with their counts.
/// </summary>
public sealed class DashboardCaseFigureTests(DashboardCasesPortal factory) : IClassFixture<DashboardCasesPortal>
{
    [Fact]
    public async Task CaseFigures_EqualARecountOfTheCases_AndThePortalMedianIsThatOfEveryCase()
    {
        var (_, submitter) = await TestAccounts.SignedInAsync(factory);
        var (_, officer) = await TestAccounts.SignedInAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "cst");
        // Eleven cases answered the next day, five after about a week and a half, five after about two weeks:
        // the agencies' medians are 1, 8 and 10 working days, their median 8; the median of all 21 cases is 1.
        var plan = new (string Agency, int Count, int AfterDays)[] { ("cst", 11, 1), ("moj", 5, 12), ("moh", 5, 14) };
        var filed = new List<(Case Case, int AfterDays)>();
        foreach (var (agency, count, after) in plan)
        {
            for (var i = 0; i < count; i++)
            {
                filed.Add((await factory.FileAsync(submitter, agency), after));
            }
        }
        var start = factory.Clock.GetUtcNow();
        foreach (var group in filed.GroupBy(f => f.AfterDays).OrderBy(g => g.Key))
        {
            factory.Clock.Set(start.AddDays(group.Key));
            foreach (var (c, _) in group)
            {
                await factory.WithScopeAsync(async sp =>
                {
                    var db = sp.GetRequiredService<EParticipation.Web.Data.AppDbContext>();
                    var tracked = await db.Cases.Include(x => x.Pauses).SingleAsync(x => x.Id == c.Id);
                    Assert.True(await sp.GetRequiredService<CaseWorkflow>().RespondAsync(tracked, "تمت الإجابة.", officer.Id));
                    return 0;
                });
            }
        }
        // One answer did not resolve the matter: its submitter reopens it.
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<EParticipation.Web.Data.AppDbContext>();
            var tracked = await db.Cases.Include(x => x.Pauses).SingleAsync(x => x.Id == filed[0].Case.Id);
            Assert.True(await sp.GetRequiredService<CaseWorkflow>().ReopenAsync(tracked, "لم تُحل المشكلة."));
            return 0;
        });

        var portal = await JsonAsync("/api/v1/dashboard");
        var cstDashboard = await JsonAsync("/api/v1/dashboard/agencies/cst");

        // The recount: every case read, its working days to the first answer computed again from its dates.
        var calendar = await factory.WithScopeAsync(sp => sp.GetRequiredService<WorkingDays>().CalendarAsync());
        var cases = await factory.WithDbAsync(db => db.Cases.AsNoTracking().Include(c => c.Pauses).ToListAsync());
        var recount = cases.Select(c => new Recounted(
            c.AgencyId,
            c.FirstRespondedAt is { } first
                ? calendar.WorkingDaysBetween(c.SubmittedAt, first, c.Pauses.Where(p => p.StartedAt < first).Select(p => new ClockPause(p.StartedAt, p.EndedAt ?? first)))
                : null,
            c.ReopenCount > 0)).ToList();
        static double Median(IEnumerable<int> values)
        {
            var sorted = values.Order().ToList();
            return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2.0;
        }
        static void AssertFigures(JsonElement figures, IEnumerable<Recounted> rows)
        {
            var list = rows.ToList();
            var answered = list.Where(r => r.Days != null).Select(r => r.Days!.Value).ToList();
            Assert.Equal(list.Count, figures.GetProperty("received").GetInt32());
            Assert.Equal(answered.Count, figures.GetProperty("responded").GetInt32());
            Assert.Equal(answered.Count(d => d <= CaseRules.ResponseWorkingDays), figures.GetProperty("respondedOnTime").GetInt32());
            Assert.Equal(list.Count(r => r.Reopened), figures.GetProperty("reopened").GetInt32());
            Assert.Equal(Median(answered), figures.GetProperty("medianWorkingDaysToFirstResponse").GetDouble());
        }
        var cstId = await factory.AgencyIdAsync("cst");
        AssertFigures(cstDashboard.GetProperty("cases"), recount.Where(r => r.AgencyId == cstId));
        AssertFigures(portal.GetProperty("cases"), recount);
        var agencyMedians = recount.Where(r => r.Days != null).GroupBy(r => r.AgencyId).Select(g => Median(g.Select(r => r.Days!.Value))).ToList();
        Assert.NotEqual(Median(agencyMedians.Select(m => (int)m)), portal.GetProperty("cases").GetProperty("medianWorkingDaysToFirstResponse").GetDouble());
        Assert.Equal(1, portal.GetProperty("cases").GetProperty("medianWorkingDaysToFirstResponse").GetDouble());
    }

    [Fact]
    public async Task Referrals_AppearByChannelOnThePageJsonAndCsv_WithNoCountUnderFive()
    {
        foreach (var route in Enumerable.Repeat("municipal", 6).Concat(Enumerable.Repeat("telecom", 2)))
        {
            var response = await factory.Client().SubmitAsync("/ar/complaints", new Dictionary<string, string> { ["route"] = route }, actionEndsWith: "/complaints/route");
            Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        }
        var counted = await factory.WithDbAsync(db => db.ComplaintReferralCounts.AsNoTracking()
            .GroupBy(c => c.ChannelCode).Select(g => new { g.Key, Count = g.Sum(c => c.Count) }).ToDictionaryAsync(g => g.Key, g => g.Count));
        Assert.Equal(6, counted["baladi-940"]);

        var page = await factory.Client().PageAsync("/ar/dashboard");
        var json = await JsonAsync("/api/v1/dashboard");
        var csv = System.Text.Encoding.UTF8.GetString((await factory.Client().Http.GetByteArrayAsync("/api/v1/dashboard/referrals.csv"))[3..])
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        var baladi = page.QuerySelector("#portal-referrals tr[data-channel='baladi-940'] td")!.TextContent.Trim();
        var cst = page.QuerySelector("#portal-referrals tr[data-channel='cst'] td")!.TextContent.Trim();
        Assert.Equal(counted["baladi-940"].ToString(System.Globalization.CultureInfo.InvariantCulture), baladi);
        Assert.Equal("لا توجد بيانات كافية", cst);
        Assert.Equal(5, page.QuerySelectorAll("#portal-referrals tbody tr").Length);
        var referrals = json.GetProperty("referrals").EnumerateArray().ToDictionary(r => r.GetProperty("channel").GetString()!);
        Assert.Equal(6, referrals["baladi-940"].GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, referrals["cst"].GetProperty("count").ValueKind);
        Assert.Equal(JsonValueKind.Null, referrals["kollona-amn"].GetProperty("count").ValueKind);
        Assert.Equal("channel,name_ar,name_en,referrals,suppressed,agency", csv[0]);
        Assert.Contains(csv, l => l.StartsWith("baladi-940,", StringComparison.Ordinal) && l.EndsWith(",6,false,momah", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.StartsWith("cst,", StringComparison.Ordinal) && l.EndsWith(",,true,cst", StringComparison.Ordinal));
        Assert.Equal("momah", referrals["baladi-940"].GetProperty("agency").GetString());
        Assert.Equal("وزارة البلديات والإسكان", page.QuerySelector("#portal-referrals tr[data-channel='baladi-940'] td a[href='/ar/dashboard/agencies/momah']")?.TextContent);
    }

    [Fact]
    public async Task Referrals_AppearOnTheDashboardOfTheAgencyThatRunsTheChannel_WithNoCountUnderFive_AndNotOnOthers()
    {
        // Its own channels: Kollona Amn (the Ministry of Interior) gets 7 referrals, the central bank's 3.
        // Security matters are chosen on the second step (two of its categories, one channel).
        foreach (var (page, route) in Enumerable.Repeat(("/ar/complaints/choose/security", "security-fraud"), 4)
            .Concat(Enumerable.Repeat(("/ar/complaints/choose/security", "security-extortion"), 3))
            .Concat(Enumerable.Repeat(("/ar/complaints", "bank-insurer"), 3)))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, (await factory.Client().SubmitAsync(page, new Dictionary<string, string> { ["route"] = route }, actionEndsWith: "/complaints/route")).StatusCode);
        }
        var counted = await factory.WithDbAsync(db => db.ComplaintReferralCounts.AsNoTracking()
            .GroupBy(c => c.ChannelCode).Select(g => new { g.Key, Count = g.Sum(c => c.Count) }).ToDictionaryAsync(g => g.Key, g => g.Count));

        var moi = await factory.Client().PageAsync("/ar/dashboard/agencies/moi");
        var moiRows = moi.QuerySelectorAll("#agency-referrals tbody tr");
        Assert.Equal("kollona-amn", Assert.Single(moiRows).GetAttribute("data-channel"));
        Assert.Equal(counted["kollona-amn"].ToString(System.Globalization.CultureInfo.InvariantCulture), moiRows[0].QuerySelector("td")!.TextContent.Trim());
        Assert.Equal(7, counted["kollona-amn"]);
        var sama = await factory.Client().PageAsync("/en/dashboard/agencies/sama");
        Assert.Equal("Not enough data", sama.QuerySelector("#agency-referrals tr[data-channel='sama'] td")!.TextContent.Trim());
        // An agency that runs no national channel shows no referrals at all (not a zero).
        var moj = await factory.Client().PageAsync("/ar/dashboard/agencies/moj");
        Assert.Null(moj.QuerySelector("#agency-referrals"));

        var moiJson = (await JsonAsync("/api/v1/dashboard/agencies/moi")).GetProperty("referrals");
        var kollona = Assert.Single(moiJson.EnumerateArray());
        Assert.Equal(7, kollona.GetProperty("count").GetInt32());
        Assert.Equal("moi", kollona.GetProperty("agency").GetString());
        Assert.Equal(JsonValueKind.Null, Assert.Single((await JsonAsync("/api/v1/dashboard/agencies/sama")).GetProperty("referrals").EnumerateArray()).GetProperty("count").ValueKind);
        Assert.Empty((await JsonAsync("/api/v1/dashboard/agencies/moj")).GetProperty("referrals").EnumerateArray());
        var csv = System.Text.Encoding.UTF8.GetString((await factory.Client().Http.GetByteArrayAsync("/api/v1/dashboard/agencies/moi/referrals.csv"))[3..])
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, csv.Length);
        Assert.StartsWith("kollona-amn,", csv[1], StringComparison.Ordinal);
        Assert.EndsWith(",7,false,moi", csv[1], StringComparison.Ordinal);
    }

    private sealed record Recounted(int AgencyId, int? Days, bool Reopened);

    private async Task<JsonElement> JsonAsync(string path) =>
        (await JsonDocument.ParseAsync(await factory.Client().Http.GetStreamAsync(path))).RootElement;
}
