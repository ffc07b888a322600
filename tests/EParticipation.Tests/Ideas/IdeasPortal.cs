using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Moderation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Ideas;

/// <summary>The portal with a clock the tests set, and challenges and ideas stored directly.</summary>
public class IdeasPortal : PortalFactory
{
    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    public async Task<Challenge> CreateChallengeAsync(string agency = "moj", ModerationMode moderation = ModerationMode.PostModeration, string? titleAr = null, bool open = true)
    {
        var now = Now;
        return await WithDbAsync(async db =>
        {
            var challenge = new Challenge
            {
                AgencyId = await db.Agencies.Where(a => a.Code == agency).Select(a => a.Id).SingleAsync(),
                SectorId = await db.Sectors.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(),
                OpensAt = open ? now.AddDays(-1) : now.AddDays(5),
                ClosesAt = now.AddDays(30),
                Moderation = moderation,
                CreatedAt = now,
                UpdatedAt = now,
            };
            challenge.Describe(new LocalizedText(titleAr ?? "تحدي تسريع المواعيد " + Guid.NewGuid().ToString("N")[..6], "Faster appointments"), new LocalizedText("طول الانتظار في المحاكم", "Long waits"), new LocalizedText("أن تكون الفكرة قابلة للتنفيذ", "Feasible"));
            db.Challenges.Add(challenge);
            await db.SaveChangesAsync();
            return challenge;
        });
    }

    /// <summary>A published idea stored directly (no email), for tests whose subject is not submission.</summary>
    public async Task<Idea> CreateIdeaAsync(Guid authorId, string title, string agency = "moj", int? challengeId = null)
    {
        var now = Now;
        return await WithDbAsync(async db =>
        {
            var idea = new Idea
            {
                AgencyId = await db.Agencies.Where(a => a.Code == agency).Select(a => a.Id).SingleAsync(),
                SectorId = await db.Sectors.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(),
                ChallengeId = challengeId,
                AuthorId = authorId,
                DisplayName = "مقدم الفكرة",
                Visibility = IdeaVisibility.Published,
                SubmissionKey = Guid.NewGuid(),
                CreatedAt = now,
                StatusChangedAt = now,
            };
            idea.Write(title, "المشكلة", "المقترح", "الفائدة");
            idea.Events.Add(new IdeaEvent { Kind = IdeaEventKind.Submitted, Status = IdeaStatus.New, At = now });
            db.Ideas.Add(idea);
            await db.SaveChangesAsync();
            return idea;
        });
    }
}
