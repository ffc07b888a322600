using System.Net;
using EParticipation.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Consultations;

/// <summary>The demo consultations tell the whole story, once, however often they are imported.</summary>
public sealed class DemoDataTests(DemoDataPortal factory) : IClassFixture<DemoDataPortal>
{
    [Fact]
    public async Task DemoData_ImportedTwice_HasOneCopy_AFinishedReport_AndAClosedConsultationToReview()
    {
        await factory.SeedAgainAsync();

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
        Assert.Equal(8, state.Consultations);
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

        // The Ministry of Justice's draft regulation, open, with its legislation office's questionnaire and a PDF.
        var moj = await factory.WithDbAsync(db => db.Consultations.Include(c => c.Questions).Include(c => c.Documents)
            .SingleAsync(c => c.Agency!.Code == "moj"));
        Assert.Equal(Web.Areas.Consultations.Domain.ConsultationKind.Regulation, moj.Kind);
        Assert.True(moj.Questions.Count >= 3);
        Assert.Equal("application/pdf", Assert.Single(moj.Documents).ContentType);
        var withDocuments = await factory.WithDbAsync(db => db.ConsultationDocuments.Select(d => d.ConsultationId).Distinct().CountAsync());
        Assert.True(withDocuments >= 4, "a PDF document on several consultations");
        // Closed consultations have followers (the archived one told them of its report).
        var closedIds = state.Closed.Concat(state.Archived).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var followed = await factory.WithDbAsync(db => db.Follows.Where(f => closedIds.Contains(f.TargetId)).Select(f => f.TargetId).Distinct().CountAsync());
        Assert.Equal(closedIds.Count, followed);

        var client = factory.Client();
        var mojPage = await client.PageAsync($"/ar/consultations/{moj.Id}");
        var download = mojPage.QuerySelectorAll("a").Select(a => a.GetAttribute("href") ?? "").First(h => h.Contains("/documents/", StringComparison.Ordinal));
        var file = await client.GetAsync(download);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await file.Content.ReadAsByteArrayAsync())[..5], StringComparison.Ordinal);

        var page = await client.PageAsync($"/ar/consultations/{archived}/report");
        Assert.NotEmpty(page.QuerySelectorAll(".ep-diff ins"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/en/consultations/{archived}/report")).StatusCode);
    }

    [Fact]
    public async Task DemoAccounts_AreTheReadmesTable_AndOnlyTheResidentGetsEnglishEmails()
    {
        var languages = await factory.WithDbAsync(db => db.Users.Where(u => u.Email!.EndsWith("@demo.portal.test"))
            .ToDictionaryAsync(u => u.Email!, u => u.PreferredLanguage));

        Assert.Equal("en", languages["resident@demo.portal.test"]);
        Assert.All(languages.Where(l => l.Key != "resident@demo.portal.test"), l => Assert.Equal("ar", l.Value));
        var readme = await File.ReadAllTextAsync(Path.Combine(Platform.LocalizationTests.RepositoryRoot(), "README.md"));
        Assert.Contains("| resident@demo.portal.test | Participant (resident, English emails) |", readme, StringComparison.Ordinal);
        Assert.All(languages.Keys, email => Assert.Contains($"| {email} |", readme, StringComparison.Ordinal));
    }
}
