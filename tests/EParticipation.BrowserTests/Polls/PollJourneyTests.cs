using EParticipation.BrowserTests.Infrastructure;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace EParticipation.BrowserTests.Polls;

/// <summary>
/// A participant votes in the Ministry of Justice's demo poll through the Arabic pages, from the home
/// page's card, and sees the results; every poll page passes axe in both languages.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class PollJourneyTests(BrowserFixture browser)
{
    private const string DemoPoll = "ما الخدمة العدلية الإلكترونية التي ترغب في تطويرها أولًا؟";
    private const string ClosedDemoPoll = "ما الوسيلة المفضلة لديك لتلقي إشعارات مواعيد الجلسات؟";

    public static TheoryData<string> Languages => new() { "ar", "en" };

    [Fact]
    public async Task Participant_VotesInArabic_AndSeesTheResults()
    {
        var participant = await TestAccounts.CreateAsync(browser.Server, name: "فهد العتيبي");
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, participant.Email!, TestAccounts.Password);

        await page.GotoAsync(browser.Server.Url("/ar"));
        await page.Locator("#channels-title ~ ul").GetByRole(AriaRole.Link, new() { Name = "استطلاعات الرأي", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/ar/polls");
        await page.GetByRole(AriaRole.Link, new() { Name = DemoPoll }).ClickAsync();
        await Assertions.Expect(page.Locator("#results-hidden")).ToBeVisibleAsync();
        await page.GetByLabel("الجلسات القضائية عن بعد").CheckAsync();
        await browser.CheckAccessibilityAsync(page, "polls-journey-form-ar");
        await page.GetByRole(AriaRole.Button, new() { Name = "صوّت", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("سُجّل صوتك");
        var row = page.Locator("#poll-results-table tbody tr", new() { HasText = "الجلسات القضائية عن بعد" });
        await Assertions.Expect(row.Locator("td").First).Not.ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator(".ep-poll-chart canvas")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("الجلسات القضائية عن بعد")).ToBeCheckedAsync();
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        await browser.CheckAccessibilityAsync(page, "polls-journey-results-ar");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task PollPages_HaveNoSeriousAxeViolations(string lang)
    {
        var open = await browser.Server.WithDbAsync(db => db.Polls.Where(p => p.Question.Ar == DemoPoll).Select(p => p.Id).FirstAsync());
        var closed = await browser.Server.WithDbAsync(db => db.Polls.Where(p => p.Question.Ar == ClosedDemoPoll).Select(p => p.Id).FirstAsync());
        var visitor = await browser.NewPageAsync(lang == "ar" ? "ar-SA" : "en-GB");
        foreach (var path in new[] { "/polls", "/polls?status=upcoming", "/polls?status=closed", $"/polls/{open}", $"/polls/{closed}" })
        {
            await browser.OpenAsync(visitor, $"/{lang}{path}");
            Assert.Equal(lang, await visitor.Locator("html").GetAttributeAsync("lang"));
            await browser.CheckAccessibilityAsync(visitor, $"{lang}-polls{Name(path)}");
        }

        var account = await TestAccounts.CreateAsync(browser.Server, roles: [Roles.AgencyPublisher], agencyCode: "moj", language: lang);
        var publisher = await browser.NewPageAsync(lang == "ar" ? "ar-SA" : "en-GB");
        await browser.SignInAsync(publisher, account.Email!, TestAccounts.Password, lang);
        foreach (var path in new[] { "/polls/manage", "/polls/manage/new", $"/polls/manage/{open}" })
        {
            await browser.OpenAsync(publisher, $"/{lang}{path}");
            await browser.CheckAccessibilityAsync(publisher, $"{lang}-polls-staff{Name(path)}");
        }
        // The form shown again with its errors.
        await browser.OpenAsync(publisher, $"/{lang}/polls/manage/new");
        await publisher.GetByRole(AriaRole.Button, new() { Name = lang == "ar" ? "أنشئ الاستطلاع" : "Create the poll" }).ClickAsync();
        await Assertions.Expect(publisher.Locator("#Input_Options-error")).ToBeVisibleAsync();
        await browser.CheckAccessibilityAsync(publisher, $"{lang}-polls-staff-errors");
    }

    private static string Name(string path) => path.Replace('/', '-').Replace('?', '-').Replace('=', '-');
}
