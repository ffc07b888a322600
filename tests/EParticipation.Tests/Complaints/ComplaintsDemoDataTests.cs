using System.Text.Json;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Complaints.Services;
using EParticipation.Web.Platform.Cases;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Complaints;

/// <summary>
/// The demo complaints give the demo's case officer a queue in every state, the demo citizen cases of
/// their own and the dashboard case figures: once however often they are imported.
/// </summary>
public sealed class ComplaintsDemoDataTests(ComplaintsDemoDataTests.Portal factory) : IClassFixture<ComplaintsDemoDataTests.Portal>
{
    public sealed class Portal : DemoDataPortal
    {
        public Portal()
        {
            With("ServiceRatings:CaseFiguresSeconds", "0");
        }
    }

    [Fact]
    public async Task DemoComplaints_ImportedTwice_HaveOneCopy_InEveryState_AndReachTheQueueMyCasesAndTheDashboard()
    {
        await factory.SeedAgainAsync();

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var cases = await factory.WithDbAsync(db => db.Cases.AsNoTracking().Include(c => c.Agency).Include(c => c.Submitter).ToListAsync());
        Assert.Equal(11, cases.Count);
        Assert.All(cases, c => Assert.Equal(ComplaintsDemoSeeder.Agency, c.Agency!.Code));
        Assert.Equal(cases.Count, cases.Select(c => c.TrackingNumber).Distinct().Count());
        Assert.Contains(cases, c => c.IsOverdueOn(today));
        Assert.Contains(cases, c => c.State == CaseState.AwaitingInformation && c.PausedSince != null);
        Assert.Contains(cases, c => c.State == CaseState.InReview);
        Assert.Contains(cases, c => c.State == CaseState.Responded);
        Assert.Equal([CaseEndState.Resolved, CaseEndState.NotResolved, CaseEndState.NotCompetent],
            cases.Where(c => c.State == CaseState.Closed).Select(c => c.EndState!.Value).Distinct().Order());
        Assert.Contains(cases, c => c.Rating == 5);
        var mine = cases.Where(c => c.Submitter!.Email == "citizen@demo.portal.test").ToList();
        Assert.Equal(4, mine.Count);

        // The demo's case officer sees the agency's queue, overdue first; the demo citizen their own cases.
        var officer = factory.Client();
        await officer.SignInAsync("officer.hrsd@demo.portal.test", "Demo-Portal-2026");
        var queue = await officer.PageAsync("/ar/staff/cases");
        var overdue = cases.Single(c => c.IsOverdueOn(today));
        var first = queue.QuerySelector("main ul.list-unstyled > li.ep-card")?.TextContent ?? "";
        Assert.Contains(overdue.TrackingNumber, first, StringComparison.Ordinal);
        var citizen = factory.Client();
        await citizen.SignInAsync("citizen@demo.portal.test", "Demo-Portal-2026");
        var myCases = (await citizen.PageAsync("/ar/account/cases")).Body!.TextContent;
        Assert.All(mine, c => Assert.Contains(c.TrackingNumber, myCases, StringComparison.Ordinal));

        // Enough cases for the agency's figures on the dashboard (5 or more).
        using var json = await JsonDocument.ParseAsync(await factory.Client().Http.GetStreamAsync("/api/v1/dashboard/agencies/hrsd"));
        var figures = json.RootElement.GetProperty("cases");
        Assert.Equal(11, figures.GetProperty("received").GetInt32());
        Assert.Equal(cases.Count(c => c.FirstRespondedAt != null), figures.GetProperty("responded").GetInt32());
    }
}
