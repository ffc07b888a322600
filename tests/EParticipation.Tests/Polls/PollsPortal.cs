using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Polls.Domain;
using EParticipation.Web.Platform.Localization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Polls;

/// <summary>The portal with a clock the tests set, so "open" and "closed" are exact.</summary>
public class PollsPortal : PortalFactory
{
    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A poll stored directly: open for a day by default, with three options.</summary>
    public async Task<Poll> CreatePollAsync(string agency = "moj", TimeSpan? opensIn = null, TimeSpan? closesIn = null, bool resultsBeforeClosing = false, string? questionAr = null)
    {
        var now = Now;
        return await WithDbAsync(async db =>
        {
            var poll = new Poll
            {
                AgencyId = await db.Agencies.Where(a => a.Code == agency).Select(a => a.Id).SingleAsync(),
                Question = new LocalizedText(questionAr ?? "سؤال اختبار " + Guid.NewGuid().ToString("N")[..8], "Test question"),
                ResultsBeforeClosing = resultsBeforeClosing,
                CreatedAt = now,
                UpdatedAt = now,
            };
            poll.Schedule(now + (opensIn ?? TimeSpan.FromHours(-1)), now + (closesIn ?? TimeSpan.FromDays(1)));
            poll.Options.Add(new PollOption { Position = 1, Text = new LocalizedText("الخيار الأول", "First option") });
            poll.Options.Add(new PollOption { Position = 2, Text = new LocalizedText("الخيار الثاني", "Second option") });
            poll.Options.Add(new PollOption { Position = 3, Text = new LocalizedText("الخيار الثالث", "Third option") });
            db.Polls.Add(poll);
            await db.SaveChangesAsync();
            return poll;
        });
    }

    /// <summary>Votes per option, counted from the rows.</summary>
    public Task<Dictionary<int, int>> CountsAsync(int pollId) =>
        WithDbAsync(db => db.PollVotes.Where(v => v.PollId == pollId).GroupBy(v => v.OptionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
}
