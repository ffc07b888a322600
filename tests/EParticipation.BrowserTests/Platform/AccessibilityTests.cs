using EParticipation.BrowserTests.Infrastructure;
using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.BrowserTests.Platform;

/// <summary>
/// Every platform page, in both languages, as the people who use it see it: no serious or critical
/// axe violation, and a screenshot of each. Modules sweep their own pages in their own folders.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    public static TheoryData<string> Languages => new() { "ar", "en" };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task PublicPages_HaveNoSeriousAxeViolations(string lang)
    {
        var page = await browser.NewPageAsync(lang == "ar" ? "ar-SA" : "en-GB");
        var titles = new List<string>();
        foreach (var path in new[]
        {
            "", "/pages/about", "/pages/guidelines", "/pages/privacy", "/pages/terms",
            "/account/login", "/account/register", "/account/forgot-password", "/account/confirm-email/resend",
            "/account/reset-password?email=a%40example.test&code=x", "/account/register/check-email",
            "/settings/display", "/no-such-page",
        })
        {
            await browser.OpenAsync(page, $"/{lang}{path}", path == "/no-such-page" ? 404 : 200);
            Assert.Equal(lang, await page.Locator("html").GetAttributeAsync("lang"));
            titles.Add(await browser.CheckAccessibilityAsync(page, $"{lang}{(path.Length == 0 ? "-home" : path.Split('?')[0].Replace('/', '-'))}"));
        }
        BrowserFixture.AssertDistinctTitles(titles);
    }

    /// <summary>The check every sweep relies on fails on a page that has serious violations, and says which.</summary>
    [Fact]
    public async Task AxeCheck_FailsOnAPageWithSeriousViolations_AndNamesThem()
    {
        var page = await browser.NewPageAsync();
        await browser.OpenAsync(page, "/ar/pages/about");
        await page.EvaluateAsync("""
            () => {
                const main = document.querySelector('main');
                main.insertAdjacentHTML('beforeend', '<button id="unnamed"></button><input id="unlabelled" type="text"><img id="no-alt" src="/favicon.ico">');
            }
            """);
        var failure = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => browser.CheckAccessibilityAsync(page, "axe-check-on-a-broken-page"));
        Assert.Contains("button-name", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#unnamed", failure.Message, StringComparison.Ordinal);
        Assert.Contains("label", failure.Message, StringComparison.Ordinal);
        Assert.Contains("image-alt", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task ParticipantAndStaffPages_HaveNoSeriousAxeViolations(string lang)
    {
        var participant = await browser.NewPageAsync();
        await browser.SignInAsync(participant, "citizen@demo.portal.test", "Demo-Portal-2026", lang);
        var titles = new List<string>();
        foreach (var path in new[] { "/account", "/account/change-password", "/account/notifications", "/account/sessions", "/account/delete" })
        {
            await browser.OpenAsync(participant, $"/{lang}{path}");
            titles.Add(await browser.CheckAccessibilityAsync(participant, $"{lang}-participant{path.Replace('/', '-')}"));
        }

        var staff = await browser.NewPageAsync();
        await browser.SignInAsync(staff, "publisher.hrsd@demo.portal.test", "Demo-Portal-2026", lang);
        var hrsd = await AgencyIdAsync("hrsd");
        foreach (var path in new[] { "/staff", $"/staff/agencies/{hrsd}" })
        {
            await browser.OpenAsync(staff, $"/{lang}{path}");
            titles.Add(await browser.CheckAccessibilityAsync(staff, $"{lang}-staff{path.Replace('/', '-')}"));
        }
        BrowserFixture.AssertDistinctTitles(titles);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task AdministrationPages_HaveNoSeriousAxeViolations(string lang)
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, "admin@demo.portal.test", "Demo-Portal-2026", lang);
        var moj = await AgencyIdAsync("moj");
        var (userId, holidayId) = await browser.Server.WithDbAsync(async db => (
            await db.Users.Where(u => u.Email == "publisher.moj@demo.portal.test").Select(u => u.Id).SingleAsync(),
            await db.PublicHolidays.Select(h => h.Id).FirstAsync()));
        var titles = new List<string>();
        foreach (var path in new[]
        {
            "/admin", "/admin/agencies", "/admin/agencies/new", $"/admin/agencies/{moj}", "/admin/users", $"/admin/users/{userId}",
            "/admin/holidays", "/admin/holidays/new", $"/admin/holidays/{holidayId}", "/admin/audit", "/admin/outbox",
        })
        {
            await browser.OpenAsync(page, $"/{lang}{path}");
            titles.Add(await browser.CheckAccessibilityAsync(page, $"{lang}{path.Replace('/', '-')}"));
        }
        BrowserFixture.AssertDistinctTitles(titles);
    }

    private Task<int> AgencyIdAsync(string code) =>
        browser.Server.WithDbAsync(db => db.Agencies.Where(a => a.Code == code).Select(a => a.Id).SingleAsync());
}
