using System.Globalization;
using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Services;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Consultations;

/// <summary>
/// The summary report: figures computed from the database, publication only when every published
/// comment has a disposition, the followers' email, a narrative that cannot carry script, the
/// draft/final comparison, and what participants see under My participation before and after.
/// </summary>
public sealed class ReportTests(ReportTests.Portal factory) : IClassFixture<ReportTests.Portal>
{
    public sealed class Portal : ConsultationsPortal;

    [Fact]
    public async Task ReportFigures_EqualTheCountsInTheDatabase()
    {
        var (consultation, comments) = await ReviewSetup.OpenWithCommentsAsync(factory,
        [
            new CommentPlan("تعليق مواطن على المادة الأولى", 1, AccountType.Citizen),
            new CommentPlan("تعليق مقيم على المادة الأولى", 1, AccountType.Resident),
            new CommentPlan("تعليق منشأة على المادة الثانية", 2, AccountType.Business),
            new CommentPlan("تعليق زائر على المشروع كاملًا", null, AccountType.Visitor),
            new CommentPlan("تعليق سيُسحب", 2, AccountType.Citizen),
            new CommentPlan("تعليق سيُرفض", 3, AccountType.Citizen),
        ], questionnaire: true);
        // The first citizen comments a second time and answers the questionnaire: still one participant.
        await ReviewSetup.CommentAsync(factory, consultation, comments[0].Author, new CommentPlan("تعليق ثانٍ من المواطن نفسه", 3));
        var respondent = await TestAccounts.CreateAsync(factory, type: AccountType.Resident);
        foreach (var person in new[] { comments[0].Author, respondent })
        {
            var client = factory.Client();
            await client.SignInAsync(person.Email!, TestAccounts.Password);
            var single = consultation.Questions.Single(q => q.Type == QuestionType.SingleChoice);
            Forms.AssertRedirect(await client.SubmitAsync($"/ar/consultations/{consultation.Id}/questionnaire", new Dictionary<string, string>
            {
                [Forms.QuestionField(single.Id)] = single.Options[person == respondent ? 1 : 0].Id.ToString(CultureInfo.InvariantCulture),
            }));
        }
        var withdrawer = factory.Client();
        await withdrawer.SignInAsync(comments[4].Author.Email!, TestAccounts.Password);
        Forms.AssertRedirect(await Forms.PostAsync(withdrawer, $"/ar/consultations/{consultation.Id}", $"/ar/consultations/{consultation.Id}/comments/{comments[4].Id}/withdraw"));
        var (moderator, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.Moderator]);
        Forms.AssertRedirect(await moderator.SubmitAsync($"/ar/consultations/moderation/{comments[5].Id}/reject", new Dictionary<string, string> { ["Input.Reason"] = "مخالف للضوابط" }));
        factory.Clock.Advance(TimeSpan.FromHours(2));
        var reviewer = await ReviewSetup.ReviewerAsync(factory);
        Forms.AssertRedirect(await reviewer.SubmitAsync(ReviewSetup.ReviewPath(consultation), ReviewSetup.Disposition(CommentDisposition.Accepted, "أُخذ به."), actionEndsWith: $"/review/comments/{comments[0].Id}"));

        var page = await reviewer.PageAsync(ReviewSetup.ReportPath(consultation) + "/preview");

