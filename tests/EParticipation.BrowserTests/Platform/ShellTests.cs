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

    [Fact]
    public async Task VisualSettings_ChangedByKeyboard_ApplyAtOnceAndStayOnLaterPages()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(browser.Server.Url("/ar/pages/about"));
        var fontSize = await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).fontSize");

        var summary = page.Locator("details.ep-display-settings summary");
        await summary.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        // Choosing a size saves it at once (the form posts itself) and reloads the same page.
        await SavedAndReloadedAsync(page, () => ChooseByKeyboardAsync(page, "أكبر"));
        Assert.EndsWith("/ar/pages/about", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("html")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("text-larger"));
        var larger = await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).fontSize");
        Assert.True(double.Parse(larger.TrimEnd('p', 'x'), System.Globalization.CultureInfo.InvariantCulture) > double.Parse(fontSize.TrimEnd('p', 'x'), System.Globalization.CultureInfo.InvariantCulture), $"{larger} > {fontSize}");

        await page.Locator("details.ep-display-settings summary").ClickAsync();
        await SavedAndReloadedAsync(page, () => ChooseByKeyboardAsync(page, "تباين عالٍ"));

        await page.GotoAsync(browser.Server.Url("/en"));
        await Assertions.Expect(page.Locator("html")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("text-larger.*high-contrast"));
        await browser.CheckAccessibilityAsync(page, "home-en-larger-high-contrast");
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
        Assert.EndsWith("#main", page.Url, StringComparison.Ordinal);
    }

    // Space on a focused radio selects it, as a keyboard user would; Playwright's CheckAsync would
    // click again if the page reloaded before it could confirm the state.
    private static async Task ChooseByKeyboardAsync(IPage page, string label)
    {
        await page.GetByLabel(label).FocusAsync();
        await page.Keyboard.PressAsync("Space");
    }

    // The form posts itself on change and the server sends the browser back to the same address:
    // wait for the reloaded document's load event (the URL does not change, so a URL wait cannot tell).
    private static async Task SavedAndReloadedAsync(IPage page, Func<Task> change)
    {
        var loaded = page.WaitForLoadEventAsync();
        await change();
        await loaded;
    }
}

internal static class PageLoadExtensions
{
    public static Task WaitForLoadEventAsync(this IPage page)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLoad(object? sender, IPage p)
        {
            page.Load -= OnLoad;
            done.TrySetResult();
        }
        page.Load += OnLoad;
        return done.Task.WaitAsync(TimeSpan.FromSeconds(15));
    }
}
