using System.Globalization;
using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Consultations;

/// <summary>Pre-moderation, reports that hide a comment, and the moderators' audited decisions.</summary>
public sealed class ModerationTests(ConsultationsPortal factory) : IClassFixture<ConsultationsPortal>
{
    [Fact]
    public async Task PreModeratedComment_IsInvisibleUntilApproved_AndItsAuthorIsTold()
    {
        var consultation = await factory.CreateConsultationAsync(moderation: ModerationMode.PreModeration);
        var author = await TestAccounts.CreateAsync(factory);
        var client = factory.Client();
        await client.SignInAsync(author.Email!, TestAccounts.Password);
        var commentId = await Forms.CommentAsync(factory, client, consultation, "تعليق ينتظر الاعتماد");

        var before = await factory.Client().PageAsync($"/ar/consultations/{consultation.Id}");
        Assert.DoesNotContain("تعليق ينتظر الاعتماد", before.QuerySelector("#general-comments")!.TextContent, StringComparison.Ordinal);
        var own = await client.PageAsync($"/ar/consultations/{consultation.Id}");
        Assert.Contains("بانتظار الاعتماد", own.QuerySelector("#my-comments")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Consultations.Where(c => c.Id == consultation.Id).Select(c => c.CommentCount).SingleAsync()));

