using EParticipation.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EParticipation.BrowserTests.Platform;

[Collection(BrowserSuite.Name)]
public sealed class ShellTests(BrowserFixture browser)
{
    [Fact]
    public async Task LanguageSwitch_KeepsTheVisitorOnTheSamePage()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.Server.Url("/ar/pages/privacy"));
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();

        await page.WaitForURLAsync("**/en/pages/privacy");
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("ltr", await page.Locator("html").GetAttributeAsync("dir"));
        Assert.Equal("Privacy policy", (await page.Locator("main h1").TextContentAsync())?.Trim());

        await page.GetByRole(AriaRole.Link, new() { Name = "العربية" }).ClickAsync();
        await page.WaitForURLAsync("**/ar/pages/privacy");
    }

    [Fact]
    public async Task RootAddress_FollowsTheBrowsersLanguage()
    {
        var english = await browser.NewPageAsync("en-GB");
        await english.GotoAsync(browser.Server.Url("/"));
        Assert.EndsWith("/en", english.Url, StringComparison.Ordinal);

        var arabic = await browser.NewPageAsync("ar-SA");
        await arabic.GotoAsync(browser.Server.Url("/"));
        Assert.EndsWith("/ar", arabic.Url, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ar", "حُفظ اختيارك")]
    [InlineData("en", "Saved: your choice applies on every page.")]
    public async Task VisualSettings_ChangedWithArrowKeys_ApplyAtOnce_WithoutReloadingOrLosingFocus_AndStayOnLaterPages(string lang, string saved)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.Server.Url($"/{lang}/pages/about"));
        var fontSize = await FontSizeAsync(page);
        await page.EvaluateAsync("() => { window.samePage = true; }");

        await page.Locator("details.ep-display-settings summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#text-size-normal").FocusAsync();
        // Each arrow key selects the next size, which applies at once and is saved in the background.
        await SavedAsync(page, () => page.Keyboard.PressAsync("ArrowDown"));
        await SavedAsync(page, () => page.Keyboard.PressAsync("ArrowDown"));

        await Assertions.Expect(page.Locator("#text-size-larger")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#text-size-larger")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("text-larger"));
        Assert.True(await FontSizeAsync(page) > fontSize, "the text is larger at once");
        Assert.True(await page.Locator("details.ep-display-settings").EvaluateAsync<bool>("d => d.open"), "the panel stays open");
        Assert.True(await page.EvaluateAsync<bool>("() => window.samePage === true"), "the page was not reloaded");
        await Assertions.Expect(page.Locator("[data-save-status]")).ToContainTextAsync(saved);

        await page.Locator("#contrast-normal").FocusAsync();
        await SavedAsync(page, () => page.Keyboard.PressAsync("ArrowDown"));
        await Assertions.Expect(page.Locator("#contrast-high")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("high-contrast"));

        await page.GotoAsync(browser.Server.Url(lang == "ar" ? "/en" : "/ar"));
        await Assertions.Expect(page.Locator("html")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("text-larger.*high-contrast"));
        await browser.CheckAccessibilityAsync(page, $"home-{lang}-larger-high-contrast");
    }

    [Fact]
    public async Task SkipLink_IsTheFirstStopAndMovesFocusToTheMainContent()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.Server.Url("/ar"));
        await page.Keyboard.PressAsync("Tab");
        var skip = page.Locator("a.skip-link");
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");
        // The fragment navigation is reported by the browser after the key press returns: wait for it
        // (an immediate read of page.Url once saw the address before the jump on a loaded CI machine).
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#main$"));
        await Assertions.Expect(page.Locator("main#main")).ToBeFocusedAsync();
    }

    private static async Task<double> FontSizeAsync(IPage page) =>
        double.Parse((await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).fontSize")).TrimEnd('p', 'x'), System.Globalization.CultureInfo.InvariantCulture);

    // The change is saved by a background request: wait for its answer (no page load happens). The
    // wait is longer than the suite's default: on a loaded CI machine the browser and the portal share
    // two cores with two integration suites, and one of these answers once took more than 15 s.
    private static async Task SavedAsync(IPage page, Func<Task> change)
    {
        var response = await page.RunAndWaitForResponseAsync(change, r => r.Url.Contains("/settings/display", StringComparison.Ordinal) && r.Request.Method == "POST",
            new PageRunAndWaitForResponseOptions { Timeout = 60_000 });
        Assert.Equal(204, response.Status);
    }
}
