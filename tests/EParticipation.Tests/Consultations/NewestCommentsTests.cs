using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Consultations;

/// <summary>
/// The consultation page's newest comments (one short index range per article, issue 13) are the
/// comments the page has always shown: the ten newest published of each article and of the whole
/// draft, nothing pending, hidden, rejected or withdrawn, nothing of another consultation.
/// </summary>
public sealed class NewestCommentsTests(ConsultationsPortal factory) : IClassFixture<ConsultationsPortal>
{
    private static readonly CommentStatus[] Mix =
    [
        CommentStatus.Published, CommentStatus.Hidden, CommentStatus.Published, CommentStatus.Pending,
        CommentStatus.Published, CommentStatus.Rejected, CommentStatus.Published, CommentStatus.Withdrawn,
        CommentStatus.Published,
    ];

    [Fact]
    public async Task Page_ShowsTheTenNewestPublishedCommentsOfEachArticleAndOfTheWholeDraft()
    {
        var consultation = await factory.CreateConsultationAsync(articles: 4);
        var neighbour = await factory.CreateConsultationAsync(articles: 2);
        var (_, author) = await TestAccounts.SignedInAsync(factory);
        var articles = consultation.Articles.OrderBy(a => a.Number).Select(a => (int?)a.Id).ToList();
        // Article 1: many comments in every state; article 2: fewer than ten published; article 3: only
        // hidden and pending ones; article 4: none. The whole draft: many. Written interleaved, so the
        // newest of one article are not simply the newest of the table.
        var plan = new List<(int ConsultationId, int? ArticleId, CommentStatus Status)>();
        for (var i = 0; i < 60; i++)
        {
            plan.Add((consultation.Id, articles[0], Mix[i % Mix.Length]));
            plan.Add((consultation.Id, null, Mix[(i + 3) % Mix.Length]));
            if (i < 7)
            {
                plan.Add((consultation.Id, articles[1], Mix[i]));
            }
            if (i < 4)
            {
                plan.Add((consultation.Id, articles[2], i % 2 == 0 ? CommentStatus.Hidden : CommentStatus.Pending));
            }
            // Newer comments elsewhere: the neighbour's articles and whole draft.
            plan.Add((neighbour.Id, i % 3 == 0 ? null : neighbour.Articles.First().Id, CommentStatus.Published));
        }
        var now = factory.Now;
        await factory.WithDbAsync(async db =>
        {
            var n = 0;
            foreach (var (consultationId, articleId, status) in plan)
            {
                db.ConsultationComments.Add(new Comment
                {
                    ConsultationId = consultationId,
                    ArticleId = articleId,
                    AuthorId = author.Id,
                    DisplayName = "مشارك",
                    Body = "تعليق رقم " + n,
                    Status = status,
                    SubmissionKey = Guid.NewGuid(),
                    CreatedAt = now.AddMinutes(-plan.Count + n++),
                });
            }
            await db.SaveChangesAsync();
        });
        var rows = await factory.WithDbAsync(db => db.ConsultationComments.AsNoTracking()
            .Where(c => c.ConsultationId == consultation.Id)
            .Select(c => new { c.Id, c.ArticleId, c.Status })
            .ToListAsync());
        List<long> Expected(int? articleId) => rows
            .Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Published)
            .OrderByDescending(c => c.Id)
            .Take(CommentRules.InlinePerArticle)
            .Select(c => c.Id)
            .ToList();

        var page = await factory.WithScopeAsync(async services =>
        {
            var queries = services.GetRequiredService<ConsultationQueries>();
            var found = await queries.FindAsync(consultation.Id);
            return await queries.PageAsync(found!, userId: null, preview: false);
        });

        Assert.Equal(articles, page.Articles.Select(a => (int?)a.Id).ToList());
        Assert.All(page.Articles, a => Assert.Equal(Expected(a.Id), a.Comments.Select(c => c.Id).ToList()));
        Assert.Equal(CommentRules.InlinePerArticle, page.Articles[0].Comments.Count);
        Assert.Equal(4, page.Articles[1].Comments.Count);
        Assert.Empty(page.Articles[2].Comments);
        Assert.Empty(page.Articles[3].Comments);
        Assert.Equal(Expected(null), page.GeneralComments.Select(c => c.Id).ToList());
        Assert.Equal(CommentRules.InlinePerArticle, page.GeneralComments.Count);
        Assert.All(page.Articles.SelectMany(a => a.Comments).Concat(page.GeneralComments), c =>
        {
            Assert.Equal(consultation.Id, c.ConsultationId);
            Assert.Equal(CommentStatus.Published, c.Status);
        });
    }
}
