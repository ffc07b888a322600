using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Ideas;

/// <summary>Agency publishers' challenges and what the public sees of them.</summary>
public sealed class ChallengeTests(IdeasPortal factory) : IClassFixture<IdeasPortal>
{
    [Fact]
    public async Task Publisher_PostsAChallenge_ItIsListedAsOpen_AndAnotherAgencysPublisherGetsNotFound()
    {
        var (publisher, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "moj");
        var sector = await factory.WithDbAsync(db => db.Sectors.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());
        var today = DateOnly.FromDateTime(factory.Now);

        var saved = await publisher.SubmitAsync("/ar/challenges/manage/new", new Dictionary<string, string>
        {
            ["Input.TitleAr"] = "تحدي تقليل زمن التقاضي",
            ["Input.ProblemAr"] = "تطول القضايا",
            ["Input.SectorId"] = sector.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.OpensOn"] = today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ClosesOn"] = today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = saved.Headers.Location!.OriginalString.Split('/').Last();
        var list = await factory.Client().PageAsync("/ar/challenges?status=Open");
        Assert.NotNull(list.QuerySelector($"a[href='/ar/challenges/{id}']"));
        var page = await factory.Client().PageAsync($"/en/challenges/{id}");
        Assert.NotNull(page.QuerySelector($"a[href='/en/ideas/new?challenge={id}']"));
        var (other, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "moh");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/ar/challenges/manage/{id}")).StatusCode);
    }

    [Fact]
    public async Task HomePage_IdeasCard_LinksToTheIdeasModule()
    {
        var home = await factory.Client().PageAsync("/ar");
        Assert.NotNull(home.QuerySelector("a[href='/ar/ideas']"));
    }
}
