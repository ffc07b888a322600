using System.Net;
using AngleSharp.Html.Dom;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Consultations;

/// <summary>Two staff members editing the same thing: the second is told, nothing is overwritten in silence, and both attempts are audited.</summary>
public sealed class StaffConflictTests(ConsultationsPortal factory) : IClassFixture<ConsultationsPortal>
{
    [Fact]
    public async Task Disposition_SavedByTwoReviewersFromTheSameForm_TheSecondSeesTheFirstsAnswer_AndCanSaveTheirsOnPurpose()
    {
        var (consultation, comments) = await ReviewSetup.ClosedWithCommentsAsync(factory, [new CommentPlan("تعليق يراجعه اثنان " + Guid.NewGuid())]);
        var comment = comments[0].Id;
        var first = await ReviewSetup.ReviewerAsync(factory);
        var second = await ReviewSetup.ReviewerAsync(factory);
        var path = ReviewSetup.ReviewPath(consultation) + "/comments/" + comment;
        var firstForm = await FormAsync(first, path);
        var secondForm = await FormAsync(second, path);

        Forms.AssertRedirect(await first.SubmitAsync(firstForm, path, ReviewSetup.Disposition(CommentDisposition.Accepted, "أُخذ بالاقتراح في المادة الأولى.")));
        var late = await second.SubmitAsync(secondForm, path, ReviewSetup.Disposition(CommentDisposition.NotAccepted, "لا يتفق مع أهداف النظام."));

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var page = await PortalClient.ParseAsync(late);
        var notice = page.QuerySelector("[role=alert].ep-conflict")!.TextContent;
        Assert.Contains("أُخذ بالاقتراح في المادة الأولى.", notice, StringComparison.Ordinal);
        Assert.Equal("لا يتفق مع أهداف النظام.", page.QuerySelector("textarea[name='Input.ResponseAr']")!.TextContent.Trim());
        Assert.Equal(CommentDisposition.Accepted, await DispositionAsync(comment));

        // Saving again from the conflict page applies the second reviewer's answer, knowingly.
        var again = (IHtmlFormElement)page.QuerySelector($"form[action$='/comments/{comment}']")!;
        Forms.AssertRedirect(await second.SubmitAsync(again, path, ReviewSetup.Disposition(CommentDisposition.NotAccepted, "لا يتفق مع أهداف النظام.")));
        Assert.Equal(CommentDisposition.NotAccepted, await DispositionAsync(comment));
        var audit = await AuditAsync(comment);
        Assert.Equal(["consultation.comment.disposition", "consultation.comment.disposition.conflict", "consultation.comment.disposition"], audit);
    }

    [Fact]
    public async Task Disposition_SavedByTwoReviewersAtTheSameMoment_OneIsSaved_TheOtherIsAConflict()
    {
        var (consultation, comments) = await ReviewSetup.ClosedWithCommentsAsync(factory, [new CommentPlan("تعليق يحفظه اثنان معًا " + Guid.NewGuid())]);
        var comment = comments[0].Id;
        var path = ReviewSetup.ReviewPath(consultation) + "/comments/" + comment;
        var reviewers = new[] { await ReviewSetup.ReviewerAsync(factory), await ReviewSetup.ReviewerAsync(factory) };
        var forms = new[] { await FormAsync(reviewers[0], path), await FormAsync(reviewers[1], path) };

        var answers = await Task.WhenAll(
            Task.Run(() => reviewers[0].SubmitAsync(forms[0], path, ReviewSetup.Disposition(CommentDisposition.Accepted, "الأول"))),
            Task.Run(() => reviewers[1].SubmitAsync(forms[1], path, ReviewSetup.Disposition(CommentDisposition.OutOfScope, "الثاني"))));

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var saved = await factory.WithDbAsync(db => db.ConsultationComments.AsNoTracking().SingleAsync(c => c.Id == comment));
        var winner = answers[0].StatusCode == HttpStatusCode.Redirect ? "الأول" : "الثاني";
        Assert.Equal(winner, saved.Response.Ar);
        Assert.Equal(1, saved.ReviewVersion);
        Assert.Contains("consultation.comment.disposition.conflict", await AuditAsync(comment));
    }

