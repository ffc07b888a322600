using System.Net;
using EParticipation.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.ServiceRatings;

/// <summary>"Was this information useful?" at the foot of the pages: anonymous, plain form posts, scrubbed text, honeypot, rate limit.</summary>
public sealed class PageFeedbackTests(RatingsPortal factory) : IClassFixture<RatingsPortal>
{
    private static Dictionary<string, string> No(string text) => new() { ["Useful"] = "no", ["Problems"] = "unclear", ["Text"] = text };

    [Fact]
    public async Task ContentPage_HasTheFormAndAnAnonymousNo_IsStoredWithoutPersonalData()
    {
        var client = factory.Client();
        var response = await client.SubmitAsync("/ar/pages/about", No("الصفحة غير واضحة، هويتي ١٠٢٣٤٥٦٧٨٩ وجوالي +966551234567"), actionEndsWith: "/page-feedback");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ar/pages/about", response.Headers.Location!.OriginalString);
        var stored = await factory.WithDbAsync(db => db.PageFeedback.AsNoTracking().Where(f => f.Path == "/pages/about").ToListAsync());
        var entry = Assert.Single(stored);
        Assert.False(entry.Useful);
        Assert.Equal("unclear", entry.Problems);
        Assert.Equal("الصفحة غير واضحة، هويتي […] وجوالي […]", entry.Text);
        var thanks = await client.PageAsync("/ar/pages/about");
        Assert.Contains("شكرًا لملاحظاتك.", thanks.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Honeypot_Filled_IsThankedButNotStored()
    {
        var client = factory.Client();
        var response = await client.SubmitAsync("/ar/pages/privacy", new Dictionary<string, string> { ["Useful"] = "yes", ["Website"] = "http://spam.example" }, actionEndsWith: "/page-feedback");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.PageFeedback.AnyAsync(f => f.Path == "/pages/privacy")));
    }

    [Fact]
    public async Task AskingForHelp_ShowsTheWayToTheComplaintsIntake()
    {
        var client = factory.Client();
        var response = await client.SubmitAsync("/en/pages/terms", No("Please help, my application has been waiting for months"), actionEndsWith: "/page-feedback");

        var page = await PortalClient.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("main a[href='/en/complaints']"));
    }

    [Fact]
    public async Task StaffPages_DoNotCarryTheForm()
    {
        var (admin, _) = await TestAccounts.SignedInAsync(factory, roles: [EParticipation.Web.Platform.Identity.Roles.Administrator]);

        var page = await admin.PageAsync("/ar/account");

        Assert.Null(page.QuerySelector("form[action='/ar/page-feedback']"));
    }
}
