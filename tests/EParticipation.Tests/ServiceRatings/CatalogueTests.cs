using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.ServiceRatings;

/// <summary>The catalogue: seeded services, Arabic-normalised search, filters; an agency's publishers keep its services.</summary>
public sealed class CatalogueTests(RatingsPortal factory) : IClassFixture<RatingsPortal>
{
    [Fact]
    public async Task Seed_GivesEveryAgencyAtLeastFiveBilingualServices()
    {
        var counts = await factory.WithDbAsync(db => db.Agencies.Select(a => db.GovernmentServices.Count(s => s.AgencyId == a.Id && s.Name.Ar != "" && s.Name.En != "")).ToListAsync());

        Assert.All(counts, c => Assert.True(c >= 5));
    }

    [Fact]
    public async Task Search_FoldsHamzaAndTaaMarbuta_AndFiltersByAgency()
    {
        var page = await factory.Client().PageAsync("/ar/services?q=" + Uri.EscapeDataString("الإستعلام عن صك عقارى") + "&agency=moj");
        var none = await factory.Client().PageAsync("/ar/services?q=" + Uri.EscapeDataString("صك عقاري") + "&agency=moh");

        var deed = await factory.ServiceAsync("moj-deed-inquiry");
        Assert.NotNull(page.QuerySelector($"main a[href='/ar/services/{deed.Id}']"));
        Assert.Contains("الخدمات الموجودة: 1", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("الخدمات الموجودة: 0", none.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalogue_IsInTheMainMenu_AndTheHomeCardLinksToIt()
    {
        var home = await factory.Client().PageAsync("/en");

        Assert.NotNull(home.QuerySelector("nav a.nav-link[href='/en/services']"));
        Assert.NotNull(home.QuerySelector("main a[href='/en/services']"));
    }

    [Fact]
    public async Task Publisher_AddsEditsAndRetiresTheirAgencysService_WithAuditEntries()
    {
        var (publisher, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "hrsd");
        var created = await publisher.SubmitAsync("/ar/services/manage/new", new Dictionary<string, string>
        {
            ["Input.NameAr"] = "حجز موعد في مكتب العمل",
            ["Input.NameEn"] = "Book a labour office appointment",
            ["Input.DescriptionAr"] = "حجز موعد لمراجعة مكتب العمل.",
            ["Input.DescriptionEn"] = "Book a visit to a labour office.",
            ["Input.Channels"] = PortalClient.Many("Online", "ServiceCentre"),
        }, actionEndsWith: "/services/manage/new");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var service = await factory.WithDbAsync(db => db.GovernmentServices.AsNoTracking().SingleAsync(s => s.Name.En == "Book a labour office appointment"));

        var edited = await publisher.SubmitAsync($"/ar/services/manage/{service.Id}/edit", new Dictionary<string, string> { ["Input.NameEn"] = "Book a labour-office appointment" }, actionEndsWith: "/edit");
        var retired = await publisher.SubmitAsync("/ar/services/manage", new Dictionary<string, string>(), actionEndsWith: $"/{service.Id}/retire");

        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        var stored = await factory.WithDbAsync(db => db.GovernmentServices.AsNoTracking().SingleAsync(s => s.Id == service.Id));
        Assert.True(stored.IsRetired);
        Assert.Equal("Book a labour-office appointment", stored.Name.En);
        var actions = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "GovernmentService").Select(e => e.Action).ToListAsync());
        Assert.Contains("service.created", actions);
        Assert.Contains("service.updated", actions);
        Assert.Contains("service.retired", actions);
        var catalogue = await factory.Client().PageAsync("/ar/services?agency=hrsd");
        Assert.Null(catalogue.QuerySelector($"main a[href='/ar/services/{service.Id}']"));
    }

    [Fact]
    public async Task Publisher_OfAnotherAgency_GetsNotFound()
    {
        var moj = await factory.ServiceAsync("moj-power-of-attorney");
        var (publisher, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "moh");

        Assert.Equal(HttpStatusCode.NotFound, (await publisher.GetAsync($"/ar/services/manage/{moj.Id}/edit")).StatusCode);
    }

    [Fact]
    public async Task Edit_OnAStaleVersion_ShowsTheConflictAndChangesNothing()
    {
        var service = await factory.ServiceAsync("moh-vaccination");
        var (a, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "moh");
        var form = await a.PageAsync($"/ar/services/manage/{service.Id}/edit");
        var (b, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "moh");
        await b.SubmitAsync($"/ar/services/manage/{service.Id}/edit", new Dictionary<string, string> { ["Input.NameEn"] = "Vaccinations (B)" }, actionEndsWith: "/edit");

        var stale = await a.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)form.QuerySelector("main form")!, $"/ar/services/manage/{service.Id}/edit", new Dictionary<string, string> { ["Input.NameEn"] = "Vaccinations (A)" });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("Vaccinations (B)", (await factory.ServiceAsync("moh-vaccination")).Name.En);
    }
}
