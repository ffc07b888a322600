using System.Globalization;
using System.Net;
using System.Text.Json;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Platform.Moderation;
using EParticipation.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Consultations;

/// <summary>
/// A participant's data across the portal (issue 10, finding 5): the download holds their supports,
/// reports and answers in words, is never cached; deletion leaves nothing personal in outbox rows
/// or content reports.
/// </summary>
public sealed class PersonalDataSecurityTests(ConsultationsPortal factory) : IClassFixture<ConsultationsPortal>
{
    [Fact]
    public async Task DownloadMyData_HasSupportsReportsAndAnswersAsText_AndIsNotCached()
    {
        var consultation = await factory.CreateConsultationAsync(questionnaire: true, titleAr: "مشروع التنزيل");
        var (author, _) = await TestAccounts.SignedInAsync(factory);
        var commentId = await Forms.CommentAsync(factory, author, consultation, "تعليق يؤيده صاحب البيانات");
        var (client, _) = await TestAccounts.SignedInAsync(factory);
        Forms.AssertRedirect(await client.SubmitAsync($"/ar/consultations/{consultation.Id}", new Dictionary<string, string>(), actionEndsWith: $"/comments/{commentId}/support"));
        Forms.AssertRedirect(await client.SubmitAsync($"/ar/consultations/{consultation.Id}/comments/{commentId}/report", new Dictionary<string, string>
        {
            ["Input.Reason"] = nameof(ReportReason.Other),
            ["Input.Details"] = "تفاصيل البلاغ التي كتبتها",
        }));
        var single = consultation.Questions.Single(q => q.Type == QuestionType.SingleChoice);
        var scale = consultation.Questions.Single(q => q.Type == QuestionType.Scale);
        Forms.AssertRedirect(await client.SubmitAsync($"/ar/consultations/{consultation.Id}", new Dictionary<string, string>
        {
            [Forms.QuestionField(single.Id)] = single.Options[0].Id.ToString(CultureInfo.InvariantCulture),
            [Forms.QuestionField(scale.Id)] = "4",
        }, actionEndsWith: "/questionnaire"));

        var response = await client.GetAsync("/ar/account/data");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        var support = Assert.Single(root.GetProperty("consultations").GetProperty("supports").EnumerateArray());
        Assert.Equal(commentId, support.GetProperty("commentId").GetInt64());
        var report = Assert.Single(root.GetProperty("contentReports").EnumerateArray());
        Assert.Equal("تفاصيل البلاغ التي كتبتها", report.GetProperty("details").GetString());
        var answers = Assert.Single(root.GetProperty("consultations").GetProperty("questionnaireAnswers").EnumerateArray()).GetProperty("answers").EnumerateArray().ToList();
        Assert.Equal("هل تؤيد المشروع؟", answers[0].GetProperty("question").GetString());
        Assert.Equal("نعم", answers[0].GetProperty("answer").GetString());
        Assert.Equal("Yes", answers[0].GetProperty("answerEnglish").GetString());
        Assert.Equal("ما مدى وضوح المشروع؟", answers[1].GetProperty("question").GetString());
        Assert.Equal("4 / 5", answers[1].GetProperty("answer").GetString());
        Assert.DoesNotContain("questionId", answers[0].GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DeleteMyAccount_LeavesNoPersonalDataInOutboxRowsOrContentReports()
    {
        var consultation = await factory.CreateConsultationAsync();
        var (author, _) = await TestAccounts.SignedInAsync(factory);
        var commentId = await Forms.CommentAsync(factory, author, consultation, "تعليق سيُبلَّغ عنه");
        var user = await TestAccounts.CreateAsync(factory, name: "سلمى القحطاني الفريدة");
        var client = factory.Client();
        await client.SignInAsync(user.Email!, TestAccounts.Password);
        Forms.AssertRedirect(await client.SubmitAsync($"/ar/consultations/{consultation.Id}/comments/{commentId}/report", new Dictionary<string, string>
        {
            ["Input.Reason"] = nameof(ReportReason.Other),
            ["Input.Details"] = "نص شخصي في البلاغ",
        }));
        // Two emails to the person: one sent, one that would still be waiting.
        await factory.Client().SubmitAsync("/ar/account/forgot-password", new Dictionary<string, string> { ["Email"] = user.Email! });
        await factory.PickupFolder.WaitForAsync(user.Email!);
        await factory.WithDbAsync(async db =>
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                MessageId = $"<{Guid.NewGuid():N}@test>",
                Category = "account",
                ToAddress = user.Email!.ToUpperInvariant(),
                ToName = user.FullName,
                Subject = "مرحبًا " + user.FullName,
                TextBody = "نص موجّه إلى " + user.FullName,
                HtmlBody = "<p>" + user.FullName + "</p>",
                Status = OutboxStatus.Pending,
                CreatedAt = factory.Now,
                NextAttemptAt = factory.Now.AddDays(1),
            });
            await db.SaveChangesAsync();
        });

        var deleted = await client.SubmitAsync("/ar/account/delete", new Dictionary<string, string> { ["Password"] = TestAccounts.Password, ["Understood"] = "true" });
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);

        var (messages, reports) = await factory.WithDbAsync(async db => (
            await db.OutboxMessages.AsNoTracking().ToListAsync(),
            await db.ContentReports.AsNoTracking().Where(r => r.ReporterId == user.Id).ToListAsync()));
        foreach (var m in messages)
        {
            var text = string.Join('\n', m.ToAddress, m.ToName, m.Subject, m.TextBody, m.HtmlBody, m.HeadersJson, m.LastError);
            Assert.DoesNotContain(user.Email!, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(user.FullName, text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(messages, m => m.Status == OutboxStatus.Pending && m.ToAddress.Contains("deleted.invalid", StringComparison.Ordinal));
        var report = Assert.Single(reports);
        Assert.Null(report.Details);
    }
}