        var expected = await factory.WithDbAsync(async db =>
        {
            var published = db.ConsultationComments.Where(c => c.ConsultationId == consultation.Id && c.Status == CommentStatus.Published);
            var authors = await published.Select(c => c.AuthorId).Distinct().ToListAsync();
            var respondents = await db.ConsultationResponses.Where(r => r.ConsultationId == consultation.Id).Select(r => r.UserId).ToListAsync();
            var people = authors.Union(respondents).ToList();
            var types = await db.Users.Where(u => people.Contains(u.Id)).Select(u => new { u.Id, u.AccountType }).ToListAsync();
            var commentTypes = await published.Join(db.Users, c => c.AuthorId, u => u.Id, (c, u) => u.AccountType).ToListAsync();
            return new
            {
                Participants = people.Count,
                Comments = await published.CountAsync(),
                Responses = await db.ConsultationResponses.CountAsync(r => r.ConsultationId == consultation.Id),
                ByArticle = await published.GroupBy(c => c.ArticleId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key?.ToString(CultureInfo.InvariantCulture) ?? "general", g => g.Count),
                ParticipantsByType = types.GroupBy(t => t.AccountType).ToDictionary(g => g.Key, g => g.Count()),
                CommentsByType = commentTypes.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count()),
                Accepted = await published.CountAsync(c => c.Disposition == CommentDisposition.Accepted),
                Undecided = await published.CountAsync(c => c.Disposition == null),
            };
        });
        Assert.Equal(5, expected.Participants); // four commenters plus the respondent who did not comment
        Assert.Equal(5, expected.Comments);
        Assert.Equal(expected.Participants.ToString(CultureInfo.InvariantCulture), page.QuerySelector("#figure-participants")!.TextContent.Trim());
        Assert.Equal(expected.Comments.ToString(CultureInfo.InvariantCulture), page.QuerySelector("#figure-comments")!.TextContent.Trim());
        Assert.Equal(expected.Responses.ToString(CultureInfo.InvariantCulture), page.QuerySelector("#figure-responses")!.TextContent.Trim());
        foreach (var row in page.QuerySelectorAll("#figures-by-article tbody tr"))
        {
            var key = row.GetAttribute("data-article")!;
            Assert.Equal(expected.ByArticle.GetValueOrDefault(key).ToString(CultureInfo.InvariantCulture), row.QuerySelectorAll("td")[0].TextContent.Trim());
        }
        Assert.Equal(consultation.Articles.Count + 1, page.QuerySelectorAll("#figures-by-article tbody tr").Length);
        foreach (var type in Enum.GetValues<AccountType>())
        {
            var cells = page.QuerySelector($"#figures-by-type tr[data-type='{type.ToString().ToLowerInvariant()}']")!.QuerySelectorAll("td");
            Assert.Equal(expected.ParticipantsByType.GetValueOrDefault(type).ToString(CultureInfo.InvariantCulture), cells[0].TextContent.Trim());
            Assert.Equal(expected.CommentsByType.GetValueOrDefault(type).ToString(CultureInfo.InvariantCulture), cells[1].TextContent.Trim());
        }
        Assert.Equal(expected.Accepted.ToString(CultureInfo.InvariantCulture), page.QuerySelector("#figures-by-disposition tr[data-disposition='accepted'] td")!.TextContent.Trim());
        Assert.Equal(expected.Undecided.ToString(CultureInfo.InvariantCulture), page.QuerySelector("#figures-by-disposition tr[data-disposition='none'] td")!.TextContent.Trim());
        // The definition is on the page, and free-text answers are counted, never shown.
        Assert.Contains("يُحتسب كل منهم مرة واحدة", page.QuerySelector("#participation")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains("حمايةً لخصوصية", page.QuerySelector("#questionnaire")!.ParentElement!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_IsRefusedWhileCommentsHaveNoDisposition_UntilTheRemainderIsMarkedInBulk_ThenArchivesAndEmailsFollowers()
    {
        var (consultation, comments) = await ReviewSetup.ClosedWithCommentsAsync(factory,
        [
            new CommentPlan("أقترح حذف الفقرة الثانية من المادة الأولى", 1),
            new CommentPlan("ملاحظة عامة", null),
        ]);
        var follower = await TestAccounts.CreateAsync(factory, language: "en");
        var followerClient = factory.Client();
        await followerClient.SignInAsync(follower.Email!, TestAccounts.Password);
        Forms.AssertRedirect(await followerClient.SubmitAsync($"/en/consultations/{consultation.Id}", new Dictionary<string, string>(), actionEndsWith: "/follow"));
        var reviewer = await ReviewSetup.ReviewerAsync(factory);
        var report = ReviewSetup.ReportPath(consultation);
        Forms.AssertRedirect(await reviewer.SubmitAsync(report, new Dictionary<string, string>
        {
            ["Input.NarrativeAr"] = "شكرًا لكل من شارك.",
            ["Input.NarrativeEn"] = "Thank you to everyone who took part.",
        }));
        Forms.AssertRedirect(await reviewer.SubmitAsync(ReviewSetup.ReviewPath(consultation), ReviewSetup.Disposition(CommentDisposition.Accepted, "حُذفت الفقرة."), actionEndsWith: $"/review/comments/{comments[0].Id}"));

        var editor = await reviewer.PageAsync(report);
        Assert.Null(editor.QuerySelector("form[action$='/report/publish']"));
        var refused = await Forms.PostAsync(reviewer, report, report + "/publish", new Dictionary<string, string> { ["Publish.Confirm"] = "true" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        // One comment is left without a disposition: the message says so in the singular.
        Assert.Contains("تعليق منشور واحد لم يُتخذ بشأنه قرار", (await PortalClient.ParseAsync(refused)).QuerySelector(".ep-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await PublishedAt());
        Assert.Equal(HttpStatusCode.NotFound, (await factory.Client().GetAsync($"/ar/consultations/{consultation.Id}/report")).StatusCode);

        Forms.AssertRedirect(await reviewer.SubmitAsync(ReviewSetup.ReviewPath(consultation) + "/remaining", new Dictionary<string, string>
        {
            ["Input.Disposition"] = nameof(CommentDisposition.NotAccepted),
            ["Input.ResponseAr"] = "لم يُؤخذ بالملاحظة لعدم اتصالها بمواد المشروع.",
            ["Input.Confirm"] = "true",
        }));
        var unconfirmed = await reviewer.SubmitAsync(report, new Dictionary<string, string>(), actionEndsWith: "/report/publish");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconfirmed.StatusCode);
        Assert.Null(await PublishedAt());

        var published = await reviewer.SubmitAsync(report, new Dictionary<string, string> { ["Publish.Confirm"] = "true" }, actionEndsWith: "/report/publish");

        Forms.AssertRedirect(published);
        Assert.Equal(factory.Now, await PublishedAt());
        var visitor = factory.Client();
        var page = await visitor.PageAsync($"/ar/consultations/{consultation.Id}");
        Assert.Equal("مؤرشفة", page.QuerySelector(".ep-page-header .ep-status")!.TextContent.Trim());
        Assert.Contains("شكرًا لكل من شارك", page.QuerySelector("#report")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"#report a[href='/ar/consultations/{consultation.Id}/report']"));
        Assert.NotNull(page.QuerySelector($"#report a[href='/ar/consultations/{consultation.Id}/comments.csv']"));
        var public_ = await visitor.PageAsync($"/ar/consultations/{consultation.Id}/report");
        Assert.Contains("حُذفت الفقرة.", public_.QuerySelector($"#comment-{comments[0].Id}")!.TextContent, StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "consultation.report.published" && a.EntityId == consultation.Id.ToString(CultureInfo.InvariantCulture))));

        // Followers (the commenters follow automatically) hear in their own language, with a link to the report.
        var mail = await factory.PickupFolder.WaitForAsync(follower.Email!, m => m.Subject.Contains("summary report", StringComparison.Ordinal));
        Assert.Contains($"/en/consultations/{consultation.Id}/report", mail.TextBody, StringComparison.Ordinal);
        await factory.PickupFolder.WaitForAsync(comments[1].Author.Email!, m => m.Subject.Contains("التقرير الملخص", StringComparison.Ordinal));

        // Frozen: no more edits, decisions or publication.
        var save = await Forms.PostAsync(reviewer, "/ar/consultations", report, new Dictionary<string, string> { ["Input.NarrativeAr"] = "تعديل بعد النشر" });
        var decide = await Forms.PostAsync(reviewer, "/ar/consultations", $"{ReviewSetup.ReviewPath(consultation)}/comments/{comments[0].Id}", ReviewSetup.Disposition(CommentDisposition.NotAccepted, "تراجع"));
        Assert.Equal(HttpStatusCode.Conflict, save.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, decide.StatusCode);
        Assert.Equal("شكرًا لكل من شارك.", await factory.WithDbAsync(db => db.ConsultationReports.Where(r => r.ConsultationId == consultation.Id).Select(r => r.Narrative.Ar).SingleAsync()));

        Task<DateTime?> PublishedAt() => factory.WithDbAsync(db => db.Consultations.Where(c => c.Id == consultation.Id).Select(c => c.ReportPublishedAt).SingleAsync());
    }

    [Fact]
    public async Task LawReport_IsPublishedByTheAgencysPublisher_AfterTheLegislationOfficeDecidedEveryComment()
    {
        var (consultation, comments) = await ReviewSetup.ClosedWithCommentsAsync(factory, [new CommentPlan("أقترح توضيح تعريف العامل", 1)]);
        var publisher = await ReviewSetup.ReviewerAsync(factory, role: EParticipation.Web.Platform.Identity.Roles.AgencyPublisher);
        var reviewer = await ReviewSetup.ReviewerAsync(factory);
        var report = ReviewSetup.ReportPath(consultation);

        // The disposition is the legislation office's: a publisher cannot decide it.
        Assert.Equal(HttpStatusCode.Forbidden, (await publisher.GetAsync(ReviewSetup.ReviewPath(consultation))).StatusCode);
        Forms.AssertRedirect(await reviewer.SubmitAsync(ReviewSetup.ReviewPath(consultation), ReviewSetup.Disposition(CommentDisposition.PartlyAccepted, "وُضّح التعريف."), actionEndsWith: $"/review/comments/{comments[0].Id}"));

        Forms.AssertRedirect(await publisher.SubmitAsync(report, new Dictionary<string, string>
        {
            ["Input.NarrativeAr"] = "عدّلنا تعريف العامل بناءً على الملاحظات.",
            ["Input.NarrativeEn"] = "We clarified the definition of a worker.",
        }));
        Forms.AssertRedirect(await publisher.SubmitAsync(report, new Dictionary<string, string> { ["Publish.Confirm"] = "true" }, actionEndsWith: "/report/publish"));

        Assert.NotNull(await factory.WithDbAsync(db => db.Consultations.Where(c => c.Id == consultation.Id).Select(c => c.ReportPublishedAt).SingleAsync()));
    }

    [Fact]
    public async Task Publish_IsRefusedWhileACommentWaitsForAModerator_AndThePublishedReportStaysAsItWas()
    {
        var consultation = await factory.CreateConsultationAsync(closesIn: TimeSpan.FromHours(1), moderation: ModerationMode.PreModeration);
        var approved = await TestAccounts.CreateAsync(factory);
        var waiting = await TestAccounts.CreateAsync(factory);
        var approvedId = await ReviewSetup.CommentAsync(factory, consultation, approved, new CommentPlan("تعليق اعتمده المشرف", 1));
        var waitingId = await ReviewSetup.CommentAsync(factory, consultation, waiting, new CommentPlan("تعليق لم يبتّ فيه المشرف بعد", 1));
        var (moderator, moderatorAccount) = await TestAccounts.SignedInAsync(factory, roles: [Roles.Moderator]);
        Forms.AssertRedirect(await moderator.SubmitAsync("/ar/consultations/moderation?queue=pending", new Dictionary<string, string>(), actionEndsWith: $"/{approvedId}/approve"));
        factory.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        var reviewer = await ReviewSetup.ReviewerAsync(factory);
        var report = ReviewSetup.ReportPath(consultation);
        Forms.AssertRedirect(await reviewer.SubmitAsync(ReviewSetup.ReviewPath(consultation), ReviewSetup.Disposition(CommentDisposition.Accepted, "أُخذ به."), actionEndsWith: $"/review/comments/{approvedId}"));
        Forms.AssertRedirect(await reviewer.SubmitAsync(report, new Dictionary<string, string> { ["Input.NarrativeAr"] = "شكرًا للمشاركين." }));

        var editor = await reviewer.PageAsync(report);
        Assert.Null(editor.QuerySelector("form[action$='/report/publish']"));
        Assert.Contains("بانتظار قرار المشرف", editor.QuerySelector(".ep-checklist")!.TextContent, StringComparison.Ordinal);
        var refused = await Forms.PostAsync(reviewer, report, report + "/publish", new Dictionary<string, string> { ["Publish.Confirm"] = "true" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("بانتظار قرار المشرف", (await PortalClient.ParseAsync(refused)).QuerySelector(".ep-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await PublishedAt());

        // Once the moderator has decided (after closing, still before the report), publication goes ahead.
        // An hour without a request ended the moderator's staff session (30-minute idle timeout).
        await moderator.SignInAsync(moderatorAccount.Email!, TestAccounts.Password);
        Forms.AssertRedirect(await moderator.SubmitAsync($"/ar/consultations/moderation/{waitingId}/reject?queue=pending", new Dictionary<string, string>
        {
            ["Input.Reason"] = "خارج موضوع المشروع.",
        }));
        Forms.AssertRedirect(await reviewer.SubmitAsync(report, new Dictionary<string, string> { ["Publish.Confirm"] = "true" }, actionEndsWith: "/report/publish"));
        Assert.NotNull(await PublishedAt());

        // A second publish (another tab, another reviewer) finds it archived and sends nothing again.
        var again = await Forms.PostAsync(reviewer, "/ar/consultations", report + "/publish", new Dictionary<string, string> { ["Publish.Confirm"] = "true" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "consultation.report.published" && a.EntityId == consultation.Id.ToString(CultureInfo.InvariantCulture))));

        Task<DateTime?> PublishedAt() => factory.WithDbAsync(db => db.Consultations.Where(c => c.Id == consultation.Id).Select(c => c.ReportPublishedAt).SingleAsync());
    }

    [Fact]
    public async Task ArchivedConsultationsComments_LeaveTheModerationQueue_AndCannotBeTakenDown()
    {
        var (consultation, comments) = await ReviewSetup.ClosedWithCommentsAsync(factory, [new CommentPlan("تعليق نُشر دون مراجعة مسبقة", 1)]);
        var reviewer = await ReviewSetup.ReviewerAsync(factory);
        var report = ReviewSetup.ReportPath(consultation);
        Forms.AssertRedirect(await reviewer.SubmitAsync(ReviewSetup.ReviewPath(consultation), ReviewSetup.Disposition(CommentDisposition.Accepted, "أُخذ به."), actionEndsWith: $"/review/comments/{comments[0].Id}"));
        Forms.AssertRedirect(await reviewer.SubmitAsync(report, new Dictionary<string, string> { ["Input.NarrativeAr"] = "شكرًا للمشاركين." }));
        var (moderator, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.Moderator]);
        Assert.NotNull((await moderator.PageAsync("/ar/consultations/moderation?queue=published")).QuerySelector($"#comment-{comments[0].Id}"));

        Forms.AssertRedirect(await reviewer.SubmitAsync(report, new Dictionary<string, string> { ["Publish.Confirm"] = "true" }, actionEndsWith: "/report/publish"));

        Assert.Null((await moderator.PageAsync("/ar/consultations/moderation?queue=published")).QuerySelector($"#comment-{comments[0].Id}"));
        var reject = await Forms.PostAsync(moderator, "/ar/consultations/moderation", $"/ar/consultations/moderation/{comments[0].Id}/reject", new Dictionary<string, string> { ["Input.Reason"] = "محاولة بعد النشر" });
        Assert.Equal(HttpStatusCode.NotFound, reject.StatusCode);
        var stored = await factory.WithDbAsync(db => db.ConsultationComments.SingleAsync(c => c.Id == comments[0].Id));
        Assert.Equal(CommentStatus.Published, stored.Status);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Consultations.Where(c => c.Id == consultation.Id).Select(c => c.CommentCount).SingleAsync()));
    }

    [Fact]
    public async Task Publish_WithoutANarrative_IsRefused()
    {
        var (consultation, comments) = await ReviewSetup.ClosedWithCommentsAsync(factory, [new CommentPlan("تعليق وحيد")]);
        var reviewer = await ReviewSetup.ReviewerAsync(factory);
        Forms.AssertRedirect(await reviewer.SubmitAsync(ReviewSetup.ReviewPath(consultation), ReviewSetup.Disposition(CommentDisposition.Accepted, "شكرًا"), actionEndsWith: $"/review/comments/{comments[0].Id}"));

        var refused = await Forms.PostAsync(reviewer, "/ar/consultations", ReviewSetup.ReportPath(consultation) + "/publish", new Dictionary<string, string> { ["Publish.Confirm"] = "true" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.Consultations.Where(c => c.Id == consultation.Id).Select(c => c.ReportPublishedAt).SingleAsync()));
    }

    [Fact]
    public async Task Narrative_ScriptAndJavascriptLinks_AreInert()
    {
        var (consultation, _) = await ReviewSetup.ClosedWithCommentsAsync(factory, [new CommentPlan("تعليق")]);
        var reviewer = await ReviewSetup.ReviewerAsync(factory);
        const string hostile = "## ما سمعناه\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[اضغط هنا](javascript:alert(1)) و[رابط آخر](JavaScript:alert(2)) و<javascript:alert(3)> و![صورة](javascript:alert(4))\n\n[بوابة الوزارة](https://www.hrsd.gov.sa) و<https://example.org/a>";

        Forms.AssertRedirect(await reviewer.SubmitAsync(ReviewSetup.ReportPath(consultation), new Dictionary<string, string> { ["Input.NarrativeAr"] = hostile }));
        var page = await reviewer.PageAsync(ReviewSetup.ReportPath(consultation) + "/preview");

        var narrative = page.QuerySelector(".ep-narrative")!;
        Assert.Empty(narrative.QuerySelectorAll("script, img, iframe, [onerror]"));
        Assert.DoesNotContain(narrative.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").Trim().StartsWith("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("اضغط هنا", narrative.TextContent, StringComparison.Ordinal);
        Assert.Contains("<script>", narrative.TextContent, StringComparison.Ordinal); // shown as text
        Assert.NotNull(narrative.QuerySelector("a[href='https://www.hrsd.gov.sa']"));
        Assert.NotNull(narrative.QuerySelector("a[href='https://example.org/a']"));
        Assert.NotNull(narrative.QuerySelector("h3")); // its top heading sits right below the report's own h2 (no jump to h4)
        Assert.Null(narrative.QuerySelector("h4"));
        Assert.DoesNotContain("<script>alert", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("[style]"));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;")]
    [InlineData("[x](javascript:alert(1))", "<p>x</p>")]
    [InlineData("[x]( javascript:alert(1) )", "<p>x</p>")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD4=)", "<p>x</p>")]
    [InlineData("[x](/ar/relative)", "<p>x</p>")]
    [InlineData("<javascript:alert(1)>", "<p>javascript:alert(1)</p>")]
    [InlineData("[x](https://example.org)", "<a href=\"https://example.org\">x</a>")]
    [InlineData("<user@example.org>", "<a href=\"mailto:user@example.org\">user@example.org</a>")]
    [InlineData("![a [x](javascript:alert(1)) b](https://example.org/i.png)", "<p>a x b</p>")]
    [InlineData("[a ![i](javascript:alert(1))](https://example.org)", "<a href=\"https://example.org\">a i</a>")]
    public void ReportMarkdown_KeepsOnlyWebAndEmailLinks_AndNoHtml(string markdown, string expected)
    {
        var html = ReportMarkdown.ToHtml(markdown).ToString()!;
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:alert(1)\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportPage_ShowsEachArticlesDraftAndFinalText_WithAWordDiffReadingInTheLanguagesDirection()
    {
        var (consultation, _) = await ReviewSetup.ClosedWithCommentsAsync(factory, [new CommentPlan("أقترح رفع الحد الأدنى", 1)], questionnaire: true);
        var reviewer = await ReviewSetup.ReviewerAsync(factory);
        var report = ReviewSetup.ReportPath(consultation);
        var editor = await reviewer.PageAsync(report);
        // The final text starts as the draft's.
        Assert.Equal("نص المادة 1", editor.QuerySelector("#Input_Articles_0__FinalAr")!.TextContent);
        Forms.AssertRedirect(await reviewer.SubmitAsync(report, new Dictionary<string, string>
        {
            ["Input.NarrativeAr"] = "السرد",
            ["Input.Articles[0].FinalAr"] = "نص المادة الأولى المعدّل",
            ["Input.Articles[0].FinalEn"] = "Amended text of article 1",
        }));
        Assert.Equal(1, await factory.WithDbAsync(db => db.ConsultationReportArticles.CountAsync(f => f.ArticleId == consultation.Articles[0].Id)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.ConsultationReportArticles.CountAsync(f => f.ArticleId == consultation.Articles[1].Id)));

        var arabic = await reviewer.PageAsync(report + "/preview");
        var changed = arabic.QuerySelector($"#change-{consultation.Articles[0].Id}")!;
        var sides = changed.QuerySelectorAll(".ep-diff");
        Assert.Equal(2, sides.Length);
        Assert.All(sides, s => Assert.Equal("rtl", s.GetAttribute("dir")));
        Assert.Equal("1", sides[0].QuerySelector("del")!.TextContent.Replace("حُذف:", "", StringComparison.Ordinal).Trim());
        Assert.Contains("الأولى المعدّل", sides[1].QuerySelector("ins")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("مطابق للمسودة", arabic.QuerySelector($"#change-{consultation.Articles[1].Id}")!.TextContent, StringComparison.Ordinal);
        var english = await reviewer.PageAsync(ReviewSetup.ReportPath(consultation, "en") + "/preview");
        var englishSides = english.QuerySelector($"#change-{consultation.Articles[0].Id}")!.QuerySelectorAll(".ep-diff");
        Assert.All(englishSides, s => Assert.Equal("ltr", s.GetAttribute("dir")));
        Assert.Contains("Amended", englishSides[1].QuerySelector("ins")!.TextContent, StringComparison.Ordinal);

        // Questionnaire results: a table for each chart, the canvas hidden from screen readers, no inline style or script.
        var chart = arabic.QuerySelector(".ep-chart[data-chart-table]")!;
        Assert.NotNull(arabic.GetElementById(chart.GetAttribute("data-chart-table")!));
        Assert.Equal("true", chart.QuerySelector("canvas")!.GetAttribute("aria-hidden"));
        Assert.Empty(arabic.QuerySelectorAll("[style]"));
        Assert.All(arabic.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src"), "inline script"));
        Assert.NotNull(arabic.QuerySelector("link[href^='/css/diff.']"));
    }

    [Fact]
    public async Task MyParticipation_ShowsTheDispositionAndResponse_OnlyOnceTheReportIsPublished()
    {
        var (consultation, comments) = await ReviewSetup.ClosedWithCommentsAsync(factory, [new CommentPlan("اقتراحي على المادة الثانية", 2)]);
        var participant = factory.Client();
        await participant.SignInAsync(comments[0].Author.Email!, TestAccounts.Password);
        var reviewer = await ReviewSetup.ReviewerAsync(factory);
        Forms.AssertRedirect(await reviewer.SubmitAsync(ReviewSetup.ReviewPath(consultation), ReviewSetup.Disposition(CommentDisposition.PartlyAccepted, "أُخذ بجزء من الاقتراح."), actionEndsWith: $"/review/comments/{comments[0].Id}"));
        Forms.AssertRedirect(await reviewer.SubmitAsync(ReviewSetup.ReportPath(consultation), new Dictionary<string, string> { ["Input.NarrativeAr"] = "شكرًا" }));

        var before = (await participant.PageAsync("/ar/consultations/my-participation")).QuerySelector("#my-comments-title")!.ParentElement!.TextContent;
        Assert.DoesNotContain("مقبول جزئيًا", before, StringComparison.Ordinal);
        Assert.DoesNotContain("أُخذ بجزء من الاقتراح.", before, StringComparison.Ordinal);
        Assert.Contains("مع التقرير الملخص", before, StringComparison.Ordinal);
        Assert.DoesNotContain("أُخذ بجزء من الاقتراح.", await (await participant.GetAsync("/ar/account/data")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await participant.GetAsync($"/ar/consultations/{consultation.Id}")).StatusCode);
        Assert.DoesNotContain("أُخذ بجزء من الاقتراح.", await (await participant.GetAsync($"/ar/consultations/{consultation.Id}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Forms.AssertRedirect(await reviewer.SubmitAsync(ReviewSetup.ReportPath(consultation), new Dictionary<string, string> { ["Publish.Confirm"] = "true" }, actionEndsWith: "/report/publish"));

        var after = await participant.PageAsync("/ar/consultations/my-participation");
        var row = after.QuerySelector("#my-comments-title")!.ParentElement!.TextContent;
        Assert.Contains("مقبول جزئيًا", row, StringComparison.Ordinal);
        Assert.Contains("أُخذ بجزء من الاقتراح.", row, StringComparison.Ordinal);
        Assert.NotNull(after.QuerySelector($"a[href='/ar/consultations/{consultation.Id}/report']"));
        // The participant's data download carries the same answer.
        var data = await (await participant.GetAsync("/ar/account/data")).Content.ReadAsStringAsync();
        Assert.Contains("\"disposition\": \"PartlyAccepted\"", data, StringComparison.Ordinal);
        Assert.Contains("أُخذ بجزء من الاقتراح.", data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavingTheFinalText_AsTheDraft_StoresNothing_AndAnEmptyArabicFinalTextIsRefused()
    {
        var (consultation, _) = await ReviewSetup.ClosedWithCommentsAsync(factory, [new CommentPlan("تعليق")]);
        var reviewer = await ReviewSetup.ReviewerAsync(factory);
        var report = ReviewSetup.ReportPath(consultation);

        Forms.AssertRedirect(await reviewer.SubmitAsync(report, new Dictionary<string, string> { ["Input.NarrativeEn"] = "English only" }));
        Assert.Equal(0, await factory.WithDbAsync(db => db.ConsultationReportArticles.CountAsync(f => consultation.Articles.Select(a => a.Id).Contains(f.ArticleId))));
        var empty = await reviewer.SubmitAsync(report, new Dictionary<string, string> { ["Input.Articles[1].FinalAr"] = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.NotNull((await PortalClient.ParseAsync(empty)).QuerySelector(".ep-error-summary a[href='#Input_Articles_1__FinalAr']"));
        var stored = await factory.WithDbAsync(db => db.ConsultationReports.SingleAsync(r => r.ConsultationId == consultation.Id));
        Assert.Equal("English only", stored.Narrative.En);
    }
}
