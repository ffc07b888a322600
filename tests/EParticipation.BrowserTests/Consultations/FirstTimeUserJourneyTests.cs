using EParticipation.BrowserTests.Infrastructure;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace EParticipation.BrowserTests.Consultations;

/// <summary>
/// What a first-time user ran into (issue 12), tried again in both languages through the real pages:
/// a search that finds a planned consultation from the open tab, and a reported comment that reaches
/// the moderators at its first report.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class FirstTimeUserJourneyTests(BrowserFixture browser)
{
    public static TheoryData<string> Languages => new() { "ar", "en" };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Search_FromTheOpenTab_FindsThePlannedVisaConsultation_WithTheCountPerTab(string lang)
    {
        var visa = await browser.Server.WithDbAsync((AppDbContext db) => db.Consultations.Where(c => c.Title.Ar == "تنظيم تأشيرة العمل المؤقتة والموسمية").Select(c => c.Id).SingleAsync());
        var page = await browser.NewPageAsync(lang == "ar" ? "ar-SA" : "en-GB");
        await page.GotoAsync(browser.Server.Url($"/{lang}/consultations"));

        await page.Locator("#q").FillAsync("تأشيرة");
        await page.Locator("form[role=search] button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator($"main a[href='/{lang}/consultations/{visa}']")).ToBeVisibleAsync();
        var planned = page.Locator(".ep-tabs a[href*='status=planned']");
        await Assertions.Expect(planned).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(planned).ToContainTextAsync("(1)");
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("تأشيرة"));

        await page.Locator(".ep-tabs a[href*='status=open']").ClickAsync();
        await Assertions.Expect(page.Locator("#matches-elsewhere a[href*='status=planned']")).ToBeVisibleAsync();
        await browser.CheckAccessibilityAsync(page, $"{lang}-search-elsewhere");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task ReportedComment_ReachesTheReportsQueueAtItsFirstReport_WithItsReason(string lang)
    {
        var consultation = await browser.Server.WithDbAsync((AppDbContext db) => db.Consultations.Where(c => c.Title.Ar == "مشروع تعديل نظام العمل").Select(c => c.Id).SingleAsync());
        var body = $"تعليق تجريبي يُبلَّغ عنه ({lang}) " + Guid.NewGuid().ToString("N")[..6];
        var author = await TestAccounts.CreateAsync(browser.Server, name: "كاتب التعليق");
        var authorPage = await browser.NewPageAsync();
        await browser.SignInAsync(authorPage, author.Email!, TestAccounts.Password, lang);
        await authorPage.GotoAsync(browser.Server.Url($"/{lang}/consultations/{consultation}"));
        // The name comes from the profile (item 14): nothing to type but the comment.
        await Assertions.Expect(authorPage.Locator("#NewComment_DisplayName")).ToHaveValueAsync("كاتب التعليق");
        await authorPage.Locator("#NewComment_Body").FillAsync(body);
        await authorPage.Locator("#NewComment_Body").PressAsync("Tab");
        await authorPage.Locator("form[action$='/comments'] button[type=submit]").ClickAsync();
        await Assertions.Expect(authorPage.Locator(".alert-success")).ToBeVisibleAsync();
        var commentId = await browser.Server.WithDbAsync((AppDbContext db) => db.ConsultationComments.Where(c => c.Body == body).Select(c => c.Id).SingleAsync());

        var reporter = await TestAccounts.CreateAsync(browser.Server);
        var reporterPage = await browser.NewPageAsync();
        await browser.SignInAsync(reporterPage, reporter.Email!, TestAccounts.Password, lang);
        await reporterPage.GotoAsync(browser.Server.Url($"/{lang}/consultations/{consultation}/comments/{commentId}/report"));
        await reporterPage.Locator("#reason-PersonalData").CheckAsync();
        await reporterPage.Locator("main form button[type=submit]").ClickAsync();
        await Assertions.Expect(reporterPage.Locator(".alert-success")).ToBeVisibleAsync();

        var moderator = await browser.NewPageAsync();
        await browser.SignInAsync(moderator, "moderator@demo.portal.test", "Demo-Portal-2026", lang);
        await browser.OpenAsync(moderator, $"/{lang}/consultations/moderation?queue=reported");
        var item = moderator.Locator($"#comment-{commentId}");
        await Assertions.Expect(item).ToContainTextAsync(body);
        await Assertions.Expect(item.Locator("h3")).ToHaveTextAsync(lang == "ar" ? "بلاغ واحد" : "1 report");
        await Assertions.Expect(item).ToContainTextAsync(lang == "ar" ? "يكشف بيانات شخصية" : "Reveals someone's personal data");
        await browser.CheckAccessibilityAsync(moderator, $"{lang}-moderation-reported");

        await item.Locator("form[action$='/approve'] button").ClickAsync();
        await Assertions.Expect(moderator.Locator(".alert-success")).ToBeVisibleAsync();
        await Assertions.Expect(moderator.Locator($"#comment-{commentId}")).ToHaveCountAsync(0);
    }
}
