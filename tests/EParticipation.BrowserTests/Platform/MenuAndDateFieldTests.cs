using EParticipation.BrowserTests.Infrastructure;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Identity;
using Microsoft.Playwright;

namespace EParticipation.BrowserTests.Platform;

/// <summary>
/// The main menu in groups (disclosure menus) on one row at 1280 px and on a phone, by keyboard, in
/// both languages; and the staff date fields with their 24-hour time and the Hijri day beside them.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class MenuAndDateFieldTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("ar", "شارك", "الاستشارات")]
    [InlineData("en", "Take part", "Consultations")]
    public async Task MainMenu_IsOneRowAtDesktopWidth_AndEachGroupOpensAndClosesByKeyboard(string lang, string group, string firstLink)
    {
        // The longest menu: a moderator who is also an administrator sees the staff group too.
        var account = await TestAccounts.CreateAsync(browser.Server, roles: [Roles.Administrator, Roles.Moderator], language: lang);
        var page = await browser.NewPageAsync(lang == "ar" ? "ar-SA" : "en-GB");
        await browser.SignInAsync(page, account.Email!, TestAccounts.Password, lang);
        await browser.OpenAsync(page, $"/{lang}");

        // One row at 1280 px: every top-level entry starts at the same height.
        var tops = await page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('#main-nav > ul > li')].map(li => Math.round(li.getBoundingClientRect().top))");
        Assert.True(tops.Length >= 5, $"{tops.Length} top-level entries");
        Assert.True(tops.Distinct().Count() == 1, $"the menu wraps: tops {string.Join(", ", tops)}");

        var button = page.GetByRole(AriaRole.Button, new() { Name = group, Exact = true });
        var link = page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = firstLink, Exact = true });
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(link).ToBeHiddenAsync();

        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(link).ToBeVisibleAsync();
        // The list opens under its button, aligned with the start of the line (right in Arabic).
        var b = (await button.BoundingBoxAsync())!;
        var list = (await page.Locator("#menu-take-part").BoundingBoxAsync())!;
        var aligned = lang == "ar" ? Math.Abs(b.X + b.Width - (list.X + list.Width)) : Math.Abs(b.X - list.X);
        Assert.True(aligned < 2, $"the list is {aligned} px off its button's start edge");
        await browser.CheckAccessibilityAsync(page, $"{lang}-menu-open");

        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(link).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(button).ToBeFocusedAsync();

        // Open again, and follow the first link with the keyboard.
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**/{lang}/consultations");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = group, Exact = true })).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-current"));
    }

    [Fact]
    public async Task MainMenu_OnAnArabicPhone_OpensFromTheMenuButton_AndNothingScrollsSideways()
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await browser.OpenAsync(page, "/ar");

        await page.GetByRole(AriaRole.Button, new() { Name = "عرض القائمة" }).ClickAsync();
        var services = page.GetByRole(AriaRole.Button, new() { Name = "الخدمات والملاحظات", Exact = true });
        await services.ClickAsync();
        await Assertions.Expect(page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "الشكاوى", Exact = true })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(browser.ScreenshotFolder, "ar-390-menu-open.png") });
        // CheckAccessibilityAsync also fails on any sideways scroll at 320 px.
        await browser.CheckAccessibilityAsync(page, "ar-390-menu-open");
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("en")]
    public async Task StaffDateField_TakesA24HourTime_AndShowsTheHijriDayAsItIsChosen(string lang)
    {
        var account = await TestAccounts.CreateAsync(browser.Server, roles: [Roles.AgencyPublisher], agencyCode: "moj", language: lang);
        var page = await browser.NewPageAsync(lang == "ar" ? "ar-SA" : "en-GB");
        await browser.SignInAsync(page, account.Email!, TestAccounts.Password, lang);
        await browser.OpenAsync(page, $"/{lang}/polls/manage/new");

        await page.Locator("#Input_OpensAt").FillAsync("2026-12-24");
        // The new poll's form suggests 08:00: clear it and type the time.
        await page.Locator("#Input_OpensAt_Time").FillAsync("");
        await page.Locator("#Input_OpensAt_Time").PressSequentiallyAsync("17:45");

        var expected = DualDate.HijriWithClock(new DateOnly(2026, 12, 24), new TimeOnly(17, 45), lang)!;
        await Assertions.Expect(page.Locator("#Input_OpensAt-hijri")).ToHaveTextAsync(expected);
        Assert.Contains(lang == "ar" ? "بتوقيت السعودية" : "Saudi time", expected, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("input[type=datetime-local]").CountAsync());
        await browser.CheckAccessibilityAsync(page, $"{lang}-polls-staff-date-time");
    }
}
