using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Cases;
using EParticipation.Web.Platform.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Cases;

/// <summary>
/// The officer's queue reads each page with its count in one statement: the rows of every page, in
/// the queue's order, only the agency's open cases, the count beside them, and a page past the end
/// shown as the last page.
/// </summary>
public sealed class CaseQueuePagingTests(CasesPortal factory) : IClassFixture<CasesPortal>
{
    [Fact]
    public async Task Queue_PagesThroughTheAgencysOpenCases_InOrder_WithTheirCount()
    {
        var submitter = await TestAccounts.CreateAsync(factory);
        // Three submission days, so the order is by due day first and by id within a day.
        var filed = new List<Case>();
        foreach (var (day, count) in new[] { (3, 12), (1, 10), (2, 9) })
        {
            factory.Clock.Set(new DateTimeOffset(2026, 11, day, 9, 0, 0, CasesPortal.Riyadh));
            for (var i = 0; i < count; i++)
            {
                filed.Add(await factory.FileAsync(submitter, agency: "monshaat", subject: $"شكوى الصفحات {day}-{i}"));
            }
        }
        var closed = filed[^1];
        var officer = await TestAccounts.CreateAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "monshaat");
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<EParticipation.Web.Data.AppDbContext>();
            var tracked = await db.Cases.FindAsync(closed.Id);
            return await sp.GetRequiredService<CaseWorkflow>().CloseAsync(tracked!, CaseEndState.Duplicate, null, officer.Id);
        });
        await factory.FileAsync(submitter, agency: "mc", subject: "شكوى جهة أخرى");
        factory.Clock.Set(new DateTimeOffset(2026, 12, 7, 9, 0, 0, CasesPortal.Riyadh));
        var (client, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "monshaat");

        var pages = new[] { "", "?page=2", "?page=9" };
        var read = new List<(List<string> Rows, string Text)>();
        foreach (var page in pages)
        {
            var html = await client.PageAsync("/ar/staff/cases" + page);
            read.Add((html.QuerySelectorAll("main li.ep-card a.fw-bold").Select(a => a.TextContent.Trim()).ToList(), html.QuerySelector("main")!.TextContent));
        }

        var expected = filed.Where(c => c.Id != closed.Id).OrderBy(c => c.DueOn).ThenBy(c => c.Id).Select(c => c.TrackingNumber).ToList();
        Assert.Equal(30, expected.Count);
        Assert.Equal(expected[..25], read[0].Rows);
        Assert.Equal(expected[25..], read[1].Rows);
        Assert.Equal(expected[25..], read[2].Rows);
        Assert.All(read, r => Assert.Contains("30 حالة", r.Text, StringComparison.Ordinal));
    }
}
