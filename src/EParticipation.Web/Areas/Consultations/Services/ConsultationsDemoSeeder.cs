using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Moderation;
using EParticipation.Web.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Consultations.Services;

/// <summary>
/// The example consultations the source page names (seeds/consultations.json), for trying the
/// portal. Dates are days from today, so on any day some are planned, some open and some closed.
/// A consultation is added when its agency has none with the same Arabic title: run twice, one copy.
/// </summary>
public sealed class ConsultationsDemoSeeder(SeedFiles files, TimeProvider clock) : IDataSeeder
{
    public int Order => 200;

    public bool DemoOnly => true;

    public async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var seeds = await files.ReadAsync<ConsultationSeed>("consultations.json", cancellationToken);
        var agencies = await db.Agencies.ToDictionaryAsync(a => a.Code, a => a.Id, cancellationToken);
        var sectors = await db.Sectors.ToDictionaryAsync(s => s.Code, s => s.Id, cancellationToken);
        var groups = await db.TargetGroups.ToDictionaryAsync(g => g.Code, g => g.Id, cancellationToken);
        var existing = (await db.Consultations.Select(c => new { c.AgencyId, c.Title.Ar }).ToListAsync(cancellationToken))
            .Select(c => (c.AgencyId, c.Ar)).ToHashSet();
        var today = clock.GetUtcNow().UtcDateTime.Date;
        // Consultations open and close at 08:00 Saudi time (05:00 UTC), as agencies publish in the morning.
        var morning = today.AddHours(5);
        var added = new List<(Consultation Consultation, ConsultationSeed Seed)>();

        foreach (var seed in seeds)
        {
            var agencyId = agencies[seed.Agency];
            if (existing.Contains((agencyId, seed.TitleAr)))
            {
                continue;
            }
            var consultation = new Consultation
            {
                AgencyId = agencyId,
                SectorId = sectors[seed.Sector],
                Kind = Enum.Parse<ConsultationKind>(seed.Kind),
                Moderation = seed.PreModeration ? ModerationMode.PreModeration : ModerationMode.PostModeration,
                CreatedAt = morning.AddDays(seed.PublishDays - 3),
                UpdatedAt = morning.AddDays(seed.PublishDays - 1),
            };
            consultation.Describe(new LocalizedText(seed.TitleAr, seed.TitleEn), new LocalizedText(seed.SummaryAr, seed.SummaryEn));
            consultation.Schedule(morning.AddDays(seed.PublishDays), morning.AddDays(seed.OpensDays), morning.AddDays(seed.ClosesDays));
            consultation.TargetGroups.AddRange(seed.TargetGroups.Select(g => new ConsultationTargetGroup { TargetGroupId = groups[g] }));
            consultation.Articles.AddRange(seed.Articles.Select((a, i) => new Article
            {
                Number = i + 1,
                Heading = new LocalizedText(a.HeadingAr, a.HeadingEn),
                Body = new LocalizedText(a.BodyAr, a.BodyEn),
            }));
            consultation.Questions.AddRange(seed.Questions.Select((q, i) => new Question
            {
                Position = i + 1,
                Type = Enum.Parse<QuestionType>(q.Type),
                Text = new LocalizedText(q.TextAr, q.TextEn),
                Required = q.Required,
                Options = q.Options.Select((o, j) => new QuestionOption { Position = j + 1, Text = new LocalizedText(o.Ar, o.En) }).ToList(),
            }));
            db.Consultations.Add(consultation);
            added.Add((consultation, seed));
        }
        await db.SaveChangesAsync(cancellationToken);

        // Sample comments by the demo participants, published, with the counters they imply.
        var emails = added.SelectMany(a => a.Seed.Comments).Select(c => c.Author.ToUpperInvariant()).Distinct().ToList();
        var authors = await db.Users.Where(u => emails.Contains(u.NormalizedEmail!)).ToDictionaryAsync(u => u.NormalizedEmail!, u => u.Id, cancellationToken);
        foreach (var (consultation, seed) in added)
        {
            foreach (var c in seed.Comments)
            {
                if (!authors.TryGetValue(c.Author.ToUpperInvariant(), out var authorId))
                {
                    continue;
                }
                var article = c.Article is { } n ? consultation.Articles.Single(a => a.Number == n) : null;
                db.ConsultationComments.Add(new Comment
                {
                    ConsultationId = consultation.Id,
                    ArticleId = article?.Id,
                    AuthorId = authorId,
                    DisplayName = c.DisplayName,
                    Body = c.Body,
                    Status = CommentStatus.Published,
                    SubmissionKey = Guid.NewGuid(),
                    CreatedAt = consultation.OpensAt.AddDays(1),
                    ModeratedAt = consultation.OpensAt.AddDays(1).AddHours(2),
                });
                consultation.CommentCount++;
                if (article is null)
                {
                    consultation.GeneralCommentCount++;
                }
                else
                {
                    article.CommentCount++;
                }
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record ConsultationSeed(
        string Agency,
        string Sector,
        string Kind,
        string TitleAr,
        string TitleEn,
        string SummaryAr,
        string SummaryEn,
        IReadOnlyList<string> TargetGroups,
        int PublishDays,
        int OpensDays,
        int ClosesDays,
        bool PreModeration,
        IReadOnlyList<ArticleSeed> Articles,
        IReadOnlyList<QuestionSeed> Questions,
        IReadOnlyList<CommentSeed> Comments);

    private sealed record ArticleSeed(string HeadingAr, string HeadingEn, string BodyAr, string BodyEn);

    private sealed record QuestionSeed(string Type, string TextAr, string TextEn, bool Required, IReadOnlyList<OptionSeed> Options);

    private sealed record OptionSeed(string Ar, string En);

    private sealed record CommentSeed(int? Article, string Author, string DisplayName, string Body);
}
