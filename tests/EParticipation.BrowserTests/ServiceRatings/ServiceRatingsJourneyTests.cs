using EParticipation.BrowserTests.Infrastructure;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace EParticipation.BrowserTests.ServiceRatings;

/// <summary>
/// A citizen finds a service from the home page, rates it with a suggestion, finds the suggestion in
/// "my cases" and sees the dashboard, in Arabic; the module's pages pass axe in both languages.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class ServiceRatingsJourneyTests(BrowserFixture browser)
{
    public static TheoryData<string> Languages => new() { "ar", "en" };

    [Fact]
    public async Task Citizen_FindsAServiceRatesItWithASuggestion_SeesTheCaseAndTheDashboard()
    {
        var citizen = await TestAccounts.CreateAsync(browser.Server, name: "نورة القحطاني");
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, citizen.Email!, TestAccounts.Password);

        await page.GotoAsync(browser.Server.Url("/ar"));
        await page.Locator("main a[href='/ar/services']").First.ClickAsync();
        await page.WaitForURLAsync("**/ar/services");
        await page.GetByLabel("ابحث بالاسم أو الوصف").FillAsync("الإستعلام عن صك");
        await page.GetByRole(AriaRole.Button, new() { Name = "بحث", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "الاستعلام عن صك عقاري" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "قيّم هذه الخدمة" }).ClickAsync();
        await page.WaitForURLAsync("**/rate");
        await page.Locator("#Input_Overall-4").CheckAsync();
        await page.Locator("#Input_Clarity-3").CheckAsync();
        await page.Locator("#Input_Channel").CheckAsync();
        await page.GetByLabel("اقتراحك لتحسين الخدمة (اختياري)").FillAsync("أقترح إظهار تاريخ آخر تحديث للصك.");
        await browser.CheckAccessibilityAsync(page, "ratings-journey-form-ar");
        await page.GetByRole(AriaRole.Button, new() { Name = "إرسال تقييمي" }).ClickAsync();
        // Post/redirect/get: the thank-you page has an address of its own, and reloading it sends nothing again.
        await page.WaitForURLAsync("**/ar/services/*/rated");
        await Assertions.Expect(page.Locator("main .alert-success")).ToContainTextAsync("سُجّل تقييمك");
        var caseLink = page.Locator("main a[href^='/ar/cases/SUG-']");
        var tracking = (await caseLink.TextContentAsync())!.Trim();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("main a[href^='/ar/cases/SUG-']")).ToHaveTextAsync(tracking);
        Assert.Equal(1, await browser.Server.WithDbAsync(db => db.Cases.CountAsync(c => c.SubmitterId == citizen.Id)));
        await browser.CheckAccessibilityAsync(page, "ratings-journey-rated-ar");

        await page.GetByRole(AriaRole.Link, new() { Name = "حالاتي" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(tracking);

        await page.GotoAsync(browser.Server.Url("/ar/dashboard/agencies/moj"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("عدد التقييمات: 1.");
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        await browser.CheckAccessibilityAsync(page, "ratings-journey-dashboard-ar");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task RatingPages_HaveNoSeriousAxeViolations(string lang)
    {
        var serviceId = await browser.Server.WithDbAsync(db => db.GovernmentServices.Where(s => s.Code == "moh-937").Select(s => s.Id).SingleAsync());
        var visitor = await browser.NewPageAsync(lang == "ar" ? "ar-SA" : "en-GB");
        foreach (var path in new[] { "/services", "/services?agency=moh&q=937", $"/services/{serviceId}", "/dashboard", "/dashboard/agencies/moh", $"/dashboard/services/{serviceId}" })
        {
            await browser.OpenAsync(visitor, $"/{lang}{path}");
            Assert.Equal(lang, await visitor.Locator("html").GetAttributeAsync("lang"));
            await browser.CheckAccessibilityAsync(visitor, $"{lang}-ratings{Name(path)}");
        }
        // "Was this information useful?": "no" opens the details, and a request for help leads to the complaints intake.
        await browser.OpenAsync(visitor, $"/{lang}/pages/about");
        await visitor.Locator(".ep-page-feedback summary").ClickAsync();
        await visitor.Locator("#page-problem-unclear").CheckAsync();
        await visitor.Locator("#page-feedback-text").FillAsync(lang == "ar" ? "ساعدوني في معاملتي" : "Please help with my application");
        await browser.CheckAccessibilityAsync(visitor, $"{lang}-ratings-page-feedback-open");
        await visitor.Locator(".ep-page-feedback button[value='no']").ClickAsync();
        await Assertions.Expect(visitor.Locator($"main a[href='/{lang}/complaints']")).ToBeVisibleAsync();
        await browser.CheckAccessibilityAsync(visitor, $"{lang}-ratings-page-feedback-thanks");

        var participant = await TestAccounts.CreateAsync(browser.Server, language: lang);
        var rater = await browser.NewPageAsync(lang == "ar" ? "ar-SA" : "en-GB");
        await browser.SignInAsync(rater, participant.Email!, TestAccounts.Password, lang);
        await browser.OpenAsync(rater, $"/{lang}/services/{serviceId}/rate");
        await rater.Locator("form[action$='/rate'] button[type='submit']").ClickAsync();
        await Assertions.Expect(rater.Locator(".invalid-feedback").First).ToBeVisibleAsync();
        await browser.CheckAccessibilityAsync(rater, $"{lang}-ratings-form-errors");
        // A low rating: the thank-you page (its own address) offers the complaint, in the page's language.
        await rater.Locator("#Input_Overall-2").CheckAsync();
        await rater.Locator("#Input_Channel").CheckAsync();
        await rater.Locator("form[action$='/rate'] button[type='submit']").ClickAsync();
        await rater.WaitForURLAsync($"**/{lang}/services/{serviceId}/rated");
        await Assertions.Expect(rater.Locator($"main a[href^='/{lang}/complaints/new/government-service']")).ToBeVisibleAsync();
        await browser.CheckAccessibilityAsync(rater, $"{lang}-ratings-rated-low");

        var publisher = await TestAccounts.CreateAsync(browser.Server, roles: [Roles.AgencyPublisher], agencyCode: "moh", language: lang);
        var staff = await browser.NewPageAsync(lang == "ar" ? "ar-SA" : "en-GB");
        await browser.SignInAsync(staff, publisher.Email!, TestAccounts.Password, lang);
        foreach (var path in new[] { "/services/manage", "/services/manage/new", $"/services/manage/{serviceId}/edit", "/page-feedback/results" })
        {
            await browser.OpenAsync(staff, $"/{lang}{path}");
            await browser.CheckAccessibilityAsync(staff, $"{lang}-ratings-staff{Name(path)}");
        }
    }

    private static string Name(string path) => path.Replace('/', '-').Replace('?', '-').Replace('=', '-').Replace('&', '-');
}
