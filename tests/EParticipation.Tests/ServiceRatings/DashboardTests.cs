using System.Net;
using System.Text.Json;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.ServiceRatings.Services;
using EParticipation.Web.Platform.Cases;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.ServiceRatings;

/// <summary>The public dashboard: figures from the aggregates equal to counts in the database, suppression below the minimum sample.</summary>
public sealed class DashboardTests(RatingsPortal factory) : IClassFixture<RatingsPortal>
{
    [Fact]
    public async Task Service_WithFewerThanTenRatings_ShowsNotEnoughDataButItsSampleSize()
    {
        var service = await factory.ServiceAsync("saip-design");
        for (var i = 0; i < 3; i++)
        {
            var (citizen, _) = await TestAccounts.SignedInAsync(factory);
            await RatingsPortal.RateAsync(citizen, service.Id, RatingsPortal.Rating(5));
        }

        var page = await factory.Client().PageAsync($"/ar/dashboard/services/{service.Id}");
        var json = await JsonDocument.ParseAsync(await factory.Client().Http.GetStreamAsync($"/api/v1/dashboard/services/{service.Id}"));

        Assert.Contains("لا توجد بيانات كافية", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("عدد التقييمات: 3.", page.Body!.TextContent, StringComparison.Ordinal);
        var ratings = json.RootElement.GetProperty("ratings");
        Assert.Equal(3, ratings.GetProperty("sample").GetInt32());
        Assert.Equal(JsonValueKind.Null, ratings.GetProperty("csat").ValueKind);
        Assert.Equal(JsonValueKind.Null, ratings.GetProperty("distribution").ValueKind);
    }

    [Fact]
    public async Task Agency_FiguresEqualTheRatingsInTheDatabase_WithWilsonBounds()
    {
        var service = await factory.ServiceAsync("saso-calibration");
        int[] stars = [5, 5, 4, 4, 4, 4, 5, 4, 2, 1, 3, 5];
        foreach (var s in stars)
        {
            var (citizen, _) = await TestAccounts.SignedInAsync(factory, type: AccountType.Visitor);
            await RatingsPortal.RateAsync(citizen, service.Id, RatingsPortal.Rating(s, channel: "ServiceCentre", ease: s));
        }

        var json = await JsonDocument.ParseAsync(await factory.Client().Http.GetStreamAsync("/api/v1/dashboard/agencies/saso"));
        var ratings = json.RootElement.GetProperty("ratings");

        var fromDb = await factory.WithDbAsync(db => db.ServiceRatings.AsNoTracking().Where(r => r.Service!.AgencyId == service.AgencyId).Select(r => r.Overall).ToListAsync());
        Assert.Equal(fromDb.Count, ratings.GetProperty("sample").GetInt32());
        Assert.Equal(Enumerable.Range(1, 5).Select(k => fromDb.Count(o => o == k)), ratings.GetProperty("distribution").EnumerateArray().Select(e => e.GetInt32()));
        var top = fromDb.Count(o => o >= 4);
        var expected = WilsonInterval.Of(top, fromDb.Count);
        Assert.Equal(expected.Lower, ratings.GetProperty("csat").GetProperty("lower").GetDouble(), 6);
        Assert.Equal(expected.Upper, ratings.GetProperty("csat").GetProperty("upper").GetDouble(), 6);
        var ease = ratings.GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("key").GetString() == "ease");
        Assert.Equal(fromDb.Average(), ease.GetProperty("mean").GetDouble(), 6);
        Assert.Empty(await factory.WithScopeAsync(sp => sp.GetRequiredService<RatingAggregates>().RecountAsync()));
        var page = await factory.Client().PageAsync("/en/dashboard/agencies/saso");
        Assert.NotNull(page.QuerySelector("[data-chart-table='agency-ratings-stars'] canvas"));
        Assert.NotNull(page.QuerySelector("table#agency-ratings-stars"));
    }

    [Fact]
    public async Task Csv_StartsWithAByteOrderMark_AndHasARowPerAgency()
    {
        var response = await factory.Client().GetAsync("/api/v1/dashboard/agencies.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("code,name_ar,name_en,ratings,csat", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("moj,وزارة العدل,Ministry of Justice,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClosedCase_AsksItsSubmitterForAHandlingRating_WhichTheDashboardCounts()
    {
        var (citizen, user) = await TestAccounts.SignedInAsync(factory);
        var c = await factory.FileAsync(user, agency: "cst");
        var (officer, officerUser) = await TestAccounts.SignedInAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "cst");
        await factory.WithScopeAsync(async sp =>
        {
            var workflow = sp.GetRequiredService<CaseWorkflow>();
            var db = sp.GetRequiredService<EParticipation.Web.Data.AppDbContext>();
            var tracked = await db.Cases.Include(x => x.Pauses).SingleAsync(x => x.Id == c.Id);
            await workflow.RespondAsync(tracked, "تمت المعالجة.", officerUser.Id);
            await workflow.CloseAsync(tracked, CaseEndState.Resolved, null, officerUser.Id);
            return 0;
        });

        var casePage = await citizen.PageAsync("/ar/cases/" + c.TrackingNumber);
        Assert.NotNull(casePage.QuerySelector($"form[action$='/cases/{c.TrackingNumber}/rate']"));
        var rated = await citizen.SubmitAsync("/ar/cases/" + c.TrackingNumber, new Dictionary<string, string> { ["Rate.Stars"] = "4" }, actionEndsWith: "/rate");
        Assert.Equal(HttpStatusCode.Redirect, rated.StatusCode);

        var figures = await factory.WithScopeAsync(sp => sp.GetRequiredService<DashboardQueries>().AgencyCasesAsync(c.AgencyId));
        Assert.Equal(1, figures.HandlingRatings);
        Assert.Null(figures.HandlingMean);
        Assert.Equal(4, await factory.WithDbAsync(db => db.Cases.Where(x => x.Id == c.Id).Select(x => x.Rating).SingleAsync()));
    }
}
