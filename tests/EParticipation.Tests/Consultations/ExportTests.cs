using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Consultations;

/// <summary>Staff exports: CSV that Excel opens with Arabic intact (UTF-8 with BOM), JSON with the same content, nothing personal beyond the participant type.</summary>
public sealed class ExportTests(ExportTests.Portal factory) : IClassFixture<ExportTests.Portal>
{
    public sealed class Portal : ConsultationsPortal;

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    [Fact]
    public async Task CommentsCsv_StartsWithTheUtf8Bom_KeepsArabicIntact_AndHoldsNoEmailOrAccount()
    {
        var (consultation, comments) = await ReviewSetup.ClosedWithCommentsAsync(factory,
        [
            new CommentPlan("أقترح أن تُمدَّد إجازة الوضع إلى أربعة عشر أسبوعًا، \"أسوة\" بالمعايير الدولية.\nوشكرًا.", 2, AccountType.Resident, "نورة"),
            new CommentPlan("=HYPERLINK(\"https://evil.example\",\"اضغط\")", null, AccountType.Business, "مجهول"),
        ]);
        var reviewer = await ReviewSetup.ReviewerAsync(factory);
        Forms.AssertRedirect(await reviewer.SubmitAsync(ReviewSetup.ReviewPath(consultation), ReviewSetup.Disposition(CommentDisposition.Accepted, "قُبل المقترح.", "Accepted."), actionEndsWith: $"/review/comments/{comments[0].Id}"));

        var response = await reviewer.GetAsync($"/ar/consultations/manage/{consultation.Id}/export/comments.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition.FileName!.Trim('"'), StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(Bom, bytes[..3]);
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes[3..]);
        var lines = ParseCsv(text);
        Assert.Equal(3, lines.Count);
        Assert.Equal(14, lines[0].Count);
        Assert.Equal("رقم التعليق", lines[0][0]);
        var first = lines[1];
        Assert.Equal(comments[0].Id.ToString(CultureInfo.InvariantCulture), first[0]);
        Assert.Equal("2", first[1]);
        Assert.Equal("نورة", first[3]);
        Assert.Equal("مقيم", first[4]);
        Assert.Equal("منشور", first[5]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", first[6]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", first[7]);
        Assert.Equal(comments[0].Body, first[8]);
        Assert.Equal("مقبول", first[9]);
        Assert.Equal("قُبل المقترح.", first[10]);
        Assert.Equal("Accepted.", first[11]);
        Assert.Equal("المشروع كاملًا", lines[2][1]);
        // A formula is written as text, so a spreadsheet never runs it.
        Assert.StartsWith("'=HYPERLINK", lines[2][8], StringComparison.Ordinal);
        foreach (var c in comments)
        {
            Assert.DoesNotContain(c.Author.Email!, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(c.Author.Id.ToString(), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(c.Author.FullName, text, StringComparison.Ordinal);
        }
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "consultation.export" && a.EntityId == consultation.Id.ToString(CultureInfo.InvariantCulture) && a.Summary == "comments.csv")));
    }

    [Fact]
    public async Task CommentsJson_HasTheSameContent_WithArabicWrittenAsLetters()
    {
        var (consultation, comments) = await ReviewSetup.ClosedWithCommentsAsync(factory,
        [
            new CommentPlan("تعليق للتصدير بصيغة JSON", 1, AccountType.Visitor, "زائر"),
        ]);
        var reviewer = await ReviewSetup.ReviewerAsync(factory);

        var response = await reviewer.GetAsync($"/en/consultations/manage/{consultation.Id}/export/comments.json");
        var raw = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("تعليق للتصدير بصيغة JSON", raw, StringComparison.Ordinal);
        var root = JsonDocument.Parse(raw).RootElement;
        Assert.Equal(consultation.Id, root.GetProperty("consultation").GetProperty("id").GetInt32());
        var comment = root.GetProperty("comments")[0];
        Assert.Equal(comments[0].Id, comment.GetProperty("id").GetInt64());
        Assert.Equal(1, comment.GetProperty("article").GetProperty("number").GetInt32());
        Assert.Equal("زائر", comment.GetProperty("displayName").GetString());
        Assert.Equal("visitor", comment.GetProperty("participantType").GetString());
        Assert.Equal("published", comment.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, comment.GetProperty("disposition").ValueKind);
        Assert.DoesNotContain(comments[0].Author.Email!, raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(comments[0].Author.Id.ToString(), raw, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task QuestionnaireAnswers_AreOneRowPerResponseAndQuestion_InCsvAndJson()
    {
        var consultation = await factory.CreateConsultationAsync(closesIn: TimeSpan.FromHours(1), questionnaire: true);
        var single = consultation.Questions.Single(q => q.Type == QuestionType.SingleChoice);
        var scale = consultation.Questions.Single(q => q.Type == QuestionType.Scale);
        var free = consultation.Questions.Single(q => q.Type == QuestionType.FreeText);
        var (participant, _) = await TestAccounts.SignedInAsync(factory, type: AccountType.Business);
        Forms.AssertRedirect(await participant.SubmitAsync($"/ar/consultations/{consultation.Id}/questionnaire", new Dictionary<string, string>
        {
            [Forms.QuestionField(single.Id)] = single.Options[1].Id.ToString(CultureInfo.InvariantCulture),
            [Forms.QuestionField(scale.Id)] = "4",
            [Forms.QuestionField(free.Id)] = "أقترح مهلة انتقالية للمنشآت الصغيرة",
        }));
        factory.Clock.Advance(TimeSpan.FromHours(2));
        var reviewer = await ReviewSetup.ReviewerAsync(factory);

        var csvBytes = await (await reviewer.GetAsync($"/ar/consultations/manage/{consultation.Id}/export/answers.csv")).Content.ReadAsByteArrayAsync();
        var json = JsonDocument.Parse(await (await reviewer.GetAsync($"/ar/consultations/manage/{consultation.Id}/export/answers.json")).Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(Bom, csvBytes[..3]);
        var rows = ParseCsv(Encoding.UTF8.GetString(csvBytes[3..]));
        Assert.Equal(4, rows.Count); // header and three answered questions
        Assert.All(rows.Skip(1), r => Assert.Equal("ممثل منشأة تجارية", r[1]));
        Assert.Equal(["لا", "4", "أقترح مهلة انتقالية للمنشآت الصغيرة"], rows.Skip(1).Select(r => r[7]));
        Assert.Equal(["1", "2", "3"], rows.Skip(1).Select(r => r[4]));
        Assert.Equal(3, json.GetProperty("questions").GetArrayLength());
        var answers = json.GetProperty("responses")[0].GetProperty("answers");
        Assert.Equal("business", json.GetProperty("responses")[0].GetProperty("participantType").GetString());
        Assert.Equal(2, answers[0].GetProperty("options")[0].GetInt32());
        Assert.Equal(4, answers[1].GetProperty("scale").GetInt32());
        Assert.Equal("أقترح مهلة انتقالية للمنشآت الصغيرة", answers[2].GetProperty("text").GetString());
    }

    [Fact]
    public async Task PublicCommentsCsv_HasTheBom_AndOnlyPublishedComments()
    {
        var (consultation, comments) = await ReviewSetup.ClosedWithCommentsAsync(factory,
        [
            new CommentPlan("تعليق منشور للعموم", 1, DisplayName: "سارة"),
            new CommentPlan("تعليق مرفوض", 1),
        ]);
        await factory.WithDbAsync(async db =>
        {
            var rejected = await db.ConsultationComments.SingleAsync(c => c.Id == comments[1].Id);
            rejected.Reject(Guid.NewGuid(), "مخالف", factory.Now);
            await db.SaveChangesAsync();
        });

        var response = await factory.Browser().GetAsync($"/ar/consultations/{consultation.Id}/comments.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("public", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(Bom, bytes[..3]);
        var rows = ParseCsv(Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal(["id", "article_number", "display_name", "text", "submitted_date", "supports", "disposition", "response_ar", "response_en"], rows[0]);
        Assert.Equal(2, rows.Count);
        Assert.Equal(["سارة", "تعليق منشور للعموم"], rows[1].Skip(2).Take(2));
    }

    [Fact]
    public async Task DeletedParticipant_IsOneWordInTheLanguageOfEachExport_AndInOpenData()
    {
        var (consultation, comments) = await ReviewSetup.ClosedWithCommentsAsync(factory,
        [
            new CommentPlan("تعليق مشارك حذف حسابه", 1, DisplayName: AuthorNames.Deleted),
        ]);
        var reviewer = await ReviewSetup.ReviewerAsync(factory);
        string NameIn(byte[] csv, int column) => ParseCsv(Encoding.UTF8.GetString(csv[3..]))[1][column];

        var arabicCsv = await (await reviewer.GetAsync($"/ar/consultations/manage/{consultation.Id}/export/comments.csv")).Content.ReadAsByteArrayAsync();
        var englishCsv = await (await reviewer.GetAsync($"/en/consultations/manage/{consultation.Id}/export/comments.csv")).Content.ReadAsByteArrayAsync();
        var englishJson = JsonDocument.Parse(await (await reviewer.GetAsync($"/en/consultations/manage/{consultation.Id}/export/comments.json")).Content.ReadAsStringAsync()).RootElement;
        var publicCsv = await (await factory.Browser().GetAsync($"/en/consultations/{consultation.Id}/comments.csv")).Content.ReadAsByteArrayAsync();
        var api = JsonDocument.Parse(await (await factory.Browser().GetAsync($"/api/v1/consultations/{consultation.Id}/comments")).Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("مشارك", NameIn(arabicCsv, 3));
        Assert.Equal("Participant", NameIn(englishCsv, 3));
        Assert.Equal("Participant", englishJson.GetProperty("comments")[0].GetProperty("displayName").GetString());
        Assert.Equal("Participant", NameIn(publicCsv, 2));
        // The API has no language in its address: the portal's first language.
        Assert.Equal("مشارك", api.GetProperty("items")[0].GetProperty("displayName").GetString());
        Assert.Equal(comments[0].Id, api.GetProperty("items")[0].GetProperty("id").GetInt64());
    }

    // RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }
        return rows;
    }
}
