using Deque.AxeCore.Commons;
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
        // Playwright's own default. The browser shards run while the other lane's integration suite
        // uses every core, and a module's first page in a new server (JIT, first queries) once took
        // longer than 15 s to fire its load event there (CI of 2026-12-03, the events journey).
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>The portal's name as the last part of every page title, per language.</summary>
    private static readonly string[] PortalNames = ["بوابة المشاركة الإلكترونية", "E-Participation Portal"];

    /// <summary>What axe checks: WCAG 2.0, 2.1 and 2.2 A and AA, and axe's best practices.</summary>
    private static readonly string[] AxeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

    /// <summary>axe-core as Deque.AxeCore.Commons bundles it (the version the package pins).</summary>
    private static readonly string AxeSource = new BundledAxeScriptProvider().GetScript();

    /// <summary>
    /// axe.run on the page's document, only its violations worked out in full (resultTypes), and of
    /// each only what a failure message shows. Deque.AxeCore.Playwright's RunAxe, used before, runs axe
    /// per frame (runPartial) and then finishes the run in a new page of its own each time: 1.0-2.5 s a
    /// check here, against 0.3-0.5 s for this (the consultations sweep's 34 checks: 55 s, now 14 s). The
    /// portal's pages have no frames, so one axe.run sees all of them; the check fails on a page with a
    /// frame, which would need axe run inside it too.
    /// Evaluated through the DevTools protocol, so the page's Content-Security-Policy does not apply to it.
    /// </summary>
    private const string AxeRun = """
        async (tags) => {
            const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact ?? '', help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => ({
                    target: JSON.stringify(n.target), html: n.html,
                    messages: [...n.any, ...n.all, ...n.none].map(c => c.message) })) }));
        }
        """;

    // Playwright fills these by their properties (it needs a parameterless constructor).
    private sealed class AxeViolation
    {
        public string Id { get; set; } = "";

        public string Impact { get; set; } = "";

        public string Help { get; set; } = "";

        public AxeNode[] Nodes { get; set; } = [];
    }

    private sealed class AxeNode
    {
        public string Target { get; set; } = "";

        public string Html { get; set; } = "";

        public string[] Messages { get; set; } = [];
    }

    /// <summary>
    /// Runs axe (WCAG 2.2 AA) on the page as it is now, writes a full-page screenshot named after it,
    /// and fails on any serious or critical violation, listing them. It also fails when the page's
    /// title is only the portal's name, and when the page scrolls sideways at 320 px (WCAG 1.4.10),
    /// with a screenshot at that width. Returns the page's title so a sweep can check they differ.
    /// </summary>
    public async Task<string> CheckAccessibilityAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, Sanitize(name) + ".png"), FullPage = true });
        Assert.True(page.Frames.Count == 1, $"{name} ({page.Url}) has frames, which this check does not look into (see AxeRun)");
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeSource);
        }
        var violations = await page.EvaluateAsync<AxeViolation[]>(AxeRun, AxeTags);
        var serious = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe on {name} ({page.Url}):\n" + string.Join("\n", serious.Select(Describe)));

        var title = await page.TitleAsync();
        var portal = PortalNames.FirstOrDefault(n => title.EndsWith(" - " + n, StringComparison.Ordinal));
        Assert.True(portal is not null && title.Length > portal.Length + 3, $"{name} ({page.Url}): the title \"{title}\" does not name the page before the portal");

        var viewport = page.ViewportSize;
        await page.SetViewportSizeAsync(320, 800);
        try
        {
            // Charts redraw after a resize: give the page up to 3 s to settle at the new width.
            try
            {
                await page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth", null, new PageWaitForFunctionOptions { Timeout = 3000 });
            }
            catch (TimeoutException)
            {
                // Measured and reported below.
            }
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, Sanitize(name) + "-320.png"), FullPage = true });
            if (overflow > 0)
            {
                var wide = await page.EvaluateAsync<string[]>(WidestElements);
                Assert.Fail($"{name} ({page.Url}) scrolls sideways by {overflow} px at 320 px: {string.Join("; ", wide)}");
            }
        }
        finally
        {
            if (viewport is not null)
            {
                await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
            }
        }
        return title;
    }

    /// <summary>Asserts that every page of a sweep had its own title.</summary>
    public static void AssertDistinctTitles(IEnumerable<string> titles)
    {
        var repeated = titles.GroupBy(t => t).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, "pages share a title: " + string.Join(" | ", repeated));
    }

    // The elements that stick out past the viewport, innermost first, to say what makes a page scroll.
    private const string WidestElements = """
        () => [...document.querySelectorAll('body *')]
            .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > document.documentElement.clientWidth + 1 || r.left < -1); })
            .filter(e => !e.closest('[hidden]'))
            .slice(-5)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().width) + 'px')
        """;

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
        try
        {
            // Signing in hashes the password; with every suite of a CI run sharing two cores that can
            // take longer than one click's usual wait, so this wait is longer than the default.
            await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 45_000 });
        }
        catch (TimeoutException e)
        {
            // Say what the page showed instead (a validation message, an error page), not only that it timed out.
            var shown = await page.Locator("main").InnerTextAsync(new() { Timeout = 5_000 });
            throw new TimeoutException($"signing in as {email} stayed on {page.Url}; the page said: {shown.Trim()}", e);
        }
    }

    private static string Describe(AxeViolation v) =>
        $"  [{v.Impact}] {v.Id}: {v.Help}\n" + string.Join("\n", v.Nodes.Select(n =>
            $"      {n.Target}  {n.Html}  {string.Join("; ", n.Messages)}"));

    private static string Sanitize(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-'));
}

[CollectionDefinition(Name)]
public sealed class BrowserSuite : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
