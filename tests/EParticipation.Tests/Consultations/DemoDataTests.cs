using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Consultations;

/// <summary>The demo consultations tell the whole story, once, however often they are imported.</summary>
public sealed class DemoDataTests(DemoDataTests.Portal factory) : IClassFixture<DemoDataTests.Portal>
{
    public sealed class Portal : PortalFactory
    {
        public Portal()
        {
            With("Seeds:DemoData", "true");
        }
    }

    [Fact]
    public async Task DemoData_ImportedTwice_HasOneCopy_AFinishedReport_AndAClosedConsultationToReview()
    {
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            foreach (var seeder in sp.GetServices<IDataSeeder>().OrderBy(s => s.Order))
            {
                await seeder.SeedAsync(db, CancellationToken.None);
            }
            return 0;
        });

        var state = await factory.WithDbAsync(async db => new
        {
            Consultations = await db.Consultations.CountAsync(),
            Reports = await db.ConsultationReports.Include(r => r.FinalTexts).ToListAsync(),
            Archived = await db.Consultations.Where(c => c.ReportPublishedAt != null).Select(c => c.Id).ToListAsync(),
            Comments = await db.ConsultationComments.Select(c => new { c.ConsultationId, c.Disposition, c.GroupId, c.Response }).ToListAsync(),
            Responses = await db.ConsultationResponses.CountAsync(),
            Closed = await db.Consultations.Where(c => c.ReportPublishedAt == null && c.ClosesAt < DateTime.UtcNow).Select(c => c.Id).ToListAsync(),
            Articles = await db.ConsultationArticles.ToListAsync(),
        });
        Assert.Equal(7, state.Consultations);
        var report = Assert.Single(state.Reports);
        var archived = Assert.Single(state.Archived);
        Assert.Equal(archived, report.ConsultationId);
        var comments = state.Comments.Where(c => c.ConsultationId == archived).ToList();
        Assert.All(comments, c => Assert.NotNull(c.Disposition));
        Assert.All(comments, c => Assert.False(c.Response.IsEmpty));
        Assert.True(comments.Count(c => c.GroupId is not null) >= 3, "a small form-letter campaign, grouped");
        Assert.Single(comments.Where(c => c.GroupId is not null).Select(c => c.GroupId).Distinct());
        Assert.NotEmpty(report.FinalTexts);
        Assert.All(report.FinalTexts, f => Assert.NotEqual(state.Articles.Single(a => a.Id == f.ArticleId).Body.Ar, f.FinalBody.Ar));
        Assert.True(state.Responses >= 4);
        // Reviewers have work: a closed consultation with comments and no report.
        Assert.Contains(state.Closed, id => state.Comments.Any(c => c.ConsultationId == id && c.Disposition is null));

        var client = factory.Client();
        var page = await client.PageAsync($"/ar/consultations/{archived}/report");
        Assert.NotEmpty(page.QuerySelectorAll(".ep-diff ins"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/en/consultations/{archived}/report")).StatusCode);
    }
}
