using System.Net;
using EParticipation.Tests.Infrastructure;

namespace EParticipation.Tests.Platform;

/// <summary>The shell every page shares: languages and direction, the language switch, visual settings, headers, errors, health.</summary>
public sealed class ShellTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/ar", "ar", "rtl", "بوابة المشاركة الإلكترونية")]
    [InlineData("/en", "en", "ltr", "E-Participation Portal")]
    public async Task HomePage_InEachLanguage_HasItsLangDirAndText(string path, string lang, string dir, string portalName)
    {
        var page = await factory.Client().PageAsync(path);

        Assert.Equal(lang, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(dir, page.DocumentElement.GetAttribute("dir"));
        Assert.Contains(portalName, page.Title, StringComparison.Ordinal);
        var stylesheet = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")).First();
        // Fingerprinted by MapStaticAssets: bootstrap(.rtl).min.<hash>.css.
        Assert.Matches(dir == "rtl" ? @"^/lib/bootstrap/css/bootstrap\.rtl\.min\.[a-z0-9]+\.css$" : @"^/lib/bootstrap/css/bootstrap\.min\.[a-z0-9]+\.css$", stylesheet);
    }

    [Fact]
    public async Task StaticFilesAndPages_AreSentCompressed_AndScriptsAreDeferred()
    {
        var client = factory.Browser();
        var home = await client.GetStringAsync("/ar");
        var css = System.Text.RegularExpressions.Regex.Match(home, "/lib/bootstrap/css/bootstrap\\.rtl\\.min\\.[a-z0-9]+\\.css").Value;
        Assert.NotEmpty(css);

        using var request = new HttpRequestMessage(HttpMethod.Get, css);
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("gzip", response.Content.Headers.ContentEncoding);
        // (Run from the build output, MapStaticAssets compresses the current file as it sends it; a
        // published portal sends the copy compressed at publish, a seventh of bootstrap's 230 KB.)

        using var page = new HttpRequestMessage(HttpMethod.Get, "/ar/pages/about");
        page.Headers.AcceptEncoding.ParseAdd("br");
        using var pageResponse = await client.SendAsync(page);
        Assert.Contains("br", pageResponse.Content.Headers.ContentEncoding);
        Assert.Contains("defer", home, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script src=\"[^\"]+\"></script>", home);
    }

    [Theory]
    [InlineData("en-US,en;q=0.9", null, "/en")]
    [InlineData("ar-SA,ar;q=0.9,en;q=0.5", null, "/ar")]
    [InlineData("fr-FR,en;q=0.4,ar;q=0.8", null, "/ar")]
    [InlineData("fr-FR", "en", "/en")]
    [InlineData(null, "en", "/en")]
    [InlineData(null, null, "/ar")]
    public async Task Root_RedirectsToPreferredLanguage_AcceptLanguageThenCookieThenArabic(string? acceptLanguage, string? cookie, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", "ep-lang=" + cookie);
        }
        var response = await factory.Browser().SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task LanguageSwitch_OnAnyPage_LinksToTheSamePageAndQueryInTheOtherLanguage()
    {
        var client = factory.Client();
        var arabic = await client.PageAsync("/ar/account/login?returnUrl=%2Far%2Faccount");
        var toEnglish = arabic.QuerySelector("#language-switch")!;
        Assert.Equal("/en/account/login?returnUrl=%2Far%2Faccount", toEnglish.GetAttribute("href"));
        Assert.Equal("en", toEnglish.GetAttribute("lang"));

        var english = await client.PageAsync(toEnglish.GetAttribute("href")!);
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Equal("/ar/account/login?returnUrl=%2Far%2Faccount", english.QuerySelector("#language-switch")!.GetAttribute("href"));
    }

    [Fact]
    public async Task LanguageVisited_IsRememberedForTheNextVisitToRoot()
    {
        var client = factory.Client();
        await client.PageAsync("/en/pages/about");
        var response = await client.GetAsync("/");
        Assert.Equal("/en", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task VisualSettings_WhenSaved_ApplyToEveryLaterPageAndReturnToTheSamePage()
    {
        var client = factory.Client();
        var response = await client.SubmitAsync("/ar/pages/about", new Dictionary<string, string>
        {
            ["textSize"] = "larger",
            ["contrast"] = "high",
        }, actionEndsWith: "/settings/display");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ar/pages/about", response.Headers.Location?.OriginalString);

        var later = await client.PageAsync("/en");
        var classes = later.DocumentElement.ClassList;
        Assert.Contains("text-larger", classes);
        Assert.Contains("high-contrast", classes);
        Assert.Equal("checked", later.QuerySelector("#text-size-larger")!.GetAttribute("checked"));
    }

    [Fact]
    public async Task EveryPage_HasSkipLinkLandmarksAndFooterPolicyPages()
    {
        var page = await factory.Client().PageAsync("/ar");
        Assert.Equal("#main", page.QuerySelector("a.skip-link")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("main#main"));
        var footerLinks = page.QuerySelectorAll("footer a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/ar/pages/privacy", footerLinks);
        Assert.Contains("/ar/pages/terms", footerLinks);
        Assert.Contains("/ar/pages/guidelines", footerLinks);
        Assert.Contains("/ar/pages/about", footerLinks);
    }

    [Theory]
    [InlineData("/ar/pages/about", "عن المشاركة الإلكترونية")]
    [InlineData("/en/pages/privacy", "Privacy policy")]
    [InlineData("/ar/pages/terms", "شروط الاستخدام")]
    [InlineData("/en/pages/guidelines", "Guidelines for agencies")]
    public async Task ContentPages_RenderTheirMarkdownInTheirLanguage(string path, string title)
    {
        var page = await factory.Client().PageAsync(path);
        Assert.Equal(title, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.True(page.QuerySelectorAll("article h2").Length >= 2, "A content page has sections.");
        Assert.Empty(page.QuerySelectorAll("article script"));
    }

    [Fact]
    public async Task Responses_CarryTheSecurityHeaders()
    {
        var response = await factory.Browser().GetAsync("/ar");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var page = await PortalClient.ParseAsync(response);
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
    }

    [Theory]
    [InlineData("/ar/no-such-page", "ar", "الصفحة غير موجودة")]
    [InlineData("/en/no-such-page", "en", "Page not found")]
    public async Task UnknownAddress_Gets404PageInTheLanguageOfTheAddress(string path, string lang, string title)
    {
        var response = await factory.Browser().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal(lang, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(title, page.QuerySelector("main h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Health_LiveAndReady_AnswerHealthy()
    {
        var client = factory.Browser();
        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }
}
