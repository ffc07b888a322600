using System.Globalization;
using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Consultations;

/// <summary>
/// The legislation office's review after closing: grouping near-identical comments through the real
/// service and database, answering a group once, "save and go to the next", the bulk action for the
/// remainder, filters, and who may review what. The clock moves, so this class has its own portal.
/// </summary>
public sealed class ReviewTests(ReviewTests.Portal factory) : IClassFixture<ReviewTests.Portal>
{
    public sealed class Portal : ConsultationsPortal;

    [Fact]
    public async Task GroupSimilarComments_PutsACampaignWithSmallEditsInOneGroup_AndADifferentCommentOutsideIt()
    {
        var plan = ReviewSetup.CampaignVariants.Select(v => new CommentPlan(v, 2))
            .Append(new CommentPlan(ReviewSetup.Different, 2))
            .Append(new CommentPlan("أقترح إضافة تعريف للعمل عن بُعد في المادة الأولى.", 1));
        var (consultation, comments) = await ReviewSetup.ClosedWithCommentsAsync(factory, plan);
        var reviewer = await ReviewSetup.ReviewerAsync(factory);
        var path = ReviewSetup.ReviewPath(consultation);

        var before = await reviewer.PageAsync(path);
        Assert.Contains("لم تُجمَّع التعليقات بعد", before.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Forms.AssertRedirect(await reviewer.SubmitAsync(path, new Dictionary<string, string>(), actionEndsWith: "/review/group"));

        var stored = await factory.WithDbAsync(db => db.ConsultationComments.Where(c => c.ConsultationId == consultation.Id).ToDictionaryAsync(c => c.Id, c => c.GroupId));
        var campaign = comments.Take(ReviewSetup.CampaignVariants.Count).Select(c => stored[c.Id]).ToList();
        Assert.All(campaign, g => Assert.Equal(comments[0].Id, g));
        Assert.Null(stored[comments[^2].Id]);
        Assert.Null(stored[comments[^1].Id]);
        Assert.NotNull(await factory.WithDbAsync(db => db.Consultations.Where(c => c.Id == consultation.Id).Select(c => c.GroupedAt).SingleAsync()));

        var groups = await reviewer.PageAsync(path + "?view=groups");
        var group = groups.QuerySelector($"#group-{comments[0].Id}");
        Assert.NotNull(group);
        Assert.Contains($"({ReviewSetup.CampaignVariants.Count})", group!.QuerySelector("h4")!.TextContent, StringComparison.Ordinal);
        Assert.Single(groups.QuerySelectorAll(".ep-review-list > li"));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "consultation.comments.grouped" && a.EntityId == consultation.Id.ToString(CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task AnsweringAGroup_GivesEveryMemberTheDispositionAndResponse_AndRegroupingKeepsThem()
    {
        var plan = ReviewSetup.CampaignVariants.Take(3).Select(v => new CommentPlan(v, 2)).Append(new CommentPlan(ReviewSetup.Different, 2));
        var (consultation, comments) = await ReviewSetup.ClosedWithCommentsAsync(factory, plan);
        var reviewer = await ReviewSetup.ReviewerAsync(factory);
        var path = ReviewSetup.ReviewPath(consultation);
        Forms.AssertRedirect(await reviewer.SubmitAsync(path, new Dictionary<string, string>(), actionEndsWith: "/review/group"));

        var response = await reviewer.SubmitAsync(path + "?view=groups",
            ReviewSetup.Disposition(CommentDisposition.PartlyAccepted, "أُضيفت حالات الولادة المبكرة إلى المادة الثانية.", "Premature births were added to article 2."),
            actionEndsWith: $"/review/groups/{comments[0].Id}");

        Forms.AssertRedirect(response);
        Assert.EndsWith($"#group-{comments[0].Id}", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var stored = await factory.WithDbAsync(db => db.ConsultationComments.Where(c => c.ConsultationId == consultation.Id).OrderBy(c => c.Id).ToListAsync());
        Assert.All(stored.Take(3), c =>
        {
            Assert.Equal(CommentDisposition.PartlyAccepted, c.Disposition);
            Assert.Equal("أُضيفت حالات الولادة المبكرة إلى المادة الثانية.", c.Response.Ar);
            Assert.Equal("Premature births were added to article 2.", c.Response.En);
        });
        Assert.Null(stored[3].Disposition);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "consultation.group.disposition" && a.EntityId == consultation.Id.ToString(CultureInfo.InvariantCulture))));

        // Grouping again changes no decision.
        Forms.AssertRedirect(await reviewer.SubmitAsync(path, new Dictionary<string, string>(), actionEndsWith: "/review/group"));
        Assert.Equal(3, await factory.WithDbAsync(db => db.ConsultationComments.CountAsync(c => c.ConsultationId == consultation.Id && c.Disposition == CommentDisposition.PartlyAccepted)));
    }

    [Fact]
    public async Task SaveAndNext_ComesBackToTheSameFilteredList_AtTheNextCommentWithoutADisposition()
    {
        var plan = Enumerable.Range(1, 25).Select(i => new CommentPlan($"تعليق مستقل رقم {i} عن موضوع مختلف تمامًا {Guid.NewGuid():N}", i % 2 == 0 ? 1 : 2));
        var (consultation, comments) = await ReviewSetup.ClosedWithCommentsAsync(factory, plan);
        var onArticle1 = comments.Where((_, i) => (i + 1) % 2 == 0).ToList(); // 12 comments
        var articleId = consultation.Articles.Single(a => a.Number == 1).Id.ToString(CultureInfo.InvariantCulture);
        var reviewer = await ReviewSetup.ReviewerAsync(factory);
        var list = ReviewSetup.ReviewPath(consultation) + "?article=" + articleId + "&disposition=none";

        var page = await reviewer.PageAsync(list);
        Assert.Equal(12, page.QuerySelectorAll(".ep-review-list > li").Length);
        // Every comment's form is in the page, reachable by keyboard, with its own labelled fields.
        Assert.Equal(12, page.QuerySelectorAll("form.ep-disposition-form").Length);
        Assert.Equal(page.QuerySelectorAll("[id]").Length, page.QuerySelectorAll("[id]").Select(e => e.Id).Distinct().Count());

        var first = await reviewer.SubmitAsync(list, ReviewSetup.Disposition(CommentDisposition.Accepted, "شكرًا، أُخذ بالاقتراح."), actionEndsWith: $"/review/comments/{onArticle1[0].Id}");

        Forms.AssertRedirect(first);
        var location = first.Headers.Location!.OriginalString;
        Assert.Contains("article=" + articleId, location, StringComparison.Ordinal);
        Assert.Contains("disposition=none", location, StringComparison.Ordinal);
        Assert.EndsWith($"#comment-{onArticle1[1].Id}", location, StringComparison.Ordinal);
        var next = await reviewer.PageAsync(location.Split('#')[0]);
        Assert.NotNull(next.QuerySelector($"#comment-{onArticle1[1].Id} form"));
        Assert.Null(next.QuerySelector($"#comment-{onArticle1[0].Id}"));
        Assert.Contains(onArticle1[1].Id.ToString(CultureInfo.InvariantCulture), next.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);

        // With the default list (all comments, 20 a page), the next undecided one is on page 2.
        var all = ReviewSetup.ReviewPath(consultation);
        for (var i = 0; i < 20; i++)
        {
            await factory.WithDbAsync(async db =>
            {
                var comment = await db.ConsultationComments.SingleAsync(c => c.Id == comments[i].Id);
                comment.SetDisposition(CommentDisposition.NotAccepted, new EParticipation.Web.Platform.Localization.LocalizedText("لا", ""), null, factory.Now);
                await db.SaveChangesAsync();
            });
        }
        var twentieth = await reviewer.SubmitAsync(all, ReviewSetup.Disposition(CommentDisposition.OutOfScope, "خارج نطاق المشروع."), actionEndsWith: $"/review/comments/{comments[19].Id}");
        Assert.EndsWith($"page=2#comment-{comments[20].Id}", twentieth.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidDisposition_ShowsTheCommentWithItsErrors_AndSavesNothing()
    {
        var (consultation, comments) = await ReviewSetup.ClosedWithCommentsAsync(factory, [new CommentPlan("تعليق بلا قرار بعد", 1)]);
        var reviewer = await ReviewSetup.ReviewerAsync(factory);

        var response = await reviewer.SubmitAsync(ReviewSetup.ReviewPath(consultation), new Dictionary<string, string> { ["Input.ResponseAr"] = "" },
            actionEndsWith: $"/review/comments/{comments[0].Id}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        var summary = page.QuerySelector(".ep-error-summary")!.TextContent;
        Assert.Contains("اختر قرار الجهة", summary, StringComparison.Ordinal);
        Assert.Contains("اكتب رد الجهة", summary, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("fieldset#Input_Disposition"));
        Assert.Null(await factory.WithDbAsync(db => db.ConsultationComments.Where(c => c.Id == comments[0].Id).Select(c => c.Disposition).SingleAsync()));
    }

    [Fact]
    public async Task MarkTheRemaining_NeedsExplicitConfirmation_AndChangesOnlyCommentsWithoutADisposition()
    {
        var plan = Enumerable.Range(1, 4).Select(i => new CommentPlan($"ملاحظة رقم {i} على المشروع {Guid.NewGuid():N}"));
        var (consultation, comments) = await ReviewSetup.ClosedWithCommentsAsync(factory, plan);
        var reviewer = await ReviewSetup.ReviewerAsync(factory);
        var review = ReviewSetup.ReviewPath(consultation);
        Forms.AssertRedirect(await reviewer.SubmitAsync(review, ReviewSetup.Disposition(CommentDisposition.Accepted, "أُخذ به."), actionEndsWith: $"/review/comments/{comments[0].Id}"));

        var page = await reviewer.PageAsync(review + "/remaining");
        Assert.Equal("3", page.QuerySelector("input[name='Input.Expected']")!.GetAttribute("value"));
        var unconfirmed = await reviewer.SubmitAsync(review + "/remaining", new Dictionary<string, string>
        {
            ["Input.Disposition"] = nameof(CommentDisposition.OutOfScope),
            ["Input.ResponseAr"] = "خارج نطاق المشروع.",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconfirmed.StatusCode);
        Assert.Equal(3, await Undecided());

        // Another reviewer answered one meanwhile: the confirmed number no longer holds.
        await factory.WithDbAsync(async db =>
        {
            var comment = await db.ConsultationComments.SingleAsync(c => c.Id == comments[1].Id);
            comment.SetDisposition(CommentDisposition.NotAccepted, new EParticipation.Web.Platform.Localization.LocalizedText("لا يتفق مع أهداف النظام.", ""), null, factory.Now);
            await db.SaveChangesAsync();
        });
        var stale = await Forms.PostAsync(reviewer, review, review + "/remaining", new Dictionary<string, string>
        {
            ["Input.Disposition"] = nameof(CommentDisposition.OutOfScope),
            ["Input.ResponseAr"] = "خارج نطاق المشروع.",
            ["Input.Expected"] = "3",
            ["Input.Confirm"] = "true",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        Assert.Equal(2, await Undecided());

        var bulkAccept = await Forms.PostAsync(reviewer, review, review + "/remaining", new Dictionary<string, string>
        {
            ["Input.Disposition"] = nameof(CommentDisposition.Accepted),
            ["Input.ResponseAr"] = "قُبلت كلها.",
            ["Input.Expected"] = "2",
            ["Input.Confirm"] = "true",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bulkAccept.StatusCode);

        var done = await reviewer.SubmitAsync(review + "/remaining", new Dictionary<string, string>
        {
            ["Input.Disposition"] = nameof(CommentDisposition.OutOfScope),
            ["Input.ResponseAr"] = "خارج نطاق المشروع.",
            ["Input.ResponseEn"] = "Outside the draft's scope.",
            ["Input.Confirm"] = "true",
        });
        Forms.AssertRedirect(done);
        var stored = await factory.WithDbAsync(db => db.ConsultationComments.Where(c => c.ConsultationId == consultation.Id).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal([CommentDisposition.Accepted, CommentDisposition.NotAccepted, CommentDisposition.OutOfScope, CommentDisposition.OutOfScope], stored.Select(c => c.Disposition!.Value));
        Assert.Equal("أُخذ به.", stored[0].Response.Ar);
        Assert.Equal("Outside the draft's scope.", stored[3].Response.En);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "consultation.remaining.disposition" && a.EntityId == consultation.Id.ToString(CultureInfo.InvariantCulture))));

        Task<int> Undecided() => factory.WithDbAsync(db => db.ConsultationComments.CountAsync(c => c.ConsultationId == consultation.Id && c.Disposition == null));
    }

    [Fact]
    public async Task Filters_FindByNormalisedArabicText_ParticipantTypeAndDisposition()
    {
        var (consultation, comments) = await ReviewSetup.ClosedWithCommentsAsync(factory,
        [
            new CommentPlan("نقترح تعديل الإستراتيجية الوطنية للتدريب", 1, AccountType.Business),
            new CommentPlan("أقترح زيادة مدة الإجازة السنوية", 2, AccountType.Resident),
            new CommentPlan("ملاحظة عامة على المشروع", null, AccountType.Visitor),
        ]);
        var reviewer = await ReviewSetup.ReviewerAsync(factory);
        var path = ReviewSetup.ReviewPath(consultation);

        async Task<List<string>> Listed(string query) =>
            (await reviewer.PageAsync(path + query)).QuerySelectorAll(".ep-review-list > li").Select(li => li.Id!).ToList();

        Assert.Equal([$"comment-{comments[0].Id}"], await Listed("?q=" + Uri.EscapeDataString("الاستراتيجيه")));
        Assert.Equal([$"comment-{comments[1].Id}"], await Listed("?type=resident"));
        Assert.Equal([$"comment-{comments[2].Id}"], await Listed("?article=general"));
        Assert.Equal(3, (await Listed("?disposition=none")).Count);
        Assert.Empty(await Listed("?disposition=accepted"));
        var page = await reviewer.PageAsync(path);
        Assert.Contains("ممثل منشأة تجارية", page.QuerySelector($"#comment-{comments[0].Id}")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(comments[0].Author.Email!, page.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(comments[0].Author.FullName, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_WhileTheConsultationIsOpen_IsRefused()
    {
        var (consultation, comments) = await ReviewSetup.OpenWithCommentsAsync(factory, [new CommentPlan("تعليق على استشارة مفتوحة")], closesIn: TimeSpan.FromDays(10));
        var reviewer = await ReviewSetup.ReviewerAsync(factory);
        var path = ReviewSetup.ReviewPath(consultation);

        Assert.Equal(HttpStatusCode.Conflict, (await reviewer.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await reviewer.GetAsync(ReviewSetup.ReportPath(consultation))).StatusCode);
        var decide = await Forms.PostAsync(reviewer, "/ar/consultations", $"{path}/comments/{comments[0].Id}", ReviewSetup.Disposition(CommentDisposition.Accepted, "مبكرًا"));
        var group = await Forms.PostAsync(reviewer, "/ar/consultations", $"{path}/group");
        var publish = await Forms.PostAsync(reviewer, "/ar/consultations", ReviewSetup.ReportPath(consultation) + "/publish", new Dictionary<string, string> { ["Publish.Confirm"] = "true" });

        Assert.Equal(HttpStatusCode.Conflict, decide.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, group.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, publish.StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.ConsultationComments.Where(c => c.Id == comments[0].Id).Select(c => c.Disposition).SingleAsync()));
        Assert.Null(await factory.WithDbAsync(db => db.Consultations.Where(c => c.Id == consultation.Id).Select(c => c.ReportPublishedAt).SingleAsync()));
    }

    [Fact]
    public async Task AnotherAgencysReviewer_CannotReviewExportOrReport_AndPublishersReviewOnlyWhatIsNotLegislation()
    {
        var (law, comments) = await ReviewSetup.ClosedWithCommentsAsync(factory, [new CommentPlan("تعليق على مشروع نظام")]);
        var (strategy, _) = await ReviewSetup.ClosedWithCommentsAsync(factory, [new CommentPlan("تعليق على استراتيجية")], kind: ConsultationKind.Strategy);
        var moj = await ReviewSetup.ReviewerAsync(factory, agency: "moj");
        var review = ReviewSetup.ReviewPath(law);
        var report = ReviewSetup.ReportPath(law);
        var export = $"/ar/consultations/manage/{law.Id}/export";

        foreach (var path in new[] { review, $"{review}/comments/{comments[0].Id}", $"{review}/remaining", report, report + "/preview", export + "/comments.csv", export + "/comments.json", export + "/answers.csv", export + "/answers.json" })
        {
            var response = await moj.GetAsync(path);
            // Another agency's consultation answers exactly as a missing id would (issue 10).
            Assert.True(response.StatusCode is HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
            Assert.DoesNotContain("تعليق على مشروع نظام", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var decide = await Forms.PostAsync(moj, "/ar/consultations", $"{review}/comments/{comments[0].Id}", ReviewSetup.Disposition(CommentDisposition.NotAccepted, "مرفوض"));
        var bulk = await Forms.PostAsync(moj, "/ar/consultations", $"{review}/remaining", new Dictionary<string, string>
        {
            ["Input.Disposition"] = "OutOfScope", ["Input.ResponseAr"] = "خارج", ["Input.Expected"] = "1", ["Input.Confirm"] = "true",
        });
        var publish = await Forms.PostAsync(moj, "/ar/consultations", report + "/publish", new Dictionary<string, string> { ["Publish.Confirm"] = "true" });
        Assert.Equal(HttpStatusCode.NotFound, decide.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bulk.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, publish.StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.ConsultationComments.Where(c => c.Id == comments[0].Id).Select(c => c.Disposition).SingleAsync()));

        // The agency's publishers review strategies, policies, initiatives and services, not laws.
        var publisher = await ReviewSetup.ReviewerAsync(factory, role: Roles.AgencyPublisher);
        Assert.Equal(HttpStatusCode.Forbidden, (await publisher.GetAsync(review)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await publisher.GetAsync(ReviewSetup.ReviewPath(strategy))).StatusCode);
        var own = await ReviewSetup.ReviewerAsync(factory);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync(ReviewSetup.ReviewPath(strategy))).StatusCode);
        var list = await own.PageAsync("/ar/consultations/manage/reviews");
        Assert.NotNull(list.QuerySelector($"a[href='{review}']"));

        var (participant, _) = await TestAccounts.SignedInAsync(factory);
        Assert.Equal(HttpStatusCode.Forbidden, (await participant.GetAsync(review)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await participant.GetAsync(export + "/comments.csv")).StatusCode);
    }
}
