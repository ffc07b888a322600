using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CsvHelper;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Comments;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Consultations.Services;

/// <summary>
/// Files of a consultation's submissions. Staff exports (comments, questionnaire answers; CSV and
/// JSON) carry what the review screen shows, the participant type included, and never an email or an
/// account id. The public CSV is the open-data API's comment list as a file. Rows are read from the
/// database as they are written, so a consultation of 100,000 comments is never held in memory.
/// <para>
/// CSV is UTF-8 with a byte order mark, which is what makes Excel read Arabic correctly, CRLF line
/// ends, and text that a spreadsheet would run as a formula (=, +, -, @ at the start) escaped with a
/// leading apostrophe (OWASP's advice for CSV injection). Questionnaire answers are one row per
/// response and question, so the columns are the same for every consultation and a pivot table
/// gives any cross-tabulation; a question with several chosen options joins them with "; ".
/// </para>
/// </summary>
public sealed class ConsultationExports(AppDbContext db, IStringLocalizer<ConsultationsResource> t, IStringLocalizer<SharedResource> s)
{
    private static readonly CsvWriterOptions Csv = CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape };

    /// <summary>
    /// JSON for exports and open data: camelCase, Arabic written as letters rather than \u escapes
    /// (readable and half the size), while &lt; &gt; &amp; ' " are still escaped, so the JSON stays safe
    /// even if someone embeds it in a page (UnsafeRelaxedJsonEscaping would not escape them).
    /// </summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };

    public static JsonSerializerOptions IndentedJson { get; } = new(Json) { WriteIndented = true };

    public async Task WriteCommentsCsvAsync(Stream output, Consultation consultation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        await using var csv = CsvWriter.Create(output, Csv, leaveOpen: true);
        csv.WriteHeader([
            t["Comment number"], t["Article number"], t["Article heading"], t["Display name"], t["Participant type"], t["Status"],
            t["Submitted at (UTC, ISO 8601)"], t["Submitted at (Saudi time)"], t["Comment"], t["Disposition"],
            t["Response in Arabic"], t["Response in English"], t["Group"], t["Supports"],
        ]);
        await foreach (var row in StaffComments(consultation.Id).WithCancellation(cancellationToken))
        {
            csv.WriteField(Number(row.Id));
            csv.WriteField(row.ArticleNumber is { } n ? Number(n) : t["The whole draft"]);
            csv.WriteField(row.ArticleHeading?.Current ?? "");
            csv.WriteField(AuthorNames.Show(row.DisplayName));
            csv.WriteField(row.ParticipantType is { } type ? s["account-type-" + type] : "");
            csv.WriteField(t["comment-status-" + row.Status]);
            csv.WriteField(Iso(row.CreatedAt));
            csv.WriteField(Saudi(row.CreatedAt));
            csv.WriteField(row.Body);
            csv.WriteField(row.Disposition is { } d ? t["disposition-" + d] : "");
            csv.WriteField(row.Response.Ar);
            csv.WriteField(row.Response.En);
            csv.WriteField(row.GroupId is { } g ? Number(g) : "");
            csv.WriteField(Number(row.SupportCount));
            await csv.EndRecordAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }

    public async Task WriteCommentsJsonAsync(Stream output, Consultation consultation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        var comments = Select(StaffComments(consultation.Id), row => new
        {
            row.Id,
            Article = row.ArticleNumber is { } n ? new { Number = n, Heading = Bilingual.From(row.ArticleHeading!) } : null,
            DisplayName = AuthorNames.Show(row.DisplayName),
            ParticipantType = row.ParticipantType is { } type ? ReviewQuery.Code(type) : null,
            Status = ReviewQuery.Code(row.Status),
            SubmittedAt = Iso(row.CreatedAt),
            SubmittedAtSaudi = Saudi(row.CreatedAt),
            Text = row.Body,
            Disposition = row.Disposition is { } d ? ReviewQuery.Code(d) : null,
            Response = Bilingual.From(row.Response),
            Group = row.GroupId,
            Supports = row.SupportCount,
        });
        await JsonSerializer.SerializeAsync(output, new { Consultation = About(consultation), Comments = comments }, IndentedJson, cancellationToken);
    }

    public async Task WriteAnswersCsvAsync(Stream output, Consultation consultation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        var questions = await QuestionsAsync(consultation.Id, cancellationToken);
        await using var csv = CsvWriter.Create(output, Csv, leaveOpen: true);
        csv.WriteHeader([
            t["Response number"], t["Participant type"], t["Submitted at (UTC, ISO 8601)"], t["Submitted at (Saudi time)"],
            t["Question number"], t["Question"], t["Type of question"], t["Answer"],
        ]);
        await foreach (var response in Responses(consultation.Id).WithCancellation(cancellationToken))
        {
            foreach (var question in questions)
            {
                var answers = response.Answers.Where(a => a.QuestionId == question.Id).ToList();
                if (answers.Count == 0)
                {
                    continue;
                }
                csv.WriteField(Number(response.Id));
                csv.WriteField(response.ParticipantType is { } type ? s["account-type-" + type] : "");
                csv.WriteField(Iso(response.At));
                csv.WriteField(Saudi(response.At));
                csv.WriteField(Number(question.Position));
                csv.WriteField(question.Text.Current);
                csv.WriteField(t["question-type-" + question.Type]);
                csv.WriteField(AnswerText(question, answers, o => o.Current));
                await csv.EndRecordAsync(cancellationToken);
            }
        }
        await csv.FlushAsync(cancellationToken);
    }

    public async Task WriteAnswersJsonAsync(Stream output, Consultation consultation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        var questions = await QuestionsAsync(consultation.Id, cancellationToken);
        var responses = Select(Responses(consultation.Id), r => new
        {
            r.Id,
            ParticipantType = r.ParticipantType is { } type ? ReviewQuery.Code(type) : null,
            SubmittedAt = Iso(r.At),
            SubmittedAtSaudi = Saudi(r.At),
            Answers = questions
                .Where(q => r.Answers.Any(a => a.QuestionId == q.Id))
                .Select(q =>
                {
                    var answers = r.Answers.Where(a => a.QuestionId == q.Id).ToList();
                    return new
                    {
                        Question = q.Position,
                        Options = q.HasOptions ? answers.Where(a => a.OptionId is not null).Select(a => q.Options.FirstOrDefault(o => o.Id == a.OptionId)?.Position).ToList() : null,
                        Scale = answers.FirstOrDefault()?.ScaleValue,
                        Text = q.Type == QuestionType.FreeText ? answers.FirstOrDefault()?.Text : null,
                    };
                }).ToList(),
        });
        var about = questions.Select(q => new
        {
            Number = q.Position,
            Type = ReviewQuery.Code(q.Type),
            Text = Bilingual.From(q.Text),
            Options = q.Options.Select(o => new { Number = o.Position, Text = Bilingual.From(o.Text) }).ToList(),
        }).ToList();
        await JsonSerializer.SerializeAsync(output, new { Consultation = About(consultation), Questions = about, Responses = responses }, IndentedJson, cancellationToken);
    }

    /// <summary>
    /// The published comments of a closed or archived consultation as open data (the API's fields):
    /// display names only; dispositions and responses once the report is published.
    /// </summary>
    public async Task WritePublicCommentsCsvAsync(Stream output, Consultation consultation, bool reportPublished, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        await using var csv = CsvWriter.Create(output, Csv, leaveOpen: true);
        csv.WriteHeader(["id", "article_number", "display_name", "text", "submitted_date", "supports", "disposition", "response_ar", "response_en"]);
        var rows = db.ConsultationComments.AsNoTracking()
            .Where(c => c.ConsultationId == consultation.Id && c.Status == CommentStatus.Published)
            .OrderBy(c => c.Id)
            .Select(c => new { c.Id, ArticleNumber = c.Article == null ? (int?)null : c.Article.Number, c.DisplayName, c.Body, c.CreatedAt, c.SupportCount, c.Disposition, c.Response })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            csv.WriteField(Number(row.Id));
            csv.WriteField(row.ArticleNumber is { } n ? Number(n) : "");
            csv.WriteField(AuthorNames.Show(row.DisplayName));
            csv.WriteField(row.Body);
            csv.WriteField(SaudiDate(row.CreatedAt));
            csv.WriteField(Number(row.SupportCount));
            csv.WriteField(reportPublished && row.Disposition is { } d ? ReviewQuery.Code(d) : "");
            csv.WriteField(reportPublished ? row.Response.Ar : "");
            csv.WriteField(reportPublished ? row.Response.En : "");
            await csv.EndRecordAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>A file name like "consultation-12-comments-2026-11-25.csv" (ASCII, so every browser keeps it).</summary>
    public static string FileName(int consultationId, string what, string extension, DateTime now) =>
        string.Create(CultureInfo.InvariantCulture, $"consultation-{consultationId}-{what}-{DualDate.ToSaudiTime(now):yyyy-MM-dd}.{extension}");

    /// <summary>The calendar day in Saudi time, as open data shows it (the page shows the date, not the minute).</summary>
    public static string SaudiDate(DateTime utc) => DualDate.ToSaudiTime(utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record StaffComment(long Id, int? ArticleNumber, LocalizedText? ArticleHeading, string DisplayName, AccountType? ParticipantType, CommentStatus Status,
        DateTime CreatedAt, string Body, CommentDisposition? Disposition, LocalizedText Response, long? GroupId, int SupportCount);

    private sealed record ResponseRow(long Id, AccountType? ParticipantType, DateTime At, List<AnswerRow> Answers);

    private sealed record AnswerRow(int QuestionId, int? OptionId, int? ScaleValue, string? Text);

    // Every comment but those their authors withdrew (taken back, so not the agency's to use).
    private IAsyncEnumerable<StaffComment> StaffComments(int consultationId) =>
        db.ConsultationComments.AsNoTracking()
            .Where(c => c.ConsultationId == consultationId && c.Status != CommentStatus.Withdrawn)
            .OrderBy(c => c.Id)
            .Select(c => new StaffComment(
                c.Id,
                c.Article == null ? null : c.Article.Number,
                c.Article == null ? null : c.Article.Heading,
                c.DisplayName,
                db.Users.Where(u => u.Id == c.AuthorId).Select(u => (AccountType?)u.AccountType).FirstOrDefault(),
                c.Status,
                c.CreatedAt,
                c.Body,
                c.Disposition,
                c.Response,
                c.GroupId,
                c.SupportCount))
            .AsAsyncEnumerable();

    private IAsyncEnumerable<ResponseRow> Responses(int consultationId) =>
        db.ConsultationResponses.AsNoTracking()
            .Where(r => r.ConsultationId == consultationId)
            .OrderBy(r => r.Id)
            .Select(r => new ResponseRow(
                r.Id,
                db.Users.Where(u => u.Id == r.UserId).Select(u => (AccountType?)u.AccountType).FirstOrDefault(),
                r.ChangedAt ?? r.SubmittedAt,
                r.Answers.Select(a => new AnswerRow(a.QuestionId, a.OptionId, a.ScaleValue, a.Text)).ToList()))
            .AsAsyncEnumerable();

    private Task<List<Question>> QuestionsAsync(int consultationId, CancellationToken cancellationToken) =>
        db.ConsultationQuestions.AsNoTracking()
            .Where(q => q.ConsultationId == consultationId)
            .Include(q => q.Options.OrderBy(o => o.Position))
            .OrderBy(q => q.Position)
            .ToListAsync(cancellationToken);

    private static string AnswerText(Question question, List<AnswerRow> answers, Func<LocalizedText, string> text) => question.Type switch
    {
        QuestionType.SingleChoice or QuestionType.MultipleChoice => string.Join("; ", answers
            .Select(a => question.Options.FirstOrDefault(o => o.Id == a.OptionId))
            .Where(o => o is not null)
            .OrderBy(o => o!.Position)
            .Select(o => text(o!.Text))),
        QuestionType.Scale => answers[0].ScaleValue?.ToString(CultureInfo.InvariantCulture) ?? "",
        _ => answers[0].Text ?? "",
    };

    private static object About(Consultation consultation) => new
    {
        consultation.Id,
        Title = Bilingual.From(consultation.Title),
        Kind = ReviewQuery.Code(consultation.Kind),
        OpensAt = Iso(consultation.OpensAt),
        ClosesAt = Iso(consultation.ClosesAt),
    };

    private static async IAsyncEnumerable<TOut> Select<TIn, TOut>(IAsyncEnumerable<TIn> source, Func<TIn, TOut> map)
    {
        await foreach (var item in source)
        {
            yield return map(item);
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Saudi(DateTime utc) => DualDate.ToSaudiTime(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
