using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Moderation;
using EParticipation.Web.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Ideas.Services;

/// <summary>
/// Example challenges and ideas of the Ministry of Justice (seeds/challenges.json, seeds/ideas.json),
/// dated from today: one challenge open, one decided; ideas new, under review, accepted, and one
/// carried all the way to "implemented" with its path (each status with its public answer, a progress
/// note) and supports by the demo accounts, so a first visitor sees the module populated. A challenge is
/// added when its agency has none with the same Arabic title, an idea when its agency has none with
/// the same title: run twice, one copy. Counters are set from the rows added.
/// </summary>
public sealed class IdeasDemoSeeder(SeedFiles files, TimeProvider clock) : IDataSeeder
{
    public int Order => 270;

    public bool DemoOnly => true;

    public async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var challengeSeeds = await files.ReadAsync<ChallengeSeed>("challenges.json", cancellationToken);
        var ideaSeeds = await files.ReadAsync<IdeaSeed>("ideas.json", cancellationToken);
        var agencies = await db.Agencies.ToDictionaryAsync(a => a.Code, a => a.Id, cancellationToken);
        var sectors = await db.Sectors.ToDictionaryAsync(s => s.Code, s => s.Id, cancellationToken);
        var emails = ideaSeeds.Select(i => i.Author).Concat(ideaSeeds.SelectMany(i => i.Supporters)).Distinct().ToList();
        var users = await db.Users.Where(u => emails.Contains(u.Email!)).ToDictionaryAsync(u => u.Email!, u => u.Id, cancellationToken);
        // Challenges open and close at 08:00 Saudi time (05:00 UTC).
        var morning = clock.GetUtcNow().UtcDateTime.Date.AddHours(5);
        // All or nothing: an idea is skipped on a later start when its title exists, so its supports
        // (and the counter that counts them) must never be left behind a stop halfway.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var existingChallenges = await db.Challenges.Select(c => new { c.Id, c.AgencyId, c.Title.Ar }).ToListAsync(cancellationToken);
        var challenges = new Dictionary<string, Challenge>();
        foreach (var seed in challengeSeeds)
        {
            var agencyId = agencies[seed.Agency];
            if (existingChallenges.FirstOrDefault(c => c.AgencyId == agencyId && c.Ar == seed.TitleAr) is { } found)
            {
                challenges[seed.Key] = await db.Challenges.SingleAsync(c => c.Id == found.Id, cancellationToken);
                continue;
            }
            var challenge = new Challenge
            {
                AgencyId = agencyId,
                SectorId = sectors[seed.Sector],
                OpensAt = morning.AddDays(seed.OpensDays),
                ClosesAt = morning.AddDays(seed.ClosesDays),
                Moderation = ModerationMode.PostModeration,
                CreatedAt = morning.AddDays(seed.OpensDays - 2),
                UpdatedAt = morning.AddDays(seed.OpensDays - 2),
            };
            challenge.Describe(new LocalizedText(seed.TitleAr, seed.TitleEn), new LocalizedText(seed.ProblemAr, seed.ProblemEn), new LocalizedText(seed.CriteriaAr, seed.CriteriaEn));
            if (seed.OutcomeAr.Length > 0 || seed.OutcomeEn.Length > 0)
            {
                challenge.Outcome = new LocalizedText(seed.OutcomeAr, seed.OutcomeEn);
                challenge.DecidedAt = challenge.ClosesAt.AddDays(5);
            }
            db.Challenges.Add(challenge);
            challenges[seed.Key] = challenge;
        }
        await db.SaveChangesAsync(cancellationToken);

        var supports = new List<(Idea Idea, Guid UserId, DateTime At)>();
        var existingIdeas = (await db.Ideas.Select(i => new { i.AgencyId, i.Title }).ToListAsync(cancellationToken)).Select(i => (i.AgencyId, i.Title)).ToHashSet();
        foreach (var seed in ideaSeeds)
        {
            var agencyId = agencies[seed.Agency];
            if (existingIdeas.Contains((agencyId, seed.Title)))
            {
                continue;
            }
            var submitted = morning.AddDays(seed.SubmittedDays).AddHours(4);
            var challenge = seed.Challenge is { } key ? challenges[key] : null;
            var idea = new Idea
            {
                AgencyId = agencyId,
                SectorId = sectors[seed.Sector],
                ChallengeId = challenge?.Id,
                AuthorId = users.TryGetValue(seed.Author, out var author) ? author : null,
                DisplayName = seed.DisplayName,
                Visibility = IdeaVisibility.Published,
                SubmissionKey = Guid.NewGuid(),
                CreatedAt = submitted,
                StatusChangedAt = submitted,
            };
            idea.Write(seed.Title, seed.Problem, seed.Proposal, seed.Benefit);
            idea.Events.Add(new IdeaEvent { Kind = IdeaEventKind.Submitted, Status = IdeaStatus.New, At = submitted });
            foreach (var step in seed.Path)
            {
                var at = morning.AddDays(step.Days).AddHours(6);
                var note = new LocalizedText(step.Ar, step.En);
                if (step.Progress)
                {
                    idea.Progress(note, null, at);
                }
                else
                {
                    idea.Move(Enum.Parse<IdeaStatus>(step.Status!), note, null, at);
                }
            }
            foreach (var supporter in seed.Supporters.Where(users.ContainsKey))
            {
                supports.Add((idea, users[supporter], submitted.AddDays(1)));
            }
            idea.SupportCount = seed.Supporters.Count(users.ContainsKey);
            if (challenge is not null)
            {
                challenge.IdeaCount++;
            }
            db.Ideas.Add(idea);
        }
        await db.SaveChangesAsync(cancellationToken);
        db.IdeaSupports.AddRange(supports.Select(s => new IdeaSupport { IdeaId = s.Idea.Id, UserId = s.UserId, CreatedAt = s.At }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private sealed record ChallengeSeed(
        string Key,
        string Agency,
        string Sector,
        string TitleAr,
        string TitleEn,
        string ProblemAr,
        string ProblemEn,
        string CriteriaAr,
        string CriteriaEn,
        int OpensDays,
        int ClosesDays,
        string OutcomeAr,
        string OutcomeEn);

    private sealed record IdeaSeed(
        string? Challenge,
        string Agency,
        string Sector,
        string Author,
        string DisplayName,
        string Title,
        string Problem,
        string Proposal,
        string Benefit,
        int SubmittedDays,
        PathStep[] Path,
        string[] Supporters);

    private sealed record PathStep(string? Status, int Days, string Ar, string En, bool Progress);
}
