using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace EParticipation.BrowserTests.Infrastructure;

/// <summary>
/// One portal server and one headless Debian Chromium for the whole browser suite. Chromium not
/// starting is a failure, never a skip: Playwright cannot download its own browser here.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public PortalServer Server { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Where screenshots go: TestResults/{db}/screenshots when run by scripts/test.sh.</summary>
    public string ScreenshotFolder { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("EP_TEST_RESULTS") ?? Path.Combine(AppContext.BaseDirectory, "TestResults"),
        "screenshots");

    public async Task InitializeAsync()
    {
        Server.Start();
        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>A fresh visitor: own cookies, the self-signed certificate accepted, Arabic browser by default.</summary>
    public async Task<IPage> NewPageAsync(string locale = "ar-SA")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Runs axe on the page as it is now, writes a full-page screenshot named after it, and fails on
    /// any serious or critical violation, listing them.
    /// </summary>
    public async Task CheckAccessibilityAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, Sanitize(name) + ".png"), FullPage = true });
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe on {name} ({page.Url}):\n" + string.Join("\n", serious.Select(Describe)));
    }

    /// <summary>Opens a page and fails unless it answers with the expected status (a sweep must not pass on an error page).</summary>
    public async Task<IResponse> OpenAsync(IPage page, string path, int expectedStatus = 200)
    {
        ArgumentNullException.ThrowIfNull(page);
        var response = await page.GotoAsync(Server.Url(path));
        Assert.True(response is not null && response.Status == expectedStatus, $"GET {path}: expected {expectedStatus}, got {response?.Status}");
        return response!;
    }

    public async Task SignInAsync(IPage page, string email, string password, string language = "ar")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(Server.Url($"/{language}/account/login"));
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    private static string Describe(AxeResultItem v) =>
        $"  [{v.Impact}] {v.Id}: {v.Help}\n" + string.Join("\n", v.Nodes.Take(5).Select(n =>
            $"      {n.Target}  {n.Html}  {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}"));

    private static string Sanitize(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-'));
}

[CollectionDefinition(Name)]
public sealed class BrowserSuite : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
