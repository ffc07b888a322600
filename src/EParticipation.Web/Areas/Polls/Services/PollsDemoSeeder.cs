using EParticipation.Web.Areas.Polls.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Polls.Services;

/// <summary>
/// Example polls of the Ministry of Justice (seeds/polls.json), dated from today so some are open,
/// one closed and one upcoming. A poll is added when its agency has none with the same Arabic question.
/// </summary>
public sealed class PollsDemoSeeder(SeedFiles files, TimeProvider clock) : IDataSeeder
{
    public int Order => 260;

    public bool DemoOnly => true;

    public async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var seeds = await files.ReadAsync<PollSeed>("polls.json", cancellationToken);
        var agencies = await db.Agencies.ToDictionaryAsync(a => a.Code, a => a.Id, cancellationToken);
        var groups = await db.TargetGroups.ToDictionaryAsync(g => g.Code, g => g.Id, cancellationToken);
        var existing = (await db.Polls.Select(p => new { p.AgencyId, p.Question.Ar }).ToListAsync(cancellationToken)).Select(p => (p.AgencyId, p.Ar)).ToHashSet();
        // Polls open and close at 08:00 Saudi time (05:00 UTC).
        var morning = clock.GetUtcNow().UtcDateTime.Date.AddHours(5);
        foreach (var seed in seeds)
        {
            var agencyId = agencies[seed.Agency];
            if (existing.Contains((agencyId, seed.QuestionAr)))
            {
                continue;
            }
            var poll = new Poll
            {
                AgencyId = agencyId,
                Question = new LocalizedText(seed.QuestionAr, seed.QuestionEn),
                Description = new LocalizedText(seed.DescriptionAr, seed.DescriptionEn),
                ResultsBeforeClosing = seed.ResultsBeforeClosing,
                CreatedAt = morning.AddDays(seed.OpensDays - 3),
                UpdatedAt = morning.AddDays(seed.OpensDays - 3),
            };
            poll.Schedule(morning.AddDays(seed.OpensDays), morning.AddDays(seed.ClosesDays));
            poll.Options.AddRange(seed.Options.Select((o, i) => new PollOption { Position = i + 1, Text = new LocalizedText(o[0], o.Length > 1 ? o[1] : "") }));
            poll.TargetGroups.AddRange(seed.TargetGroups.Select(g => new PollTargetGroup { TargetGroupId = groups[g] }));
            db.Polls.Add(poll);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record PollSeed(
        string Agency,
        string QuestionAr,
        string QuestionEn,
        string DescriptionAr,
        string DescriptionEn,
        string[][] Options,
        int OpensDays,
        int ClosesDays,
        bool ResultsBeforeClosing,
        string[] TargetGroups);
}
