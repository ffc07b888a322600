using System.Net;
using System.Text;
using System.Text.Json;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Consultations;

/// <summary>
/// The open-data API and the public CSV: published content only, display names only, never an email,
/// an account id or an unpublished comment; comments only after closing.
/// </summary>
public sealed class OpenDataApiTests(OpenDataApiTests.Portal factory) : IClassFixture<OpenDataApiTests.Portal>
{
    public sealed class Portal : ConsultationsPortal;

    [Fact]
    public async Task Api_NeverReturnsAnEmailAUserIdOrAnUnpublishedComment()
    {
        var (consultation, comments) = await ReviewSetup.ClosedWithCommentsAsync(factory,
        [
            new CommentPlan("تعليق منشور يظهر في البيانات المفتوحة", 1, AccountType.Business, "اسم ظاهر أول"),
            new CommentPlan("تعليق منشور ثانٍ على المشروع كاملًا", null, AccountType.Visitor, "اسم ظاهر ثانٍ"),
            new CommentPlan("تعليق ينتظر الاعتماد ولا يُنشر", 1),
            new CommentPlan("تعليق مرفوض لا يُنشر", 2),
            new CommentPlan("تعليق سحبه صاحبه", 2),
            new CommentPlan("تعليق مخفي بعد البلاغات", 3),
        ]);
        await factory.WithDbAsync(async db =>
        {
            var stored = await db.ConsultationComments.Where(c => c.ConsultationId == consultation.Id).OrderBy(c => c.Id).ToListAsync();
            stored[2].Status = CommentStatus.Pending;
            stored[3].Reject(Guid.NewGuid(), "مخالف", factory.Now);
            stored[4].Status = CommentStatus.Withdrawn;
            stored[5].HideAfterReports();
            await db.SaveChangesAsync();
        });
        var api = factory.Browser();

        var response = await api.GetAsync($"/api/v1/consultations/{consultation.Id}/comments?pageSize=100");
        var json = await response.Content.ReadAsStringAsync();
        var csvResponse = await api.GetAsync($"/ar/consultations/{consultation.Id}/comments.csv");
        var csv = Encoding.UTF8.GetString(await csvResponse.Content.ReadAsByteArrayAsync());
        var list = await (await api.GetAsync("/api/v1/consultations?pageSize=100")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        using var doc = JsonDocument.Parse(json);
        var items = doc.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([comments[0].Id, comments[1].Id], items.Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal("اسم ظاهر أول", items[0].GetProperty("displayName").GetString());
        Assert.Equal(1, items[0].GetProperty("article").GetInt32());
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("article").ValueKind);
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("disposition").ValueKind); // not before the report
        foreach (var text in new[] { json, csv, list })
        {
            foreach (var comment in comments)
            {
                Assert.DoesNotContain(comment.Author.Email!, text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(comment.Author.Id.ToString(), text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(comment.Author.Id.ToString("N"), text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(comment.Author.FullName, text, StringComparison.Ordinal);
            }
            foreach (var hidden in comments.Skip(2))
            {
                Assert.DoesNotContain(hidden.Body, text, StringComparison.Ordinal);
            }
        }
        // No participant type per comment (the report gives them in aggregate).
        Assert.DoesNotContain("business", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("business", csv, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(comments[0].Body, csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommentsEndpoint_RefusesPlannedAndOpenConsultationsWith409_AndDraftsWith404()
    {
        var planned = await factory.CreateConsultationAsync(opensIn: TimeSpan.FromDays(3));
        var (open, _) = await ReviewSetup.OpenWithCommentsAsync(factory, [new CommentPlan("تعليق على استشارة مفتوحة")], closesIn: TimeSpan.FromDays(5));
        var draft = await factory.CreateConsultationAsync(published: false);
        var api = factory.Browser();

        foreach (var consultation in new[] { planned, open })
        {
            var response = await api.GetAsync($"/api/v1/consultations/{consultation.Id}/comments");
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(409, problem.GetProperty("status").GetInt32());
            Assert.DoesNotContain("تعليق على استشارة مفتوحة", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/ar/consultations/{consultation.Id}/comments.csv")).StatusCode);
        }
        var missing = await api.GetAsync($"/api/v1/consultations/{draft.Id}/comments");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/consultations/999999/comments")).StatusCode);
        var listed = await (await api.GetAsync("/api/v1/consultations?pageSize=100")).Content.ReadAsStringAsync();
        Assert.DoesNotContain($"\"id\":{draft.Id},", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_IsPagedAndFilteredByStatusAgencyAndSector_InBothLanguages_AndCacheable()
    {
        var (closed, _) = await ReviewSetup.ClosedWithCommentsAsync(factory, [new CommentPlan("تعليق")], agency: "moj");
        var open = await factory.CreateConsultationAsync(agency: "moj", closesIn: TimeSpan.FromDays(20), titleAr: "استشارة مفتوحة لوزارة العدل");
        var api = factory.Browser();

        var response = await api.GetAsync("/api/v1/consultations?agency=moj&pageSize=1");
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var raw = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("public", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, root.GetProperty("pageSize").GetInt32());
        var total = root.GetProperty("total").GetInt32();
        Assert.True(total >= 2);
        Assert.Equal(total, root.GetProperty("pageCount").GetInt32());
        Assert.Contains("page=2", root.GetProperty("links").GetProperty("next").GetString(), StringComparison.Ordinal);
        Assert.Contains("agency=moj", root.GetProperty("links").GetProperty("next").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("links").GetProperty("prev").ValueKind);
        var item = root.GetProperty("items")[0];
        Assert.Equal("moj", item.GetProperty("agency").GetProperty("code").GetString());
        Assert.Equal("وزارة العدل", item.GetProperty("agency").GetProperty("name").GetProperty("ar").GetString());
        Assert.Equal("Ministry of Justice", item.GetProperty("agency").GetProperty("name").GetProperty("en").GetString());
        Assert.Contains("وزارة العدل", raw, StringComparison.Ordinal); // Arabic as letters, not \u escapes

        var closedOnly = JsonDocument.Parse(await api.GetStringAsync("/api/v1/consultations?status=closed&agency=moj&sector=labour-social-protection&pageSize=100")).RootElement;
        var ids = closedOnly.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
        Assert.Contains(closed.Id, ids);
        Assert.DoesNotContain(open.Id, ids);
        Assert.All(closedOnly.GetProperty("items").EnumerateArray(), i => Assert.Equal("closed", i.GetProperty("status").GetString()));
        var closedItem = closedOnly.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt32() == closed.Id);
        Assert.EndsWith($"/api/v1/consultations/{closed.Id}/comments", closedItem.GetProperty("links").GetProperty("comments").GetString(), StringComparison.Ordinal);
        var openOnly = JsonDocument.Parse(await api.GetStringAsync("/api/v1/consultations?status=open&agency=moj")).RootElement;
        Assert.Contains(open.Id, openOnly.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
        Assert.Equal(JsonValueKind.Null, openOnly.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt32() == open.Id).GetProperty("links").GetProperty("comments").ValueKind);
        Assert.Equal(0, JsonDocument.Parse(await api.GetStringAsync("/api/v1/consultations?status=archived&agency=moj&sector=health")).RootElement.GetProperty("total").GetInt32());

        foreach (var bad in new[] { "?pageSize=101", "?pageSize=0", "?page=0", "?status=finished", "?agency=nope", "?sector=nope" })
        {
            var refused = await api.GetAsync("/api/v1/consultations" + bad);
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, bad);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task Comments_CarryTheDispositionAndResponse_OnceTheReportIsPublished()
    {
        var (consultation, comments) = await ReviewSetup.ClosedWithCommentsAsync(factory, [new CommentPlan("اقتراح يُقبل", 2)]);
        var reviewer = await ReviewSetup.ReviewerAsync(factory);
        Forms.AssertRedirect(await reviewer.SubmitAsync(ReviewSetup.ReviewPath(consultation), ReviewSetup.Disposition(CommentDisposition.PartlyAccepted, "قُبل جزئيًا.", "Partly accepted."), actionEndsWith: $"/review/comments/{comments[0].Id}"));
        var api = factory.Browser();
        var path = $"/api/v1/consultations/{consultation.Id}/comments";

        var before = JsonDocument.Parse(await api.GetStringAsync(path)).RootElement;
        Assert.Equal("closed", before.GetProperty("consultation").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("items")[0].GetProperty("disposition").ValueKind);
        Assert.DoesNotContain("قُبل جزئيًا.", await api.GetStringAsync(path), StringComparison.Ordinal);

        Forms.AssertRedirect(await reviewer.SubmitAsync(ReviewSetup.ReportPath(consultation), new Dictionary<string, string> { ["Input.NarrativeAr"] = "السرد" }));
        Forms.AssertRedirect(await reviewer.SubmitAsync(ReviewSetup.ReportPath(consultation), new Dictionary<string, string> { ["Publish.Confirm"] = "true" }, actionEndsWith: "/report/publish"));

        var after = await api.GetAsync(path);
        var item = JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement.GetProperty("items")[0];
        Assert.Equal("partly-accepted", item.GetProperty("disposition").GetString());
        Assert.Equal("قُبل جزئيًا.", item.GetProperty("response").GetProperty("ar").GetString());
        Assert.Equal("Partly accepted.", item.GetProperty("response").GetProperty("en").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", item.GetProperty("submittedDate").GetString()!);
        Assert.Contains("max-age=3600", after.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var csv = Encoding.UTF8.GetString(await api.GetByteArrayAsync($"/ar/consultations/{consultation.Id}/comments.csv"));
        Assert.Contains("partly-accepted", csv, StringComparison.Ordinal);
        Assert.Contains("قُبل جزئيًا.", csv, StringComparison.Ordinal);
        var listed = JsonDocument.Parse(await api.GetStringAsync("/api/v1/consultations?status=archived&pageSize=100")).RootElement;
        Assert.Contains(consultation.Id, listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
    }
}
