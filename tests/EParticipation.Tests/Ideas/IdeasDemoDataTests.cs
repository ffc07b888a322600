using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Ideas.Domain;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Ideas;

/// <summary>The demo challenges and ideas populate the module, once, however often they are imported.</summary>
public sealed class IdeasDemoDataTests(DemoDataPortal factory) : IClassFixture<DemoDataPortal>
{
    [Fact]
    public async Task DemoIdeas_ImportedTwice_HaveOneCopy_AndOneIdeaShowsItsWholePathToImplemented()
    {
        await factory.SeedAgainAsync();

        var ideas = await factory.WithDbAsync(db => db.Ideas.Include(i => i.Events).ToListAsync());
        var challenges = await factory.WithDbAsync(db => db.Challenges.ToListAsync());
        var supports = await factory.WithDbAsync(db => db.IdeaSupports.GroupBy(s => s.IdeaId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        Assert.Equal(2, challenges.Count);
        Assert.Equal(4, ideas.Count);
        Assert.Contains(challenges, c => c.StatusAt(DateTime.UtcNow) == ChallengeStatus.Open);
        Assert.Contains(challenges, c => c.StatusAt(DateTime.UtcNow) == ChallengeStatus.Decided);
        Assert.All(challenges, c => Assert.Equal(ideas.Count(i => i.ChallengeId == c.Id), c.IdeaCount));
        Assert.All(ideas, i => Assert.Equal(supports.GetValueOrDefault(i.Id), i.SupportCount));
        Assert.Equal(4, ideas.Select(i => i.Status).Distinct().Count());

        var implemented = Assert.Single(ideas, i => i.Status == IdeaStatus.Implemented);
        Assert.Equal(
            [IdeaEventKind.Submitted, IdeaEventKind.Status, IdeaEventKind.Status, IdeaEventKind.Status, IdeaEventKind.Progress, IdeaEventKind.Status],
            implemented.Events.OrderBy(e => e.At).Select(e => e.Kind));
        var page = await factory.Client().PageAsync($"/ar/ideas/{implemented.Id}");
        Assert.Contains("نُفذت الفكرة", page.Body!.TextContent, StringComparison.Ordinal);
        var list = await factory.Client().PageAsync("/ar/ideas?sort=supported");
        Assert.Contains(implemented.Title, list.Body!.TextContent, StringComparison.Ordinal);
    }
}