    [Fact]
    public async Task Moderation_RejectAfterAnotherModeratorApproved_ShowsTheirDecision_AndRejectsOnlyWhenAskedAgain()
    {
        var consultation = await factory.CreateConsultationAsync(moderation: ModerationMode.PreModeration);
        var (author, _) = await TestAccounts.SignedInAsync(factory);
        var comment = await Forms.CommentAsync(factory, author, consultation, "تعليق ينتظر مشرفين " + Guid.NewGuid());
        var (approver, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.Moderator]);
        var (rejecter, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.Moderator]);
        var rejectPath = $"/ar/consultations/moderation/{comment}/reject";
        var rejectForm = await FormAsync(rejecter, rejectPath);

        Forms.AssertRedirect(await approver.SubmitAsync("/ar/consultations/moderation?queue=pending", new Dictionary<string, string>(), actionEndsWith: $"/{comment}/approve"));
        var late = await rejecter.SubmitAsync(rejectForm, rejectPath, new Dictionary<string, string> { ["Input.Reason"] = "يتضمن بيانات شخصية." });

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var page = await PortalClient.ParseAsync(late);
        Assert.Contains("اعتُمد هذا التعليق بينما كنت تقرر", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(CommentStatus.Published, await StatusAsync(comment));

        var anyway = (IHtmlFormElement)page.QuerySelector($"form[action$='/{comment}/reject']")!;
        Forms.AssertRedirect(await rejecter.SubmitAsync(anyway, rejectPath, new Dictionary<string, string> { ["Input.Reason"] = "يتضمن بيانات شخصية." }));
        Assert.Equal(CommentStatus.Rejected, await StatusAsync(comment));
        Assert.Equal(["consultation.comment.approved", "consultation.comment.rejected.conflict", "consultation.comment.rejected"], await AuditAsync(comment));
        var counted = await factory.WithDbAsync(db => db.Consultations.Where(c => c.Id == consultation.Id).Select(c => c.CommentCount).SingleAsync());
        Assert.Equal(0, counted);
    }

    [Fact]
    public async Task Report_SavedByTwoEditorsFromTheSameForm_TheSecondIsToldAndKeepsTheirText()
    {
        var (consultation, _) = await ReviewSetup.ClosedWithCommentsAsync(factory, [new CommentPlan("تعليق للتقرير " + Guid.NewGuid())]);
        var path = ReviewSetup.ReportPath(consultation);
        var first = await ReviewSetup.ReviewerAsync(factory);
        var second = await ReviewSetup.ReviewerAsync(factory);
        var firstForm = await ReportFormAsync(first, path);
        var secondForm = await ReportFormAsync(second, path);

        Forms.AssertRedirect(await first.SubmitAsync(firstForm, path, new Dictionary<string, string> { ["Input.NarrativeAr"] = "سرد المحرر الأول" }));
        var late = await second.SubmitAsync(secondForm, path, new Dictionary<string, string> { ["Input.NarrativeAr"] = "سرد المحرر الثاني" });

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var page = await PortalClient.ParseAsync(late);
        Assert.Contains("سرد المحرر الأول", page.QuerySelector(".ep-conflict")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("سرد المحرر الثاني", page.QuerySelector("textarea[name='Input.NarrativeAr']")!.TextContent.Trim());
        Assert.Equal("سرد المحرر الأول", await factory.WithDbAsync(db => db.ConsultationReports.Where(r => r.ConsultationId == consultation.Id).Select(r => r.Narrative.Ar).SingleAsync()));

        Forms.AssertRedirect(await second.SubmitAsync(await ReportFormFromAsync(page), path, new Dictionary<string, string> { ["Input.NarrativeAr"] = "سرد المحرر الثاني" }));
        Assert.Equal("سرد المحرر الثاني", await factory.WithDbAsync(db => db.ConsultationReports.Where(r => r.ConsultationId == consultation.Id).Select(r => r.Narrative.Ar).SingleAsync()));
        Assert.Equal(["consultation.report.saved", "consultation.report.saved.conflict", "consultation.report.saved"], await ConsultationAuditAsync(consultation.Id, "consultation.report."));
    }

    [Fact]
    public async Task Details_SavedByTwoPublishersFromTheSameForm_TheSecondIsToldAndNothingIsOverwritten()
    {
        var consultation = await factory.CreateConsultationAsync(published: false);
        var path = $"/ar/consultations/manage/{consultation.Id}";
        var (first, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "hrsd");
        var (second, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "hrsd");
        var firstForm = await DetailsFormAsync(first, path);
        var secondForm = await DetailsFormAsync(second, path);

        Forms.AssertRedirect(await first.SubmitAsync(firstForm, path, new Dictionary<string, string> { ["Input.TitleAr"] = "عنوان الناشر الأول" }));
        var late = await second.SubmitAsync(secondForm, path, new Dictionary<string, string> { ["Input.TitleAr"] = "عنوان الناشر الثاني" });

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var page = await PortalClient.ParseAsync(late);
        Assert.NotNull(page.QuerySelector(".ep-conflict[role=alert]"));
        Assert.Equal("عنوان الناشر الثاني", page.QuerySelector("input[name='Input.TitleAr']")!.GetAttribute("value"));
        Assert.Equal("عنوان الناشر الأول", await factory.WithDbAsync(db => db.Consultations.Where(c => c.Id == consultation.Id).Select(c => c.Title.Ar).SingleAsync()));
        Assert.Equal(["consultation.updated", "consultation.updated.conflict"], await ConsultationAuditAsync(consultation.Id, "consultation.updated"));
    }

    private static async Task<IHtmlFormElement> ReportFormAsync(PortalClient client, string path) =>
        await ReportFormFromAsync(await client.PageAsync(path));

    private static Task<IHtmlFormElement> ReportFormFromAsync(AngleSharp.Dom.IDocument page) =>
        Task.FromResult((IHtmlFormElement)page.QuerySelectorAll("main form").Single(f => f.QuerySelector("textarea[name='Input.NarrativeAr']") is not null));

    private static async Task<IHtmlFormElement> DetailsFormAsync(PortalClient client, string path) =>
        (IHtmlFormElement)(await client.PageAsync(path)).QuerySelectorAll("main form").Single(f => f.QuerySelector("input[name='Input.TitleAr']") is not null);

    private Task<List<string>> ConsultationAuditAsync(int consultation, string prefix)
    {
        var id = consultation.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Consultation" && a.EntityId == id && a.Action.StartsWith(prefix)).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    private static async Task<IHtmlFormElement> FormAsync(PortalClient client, string path)
    {
        var page = await client.PageAsync(path);
        return (IHtmlFormElement)page.QuerySelectorAll("main form").Single(f => f.GetAttribute("method") == "post" && f.QuerySelector("textarea, button[type=submit]") is not null && !f.ClassList.Contains("ep-header-form"));
    }

    private Task<CommentDisposition?> DispositionAsync(long comment) =>
        factory.WithDbAsync(db => db.ConsultationComments.Where(c => c.Id == comment).Select(c => c.Disposition).SingleAsync());

    private Task<CommentStatus> StatusAsync(long comment) =>
        factory.WithDbAsync(db => db.ConsultationComments.Where(c => c.Id == comment).Select(c => c.Status).SingleAsync());

    private Task<List<string>> AuditAsync(long comment)
    {
        var id = comment.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "ConsultationComment" && a.EntityId == id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }
}