        var (moderator, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.Moderator]);
        var queue = await moderator.PageAsync("/ar/consultations/moderation?queue=pending");
        Assert.NotNull(queue.QuerySelector($"#comment-{commentId}"));
        Forms.AssertRedirect(await moderator.SubmitAsync("/ar/consultations/moderation?queue=pending", new Dictionary<string, string>(), actionEndsWith: $"/{commentId}/approve"));

        var after = await factory.Client().PageAsync($"/ar/consultations/{consultation.Id}");
        Assert.Contains("تعليق ينتظر الاعتماد", after.QuerySelector("#general-comments")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Consultations.Where(c => c.Id == consultation.Id).Select(c => c.CommentCount).SingleAsync()));
        var mail = await factory.PickupFolder.WaitForAsync(author.Email!, m => m.Subject.Contains("نُشر تعليقك", StringComparison.Ordinal));
        Assert.Contains("تعليق ينتظر الاعتماد", mail.TextBody, StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "consultation.comment.approved" && a.EntityId == commentId.ToString(CultureInfo.InvariantCulture))));
        // Once moderated, its author can no longer change it.
        var edit = await client.GetAsync($"/ar/consultations/{consultation.Id}/comments/{commentId}/edit");
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
    }

    [Fact]
    public async Task ThreeReports_ByDifferentParticipants_HideAPublishedComment_UntilAModeratorDecides()
    {
        var consultation = await factory.CreateConsultationAsync();
        var (author, _) = await TestAccounts.SignedInAsync(factory);
        var commentId = await Forms.CommentAsync(factory, author, consultation, "تعليق مسيء يستحق البلاغ");

        for (var i = 0; i < 3; i++)
        {
            var (reporter, _) = await TestAccounts.SignedInAsync(factory);
            var response = await reporter.SubmitAsync($"/ar/consultations/{consultation.Id}/comments/{commentId}/report", new Dictionary<string, string>
            {
                ["Input.Reason"] = nameof(ReportReason.Offensive),
            });
            Forms.AssertRedirect(response);
            var visible = (await factory.Client().PageAsync($"/ar/consultations/{consultation.Id}")).QuerySelector("#general-comments")!.TextContent
                .Contains("تعليق مسيء يستحق البلاغ", StringComparison.Ordinal);
            Assert.Equal(i < 2, visible);
        }

        var comment = await factory.WithDbAsync(db => db.ConsultationComments.SingleAsync(c => c.Id == commentId));
        Assert.Equal(CommentStatus.Hidden, comment.Status);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Consultations.Where(c => c.Id == consultation.Id).Select(c => c.CommentCount).SingleAsync()));
        var (moderator, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.Moderator]);
        var queue = await moderator.PageAsync("/en/consultations/moderation?queue=reported");
        Assert.Contains("3 reports", queue.QuerySelector($"#comment-{commentId}")!.TextContent, StringComparison.Ordinal);

        Forms.AssertRedirect(await moderator.SubmitAsync($"/en/consultations/moderation/{commentId}/reject?queue=reported", new Dictionary<string, string>
        {
            ["Input.Reason"] = "يتضمن عبارات مسيئة تخالف ضوابط المشاركة.",
        }));
        Assert.Equal(CommentStatus.Rejected, await factory.WithDbAsync(db => db.ConsultationComments.Where(c => c.Id == commentId).Select(c => c.Status).SingleAsync()));
        Assert.Equal(0, await factory.WithDbAsync(db => db.ContentReports.CountAsync(r => r.ContentId == commentId.ToString(CultureInfo.InvariantCulture) && r.ResolvedAt == null)));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "consultation.comment.rejected" && a.EntityId == commentId.ToString(CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task Reports_ArrivingAtOnce_HideTheCommentOnce_AndKeepTheCountRight()
    {
        var consultation = await factory.CreateConsultationAsync();
        var (author, _) = await TestAccounts.SignedInAsync(factory);
        await Forms.CommentAsync(factory, author, consultation, "تعليق لا يُبلّغ عنه");
        var commentId = await Forms.CommentAsync(factory, author, consultation, "تعليق تصله بلاغات كثيرة معًا");
        var path = $"/ar/consultations/{consultation.Id}/comments/{commentId}/report";
        var reporters = new List<(PortalClient Client, AngleSharp.Html.Dom.IHtmlFormElement Form)>();
        for (var i = 0; i < 6; i++)
        {
            var (reporter, _) = await TestAccounts.SignedInAsync(factory);
            var form = (await reporter.PageAsync(path)).QuerySelectorAll("form").OfType<AngleSharp.Html.Dom.IHtmlFormElement>()
                .Single(f => f.GetAttribute("action")!.EndsWith("/report", StringComparison.Ordinal));
            reporters.Add((reporter, form));
        }

        var responses = await Task.WhenAll(reporters.Select(r => r.Client.SubmitAsync(r.Form, path, new Dictionary<string, string> { ["Input.Reason"] = nameof(ReportReason.Spam) })));

        // Those that arrive once the comment is hidden find nothing left to report.
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.NotFound, r.StatusCode.ToString()));
        var (status, count, general) = await factory.WithDbAsync(async db => (
            await db.ConsultationComments.Where(c => c.Id == commentId).Select(c => c.Status).SingleAsync(),
            await db.Consultations.Where(c => c.Id == consultation.Id).Select(c => c.CommentCount).SingleAsync(),
            await db.Consultations.Where(c => c.Id == consultation.Id).Select(c => c.GeneralCommentCount).SingleAsync()));
        Assert.Equal(CommentStatus.Hidden, status);
        Assert.Equal(1, count);
        Assert.Equal(1, general);
    }

    [Fact]
    public async Task Report_TwiceBySameParticipant_CountsOnce()
    {
        var consultation = await factory.CreateConsultationAsync();
        var (author, _) = await TestAccounts.SignedInAsync(factory);
        var commentId = await Forms.CommentAsync(factory, author, consultation, "تعليق يُبلّغ عنه مرتين");
        var (reporter, _) = await TestAccounts.SignedInAsync(factory);

        for (var i = 0; i < 2; i++)
        {
            Forms.AssertRedirect(await Forms.PostAsync(reporter, $"/ar/consultations/{consultation.Id}", $"/ar/consultations/{consultation.Id}/comments/{commentId}/report",
                new Dictionary<string, string> { ["Input.Reason"] = nameof(ReportReason.Spam) }));
        }

        Assert.Equal(1, await factory.WithDbAsync(db => db.ContentReports.CountAsync(r => r.ContentId == commentId.ToString(CultureInfo.InvariantCulture))));
        Assert.Equal(CommentStatus.Published, await factory.WithDbAsync(db => db.ConsultationComments.Where(c => c.Id == commentId).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task FirstReport_PutsTheCommentInTheReportsQueueAtOnce_WithItsReason_WhileItStaysPublished()
    {
        var consultation = await factory.CreateConsultationAsync();
        var (author, _) = await TestAccounts.SignedInAsync(factory);
        var commentId = await Forms.CommentAsync(factory, author, consultation, "تعليق يصله بلاغ واحد");
        var (moderator, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.Moderator]);
        // A moderator already approved it from the post-moderation list: a later report still reaches the queue.
        Forms.AssertRedirect(await moderator.SubmitAsync("/ar/consultations/moderation?queue=published", new Dictionary<string, string>(), actionEndsWith: $"/{commentId}/approve"));
        var (reporter, _) = await TestAccounts.SignedInAsync(factory);
        Forms.AssertRedirect(await reporter.SubmitAsync($"/ar/consultations/{consultation.Id}/comments/{commentId}/report", new Dictionary<string, string>
        {
            ["Input.Reason"] = nameof(ReportReason.PersonalData),
            ["Input.Details"] = "يذكر رقم هاتف شخص",
        }));

        var queue = await moderator.PageAsync("/en/consultations/moderation?queue=reported");
        var item = queue.QuerySelector($"#comment-{commentId}");
        Assert.NotNull(item);
        Assert.Contains("1 report", item.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("1 reports", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("Reveals someone's personal data: يذكر رقم هاتف شخص", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("Still shown on the consultation's page", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("Reported comments (", queue.QuerySelector("nav .nav-link.active")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("تعليق يصله بلاغ واحد", (await factory.Client().PageAsync($"/ar/consultations/{consultation.Id}")).QuerySelector("#general-comments")!.TextContent, StringComparison.Ordinal);

        // Keeping it closes the report: the comment leaves the queue and stays published.
        Forms.AssertRedirect(await moderator.SubmitAsync("/en/consultations/moderation?queue=reported", new Dictionary<string, string>(), actionEndsWith: $"/{commentId}/approve"));
        Assert.Null((await moderator.PageAsync("/en/consultations/moderation?queue=reported")).QuerySelector($"#comment-{commentId}"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.ContentReports.CountAsync(r => r.ContentId == commentId.ToString(CultureInfo.InvariantCulture) && r.ResolvedAt == null)));
        Assert.Equal(CommentStatus.Published, await factory.WithDbAsync(db => db.ConsultationComments.Where(c => c.Id == commentId).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task Reject_WithoutAReason_IsRefused()
    {
        var consultation = await factory.CreateConsultationAsync(moderation: ModerationMode.PreModeration);
        var (author, _) = await TestAccounts.SignedInAsync(factory);
        var commentId = await Forms.CommentAsync(factory, author, consultation, "تعليق بلا سبب رفض");
        var (moderator, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.Moderator]);

        var response = await moderator.SubmitAsync($"/ar/consultations/moderation/{commentId}/reject", new Dictionary<string, string> { ["Input.Reason"] = "" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await PortalClient.ParseAsync(response)).QuerySelector(".ep-error-summary"));
        Assert.Equal(CommentStatus.Pending, await factory.WithDbAsync(db => db.ConsultationComments.Where(c => c.Id == commentId).Select(c => c.Status).SingleAsync()));
    }
}
