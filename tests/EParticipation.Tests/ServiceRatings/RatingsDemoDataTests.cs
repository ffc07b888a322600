using System.Text.Json;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.ServiceRatings.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.ServiceRatings;

/// <summary>
/// The demo ratings give a new demo's dashboard figures to show: once however often they are imported,
/// spread over months, with aggregates equal to a recount, by accounts nobody can sign in as.
/// </summary>
public sealed class RatingsDemoDataTests(DemoDataPortal factory) : IClassFixture<DemoDataPortal>
{
    [Fact]
    public async Task DemoRatings_ImportedTwice_HaveOneCopy_AndFillTheAgencysDashboard()
    {
        var before = await factory.WithDbAsync(db => db.ServiceRatings.CountAsync());
        await factory.SeedAgainAsync();

        var ratings = await factory.WithDbAsync(db => db.ServiceRatings.AsNoTracking()
            .Join(db.Agencies, r => r.Service!.AgencyId, a => a.Id, (r, a) => new { a.Code, r.SubmittedAt, r.Overall }).ToListAsync());
        Assert.True(before >= 100, $"{before} demo ratings");
        Assert.Equal(before, ratings.Count);
        Assert.All(ratings, r => Assert.Contains(r.Code, ServiceRatingsDemoSeeder.Agencies));
        Assert.True(ratings.Select(r => (r.SubmittedAt.Year, r.SubmittedAt.Month)).Distinct().Count() >= 4, "spread over at least four months");
        Assert.Equal(5, ratings.Select(r => r.Overall).Distinct().Count());
        Assert.Empty(await factory.WithScopeAsync(sp => sp.GetRequiredService<RatingAggregates>().RecountAsync()));

        var raters = await factory.WithDbAsync(db => db.Users.Where(u => u.Email!.EndsWith("@raters.demo.portal.test"))
            .Select(u => new { u.PasswordHash }).ToListAsync());
        Assert.Equal(ServiceRatingsDemoSeeder.Raters, raters.Count);
        Assert.All(raters, r => Assert.Null(r.PasswordHash));

        var moh = ratings.Count(r => r.Code == "moh");
        var page = await factory.Client().PageAsync("/ar/dashboard/agencies/moh");
        Assert.Contains($"عدد التقييمات: {moh}.", page.Body!.TextContent, StringComparison.Ordinal);
        using var json = await JsonDocument.ParseAsync(await factory.Client().Http.GetStreamAsync("/api/v1/dashboard/agencies/moh"));
        var figures = json.RootElement.GetProperty("ratings");
        Assert.Equal(moh, figures.GetProperty("sample").GetInt32());
        Assert.Equal(JsonValueKind.Object, figures.GetProperty("csat").ValueKind);
    }
}
