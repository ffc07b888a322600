using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using EParticipation.Tests.Infrastructure;

namespace EParticipation.Tests.Consultations;

/// <summary>
/// Visitors of the consultations list and of a consultation's page are served the whole page from a
/// copy kept with the cache entry (CachedPages): each still gets an antiforgery token of their own, their
/// visual settings and their "thank you" message, and a new comment shows on the next visitor's page.
/// </summary>
public sealed class VisitorPageCopyTests
{
    public static TheoryData<string> Pages => new() { "/ar/consultations", "/en/consultations/{id}" };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task VisitorsServedFromTheCopy_EachGetTheirOwnToken_AndTheirFormsWork(string template)
    {
        using var portal = new ConsultationsPortal();
        using var served = new CopiesServed(portal);
        var consultation = await portal.CreateConsultationAsync();
        var path = template.Replace("{id}", consultation.Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var first = portal.Client();
        var firstHtml = await (await first.GetAsync(path)).Content.ReadAsStringAsync();
        var visitors = new[] { portal.Client(), portal.Client() };
        var responses = new List<HttpResponseMessage>();
        foreach (var visitor in visitors)
        {
            responses.Add(await visitor.GetAsync(path));
        }

        Assert.Equal(2, served.Count);
        var firstToken = Forms.Token(await PortalClient.ParseAsync(firstHtml));
        var tokens = new List<string>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ep-csrf=", StringComparison.Ordinal));
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
            var html = await response.Content.ReadAsStringAsync();
            var token = Forms.Token(await PortalClient.ParseAsync(html));
            tokens.Add(token);
            // The same page as the first visitor's, but for the token.
            Assert.Equal(firstHtml.Replace(firstToken, "", StringComparison.Ordinal), html.Replace(token, "", StringComparison.Ordinal));
        }
        Assert.Equal(3, new[] { firstToken }.Concat(tokens).Distinct(StringComparer.Ordinal).Count());

        // Each visitor's token goes with their own cookie: their "was this useful?" answer is taken...
        var answer = await visitors[0].SubmitAsync(path, new Dictionary<string, string> { ["Useful"] = "yes" }, actionEndsWith: "/page-feedback");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        // ...and another visitor's token is refused with it.
        var forged = await Forms.PostWithTokenAsync(visitors[1], path[..4] + "page-feedback", tokens[0], new Dictionary<string, string>
        {
            ["Page"] = path,
            ["Useful"] = "yes",
        });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task VisualSettingsAndTheThankYouMessage_AreTheVisitorsOwn()
    {
        using var portal = new ConsultationsPortal();
        using var served = new CopiesServed(portal);
        await portal.CreateConsultationAsync();
        const string path = "/ar/consultations";
        await portal.Client().PageAsync(path); // kept with the default settings

        var highContrast = portal.Client();
        var saved = await highContrast.SubmitAsync(path, new Dictionary<string, string> { ["textSize"] = "larger", ["contrast"] = "high" }, actionEndsWith: "/settings/display");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(1, served.Count); // the form came from the kept default copy
        for (var i = 0; i < 2; i++)
        {
            var page = await highContrast.PageAsync(path);
            Assert.Equal("text-larger high-contrast", page.DocumentElement.GetAttribute("class"));
            Assert.True(((IHtmlInputElement)page.QuerySelector("#contrast-high")!).IsChecked);
        }
        Assert.Equal(2, served.Count); // the second of the high-contrast pages, from a copy of its own

        var thanked = portal.Client();
        var answer = await thanked.SubmitAsync(path, new Dictionary<string, string> { ["Useful"] = "yes" }, actionEndsWith: "/page-feedback");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var back = await thanked.PageAsync(answer.Headers.Location!.OriginalString);
        Assert.Contains("شكرًا لملاحظاتك.", back.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, served.Count); // the form came from the copy, the thank-you page was rendered
        // The message is theirs once, and nobody else's.
        Assert.DoesNotContain("شكرًا لملاحظاتك.", (await thanked.PageAsync(path)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("شكرًا لملاحظاتك.", (await portal.Client().PageAsync(path)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(5, served.Count);
    }

    [Fact]
    public async Task CommentPosted_ShowsOnTheNextVisitorsPage_NotTheKeptCopy()
    {
        using var portal = new ConsultationsPortal();
        var consultation = await portal.CreateConsultationAsync();
        var path = $"/ar/consultations/{consultation.Id}";
        var visitor = portal.Client();
        await visitor.PageAsync(path);
        await visitor.PageAsync(path);

        var body = "تعليق بعد حفظ الصفحة " + Guid.NewGuid().ToString("N")[..8];
        var (participant, _) = await TestAccounts.SignedInAsync(portal);
        await Forms.CommentAsync(portal, participant, consultation, body);

        Assert.Contains(body, (await visitor.PageAsync(path)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(body, (await portal.Client().PageAsync("/ar/consultations/" + consultation.Id)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
