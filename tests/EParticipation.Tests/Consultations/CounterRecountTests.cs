using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Consultations;

/// <summary>Counters left wrong by a crash are put right from the rows by the periodic recount.</summary>
public sealed class CounterRecountTests(ConsultationsPortal factory) : IClassFixture<ConsultationsPortal>
{
    [Fact]
    public async Task Recount_AfterCountersDrifted_SetsEveryCounterToItsRows_OnOpenAndJustClosedConsultationsOnly()
    {
        var open = await factory.CreateConsultationAsync();
        var justClosed = await factory.CreateConsultationAsync(opensIn: TimeSpan.FromDays(-20), closesIn: TimeSpan.FromDays(20));
        var longClosed = await factory.CreateConsultationAsync(opensIn: TimeSpan.FromDays(-60), closesIn: TimeSpan.FromDays(20));
        var (participant, _) = await TestAccounts.SignedInAsync(factory);
        var (other, _) = await TestAccounts.SignedInAsync(factory);
        var article = open.Articles.First().Id;
        await Forms.CommentAsync(factory, participant, open, "تعليق على المادة الأولى " + Guid.NewGuid(), article);
        var general = await Forms.CommentAsync(factory, other, open, "تعليق على المشروع كله " + Guid.NewGuid());
        await Forms.CommentAsync(factory, participant, justClosed, "تعليق قبل الإغلاق " + Guid.NewGuid());
        await Forms.CommentAsync(factory, participant, longClosed, "تعليق قديم " + Guid.NewGuid());
        // Time passes: two consultations close, one of them long ago.
        factory.Clock.Advance(TimeSpan.FromDays(21));
        await factory.WithDbAsync(async db =>
        {
            await db.Consultations.Where(c => c.Id == longClosed.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ClosesAt, c => c.ClosesAt.AddDays(-10)));
            // What a crash between a comment's commit and its counters leaves behind, and worse.
            await db.Consultations.Where(c => c.Id == open.Id || c.Id == justClosed.Id || c.Id == longClosed.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.CommentCount, 7).SetProperty(c => c.GeneralCommentCount, 0).SetProperty(c => c.ResponseCount, 3));
            await db.ConsultationArticles.Where(a => a.Id == article).ExecuteUpdateAsync(s => s.SetProperty(a => a.CommentCount, 0));
            await db.ConsultationComments.Where(c => c.Id == general).ExecuteUpdateAsync(s => s.SetProperty(c => c.SupportCount, 5));
        });

        var corrected = await factory.Services.GetRequiredService<CounterRecountService>().RunOnceAsync(CancellationToken.None);

        var counters = await factory.WithDbAsync(db => db.Consultations.AsNoTracking()
            .Where(c => c.Id == open.Id || c.Id == justClosed.Id || c.Id == longClosed.Id)
            .ToDictionaryAsync(c => c.Id, c => new { c.CommentCount, c.GeneralCommentCount, c.ResponseCount }));
        Assert.True(corrected >= 2, $"{corrected} consultations were reported as corrected.");
        Assert.Equal(new { CommentCount = 2, GeneralCommentCount = 1, ResponseCount = 0 }, counters[open.Id]);
        Assert.Equal(new { CommentCount = 1, GeneralCommentCount = 1, ResponseCount = 0 }, counters[justClosed.Id]);
        // Closed more than two days ago: not the job's work any more (its counters were final at closing).
        Assert.Equal(new { CommentCount = 7, GeneralCommentCount = 0, ResponseCount = 3 }, counters[longClosed.Id]);
        Assert.Equal(1, await factory.WithDbAsync(db => db.ConsultationArticles.Where(a => a.Id == article).Select(a => a.CommentCount).SingleAsync()));
        Assert.Equal(0, await factory.WithDbAsync(db => db.ConsultationComments.Where(c => c.Id == general).Select(c => c.SupportCount).SingleAsync()));

        // A second pass finds nothing wrong.
        Assert.Equal(0, await factory.Services.GetRequiredService<CounterRecountService>().RunOnceAsync(CancellationToken.None));
    }
}
