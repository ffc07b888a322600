using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Attachments;
using EParticipation.Web.Platform.Comments;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Notifications;
using EParticipation.Web.Platform.Moderation;
using EParticipation.Web.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Consultations.Services;

/// <summary>
/// The example consultations the source page names (seeds/consultations.json), for trying the
/// portal. Dates are days from today, so on any day some are planned, some open and some closed.
/// One closed consultation tells the whole story: comments (a small form-letter campaign among them,
/// grouped), questionnaire responses, dispositions and responses, and a published summary report
/// whose final texts differ from the draft. Another closed one waits for its review. Several carry a
/// PDF document (seeds/documents/), and the closed ones have followers, so every screen has something
/// real to show. A consultation (with all of that) is added when its agency has none with the same
/// Arabic title: run twice, one copy.
/// </summary>
public sealed class ConsultationsDemoSeeder(SeedFiles files, AttachmentStore attachments, TimeProvider clock) : IDataSeeder
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

        foreach (var (consultation, seed) in added)
        {
            await AddDocumentsAsync(consultation, seed, cancellationToken);
        }

        // Sample comments by the demo participants, published, with the counters they imply.
        var emails = added.SelectMany(a => a.Seed.Comments.Select(c => c.Author).Concat((a.Seed.Responses ?? []).Select(r => r.Author)).Concat(a.Seed.Followers ?? []))
            .Select(e => e.ToUpperInvariant()).Distinct().ToList();
        var authors = await db.Users.Where(u => emails.Contains(u.NormalizedEmail!)).ToDictionaryAsync(u => u.NormalizedEmail!, u => u.Id, cancellationToken);
        var seededComments = new List<(Consultation Consultation, Comment Comment, CommentSeed Seed)>();
        foreach (var (consultation, seed) in added)
        {
            var hour = 0;
            foreach (var c in seed.Comments)
            {
                if (!authors.TryGetValue(c.Author.ToUpperInvariant(), out var authorId))
                {
                    continue;
                }
                var article = c.Article is { } n ? consultation.Articles.Single(a => a.Number == n) : null;
                var comment = new Comment
                {
                    ConsultationId = consultation.Id,
                    ArticleId = article?.Id,
                    AuthorId = authorId,
                    DisplayName = c.DisplayName,
                    Body = c.Body,
                    Status = CommentStatus.Published,
                    SubmissionKey = Guid.NewGuid(),
                    CreatedAt = consultation.OpensAt.AddDays(1).AddHours(hour),
                    ModeratedAt = consultation.OpensAt.AddDays(1).AddHours(hour + 2),
                };
                hour += 3;
                db.ConsultationComments.Add(comment);
                seededComments.Add((consultation, comment, c));
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

        foreach (var (consultation, seed) in added)
        {
            AddFollowers(db, consultation, seed, authors);
            AddResponses(db, consultation, seed, authors);
            if (seed.Report is { } report)
            {
                Publish(db, consultation, report, seededComments.Where(s => s.Consultation == consultation).ToList(), morning);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    // The files are stored as an upload would be (checked by content), so they download like any other.
    private async Task AddDocumentsAsync(Consultation consultation, ConsultationSeed seed, CancellationToken cancellationToken)
    {
        foreach (var document in seed.Documents ?? [])
        {
            var path = Path.Combine(files.Folder, "documents", document.File);
            await using var stream = File.OpenRead(path);
            var upload = await attachments.SaveAsync(new FormFile(stream, 0, stream.Length, "file", document.File), cancellationToken);
            if (upload.Stored is not { } stored)
            {
                throw new InvalidOperationException($"The demo document {path} was refused: {upload.Problem}.");
            }
            consultation.Documents.Add(new ConsultationDocument
            {
                Title = new LocalizedText(document.TitleAr, document.TitleEn),
                StorageKey = stored.Key,
                FileName = stored.FileName,
                ContentType = stored.Type.ContentType,
                Size = stored.Size,
                UploadedAt = consultation.PublishAt ?? consultation.CreatedAt,
            });
        }
    }

    // Comments already follow a consultation for their authors; these are the people who only follow it.
    private static void AddFollowers(AppDbContext db, Consultation consultation, ConsultationSeed seed, Dictionary<string, Guid> authors)
    {
        var id = consultation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var followers = (seed.Followers ?? []).Concat(seed.Comments.Select(c => c.Author))
            .Select(e => authors.TryGetValue(e.ToUpperInvariant(), out var userId) ? userId : (Guid?)null)
            .OfType<Guid>().Distinct();
        foreach (var userId in followers)
        {
            db.Follows.Add(new Follow { UserId = userId, Kind = FollowKinds.Consultation, TargetId = id, CreatedAt = consultation.OpensAt });
        }
    }

    private static void AddResponses(AppDbContext db, Consultation consultation, ConsultationSeed seed, Dictionary<string, Guid> authors)
    {
        var questions = consultation.Questions.OrderBy(q => q.Position).ToList();
        foreach (var response in seed.Responses ?? [])
        {
            if (!authors.TryGetValue(response.Author.ToUpperInvariant(), out var userId))
            {
                continue;
            }
            var answers = new List<Answer>();
            foreach (var a in response.Answers)
            {
                var question = questions[a.Question - 1];
                answers.AddRange((a.Options ?? []).Select(o => new Answer { QuestionId = question.Id, OptionId = question.Options.Single(x => x.Position == o).Id }));
                if (a.Scale is { } scale)
                {
                    answers.Add(new Answer { QuestionId = question.Id, ScaleValue = scale });
                }
                if (a.Text is { Length: > 0 } text)
                {
                    answers.Add(new Answer { QuestionId = question.Id, Text = text });
                }
            }
            db.ConsultationResponses.Add(new QuestionnaireResponse
            {
                ConsultationId = consultation.Id,
                UserId = userId,
                SubmittedAt = consultation.OpensAt.AddDays(2),
                Answers = answers,
            });
            consultation.ResponseCount++;
        }
    }

    // The finished story: comments grouped by the same grouper reviewers use, each answered, and the
    // report (narrative and final texts) published, which archives the consultation.
    private static void Publish(AppDbContext db, Consultation consultation, ReportSeed seed, List<(Consultation Consultation, Comment Comment, CommentSeed Seed)> comments, DateTime morning)
    {
        var publishedAt = morning.AddDays(seed.PublishedDays);
        foreach (var group in CommentGrouping.Groups(comments.Select(c => (c.Comment.Id, c.Comment.Body)).ToList()))
        {
            foreach (var (_, comment, _) in comments.Where(c => group.MemberIds.Contains(c.Comment.Id)))
            {
                comment.GroupId = group.RepresentativeId;
            }
        }
        consultation.GroupedAt = publishedAt.AddDays(-2);
        foreach (var (_, comment, c) in comments)
        {
            if (c.Disposition is { } disposition)
            {
                comment.SetDisposition(Enum.Parse<CommentDisposition>(disposition), new LocalizedText(c.ResponseAr ?? "", c.ResponseEn ?? ""), null, publishedAt.AddDays(-1));
            }
        }
        var report = new ConsultationReport
        {
            ConsultationId = consultation.Id,
            Narrative = new LocalizedText(seed.NarrativeAr, seed.NarrativeEn),
            CreatedAt = publishedAt.AddDays(-3),
            UpdatedAt = publishedAt.AddDays(-1),
        };
        foreach (var final in seed.FinalTexts)
        {
            report.FinalTexts.Add(new ReportArticleText
            {
                ArticleId = consultation.Articles.Single(a => a.Number == final.Article).Id,
                FinalBody = new LocalizedText(final.BodyAr, final.BodyEn),
            });
        }
        db.ConsultationReports.Add(report);
        consultation.ReportPublishedAt = publishedAt;
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
        IReadOnlyList<CommentSeed> Comments,
        IReadOnlyList<ResponseSeed>? Responses,
        ReportSeed? Report,
        IReadOnlyList<DocumentSeed>? Documents,
        IReadOnlyList<string>? Followers);

    private sealed record DocumentSeed(string File, string TitleAr, string TitleEn);

    private sealed record ArticleSeed(string HeadingAr, string HeadingEn, string BodyAr, string BodyEn);

    private sealed record QuestionSeed(string Type, string TextAr, string TextEn, bool Required, IReadOnlyList<OptionSeed> Options);

    private sealed record OptionSeed(string Ar, string En);

    private sealed record CommentSeed(int? Article, string Author, string DisplayName, string Body, string? Disposition, string? ResponseAr, string? ResponseEn);

    private sealed record ResponseSeed(string Author, IReadOnlyList<AnswerSeed> Answers);

    /// <summary>An answer to the question at 1-based position <paramref name="Question"/>; options by their 1-based position.</summary>
    private sealed record AnswerSeed(int Question, IReadOnlyList<int>? Options, int? Scale, string? Text);

    private sealed record ReportSeed(int PublishedDays, string NarrativeAr, string NarrativeEn, IReadOnlyList<FinalTextSeed> FinalTexts);

    private sealed record FinalTextSeed(int Article, string BodyAr, string BodyEn);
}
