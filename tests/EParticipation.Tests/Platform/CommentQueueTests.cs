using System.Globalization;
using System.Net;
using EParticipation.Tests.Consultations;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Platform;

/// <summary>
/// The moderators' one queue (/moderation/comments): consultation comments and comments on ideas side
/// by side, each decided through its own module's rules, and agency moderators limited to their agency.
/// </summary>
public sealed class CommentQueueTests(ConsultationsPortal factory) : IClassFixture<ConsultationsPortal>
{
    [Fact]
    public async Task OneQueue_ShowsConsultationAndIdeaComments_AndEachDecisionFollowsItsModule()
    {
        var consultation = await factory.CreateConsultationAsync(moderation: ModerationMode.PreModeration);
        var (consultationAuthor, consultationAuthorUser) = await TestAccounts.SignedInAsync(factory);
        var consultationComment = await Forms.CommentAsync(factory, consultationAuthor, consultation, "تعليق على الاستطلاع ينتظر القرار");
        var idea = await PreModeratedIdeaAsync("moj");
        var ideaComment = await CommentOnIdeaAsync(idea, "تعليق على الفكرة ينتظر القرار");

        var (moderator, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.Moderator], language: "en");
        var queue = await moderator.PageAsync("/en/moderation/comments");
        Assert.Contains("Consultation", queue.QuerySelector($"#comment-consultations-{consultationComment} .ep-comment-origin")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Idea", queue.QuerySelector($"#comment-items-{ideaComment} .ep-comment-origin")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(queue.QuerySelector($"#comment-items-{ideaComment} a[href='/en/ideas/{idea}']"));

        Forms.AssertRedirect(await moderator.SubmitAsync("/en/moderation/comments", new Dictionary<string, string> { ["decision"] = "approve" }, actionEndsWith: $"/consultations/{consultationComment}/decide"));
        Forms.AssertRedirect(await moderator.SubmitAsync("/en/moderation/comments", new Dictionary<string, string> { ["decision"] = "reject", ["reason"] = "خارج موضوع الفكرة" }, actionEndsWith: $"/items/{ideaComment}/decide"));

        // The consultation's own rules: counter, audit entry and the author's email.
        Assert.Equal(1, await factory.WithDbAsync(db => db.Consultations.Where(c => c.Id == consultation.Id).Select(c => c.CommentCount).SingleAsync()));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "consultation.comment.approved" && a.EntityId == consultationComment.ToString(CultureInfo.InvariantCulture))));
        await factory.PickupFolder.WaitForAsync(consultationAuthorUser.Email!, m => m.Subject.Contains("نُشر تعليقك", StringComparison.Ordinal));
        // The idea's: rejected with its reason, not counted.
        var rejected = await factory.WithDbAsync(db => db.ThreadComments.SingleAsync(c => c.Id == ideaComment));
        Assert.Equal(CommentStatus.Rejected, rejected.Status);
        Assert.Equal("خارج موضوع الفكرة", rejected.RejectionReason);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Ideas.Where(i => i.Id == idea).Select(i => i.CommentCount).SingleAsync()));
        var after = await moderator.PageAsync("/en/moderation/comments");
        Assert.Null(after.QuerySelector($"#comment-consultations-{consultationComment}"));
        Assert.Null(after.QuerySelector($"#comment-items-{ideaComment}"));
    }

    [Fact]
    public async Task AgencyModerator_SeesAndDecidesOnlyTheirAgencysComments()
    {
        var consultation = await factory.CreateConsultationAsync(agency: "hrsd", moderation: ModerationMode.PreModeration);
        var (author, _) = await TestAccounts.SignedInAsync(factory);
        var otherAgencys = await Forms.CommentAsync(factory, author, consultation, "تعليق لجهة أخرى");
        var idea = await PreModeratedIdeaAsync("moj");
        var ownAgencys = await CommentOnIdeaAsync(idea, "تعليق على فكرة للجهة نفسها");

        var (moderator, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.Moderator], agencyCode: "moj");
        var queue = await moderator.PageAsync("/ar/moderation/comments");
        Assert.NotNull(queue.QuerySelector($"#comment-items-{ownAgencys}"));
        Assert.Null(queue.QuerySelector($"#comment-consultations-{otherAgencys}"));

        var token = queue.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refused = await moderator.Http.PostAsync($"/ar/moderation/comments/consultations/{otherAgencys}/decide", new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(CommentStatus.Pending, await factory.WithDbAsync(db => db.ConsultationComments.Where(c => c.Id == otherAgencys).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task AgencyModerator_SeesTheirAgencysComment_BehindSixHundredOlderOnesOfAnotherAgency()
    {
        // Another agency's idea with 600 comments waiting, all older than this agency's one.
        var busy = await PreModeratedIdeaAsync("hrsd");
        var busyAuthor = await TestAccounts.CreateAsync(factory);
        var older = factory.Now.AddHours(-1);
        await factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < 600; i++)
            {
                db.ThreadComments.Add(new ThreadComment
                {
                    ContentType = "idea", ThreadId = busy.ToString(CultureInfo.InvariantCulture), AuthorId = busyAuthor.Id, DisplayName = "معلق",
                    Body = "تعليق ينتظر " + i.ToString(CultureInfo.InvariantCulture), Status = CommentStatus.Pending, SubmissionKey = Guid.NewGuid(), CreatedAt = older,
                });
            }
            await db.SaveChangesAsync();
        });
        var idea = await PreModeratedIdeaAsync("moj");
        var own = await CommentOnIdeaAsync(idea, "تعليق الجهة خلف طابور جهة أخرى");

        var (moderator, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.Moderator], agencyCode: "moj");
        var queue = await moderator.PageAsync("/ar/moderation/comments");
        Assert.NotNull(queue.QuerySelector($"#comment-items-{own}"));
        Assert.DoesNotContain(queue.QuerySelectorAll("[id^=comment-items-]"), e => e.TextContent.Contains("تعليق ينتظر", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AgencyModerator_OnTheConsultationsModerationPage_SeesAndDecidesOnlyTheirAgencysComments()
    {
        var other = await factory.CreateConsultationAsync(agency: "hrsd", moderation: ModerationMode.PreModeration);
        var own = await factory.CreateConsultationAsync(agency: "moj", moderation: ModerationMode.PreModeration);
        var (author, _) = await TestAccounts.SignedInAsync(factory);
        var otherComment = await Forms.CommentAsync(factory, author, other, "تعليق على استشارة جهة أخرى");
        var ownComment = await Forms.CommentAsync(factory, author, own, "تعليق على استشارة الجهة نفسها");

        var (moderator, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.Moderator], agencyCode: "moj");
        var page = await moderator.PageAsync("/ar/consultations/moderation");
        Assert.Contains("تعليق على استشارة الجهة نفسها", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("تعليق على استشارة جهة أخرى", page.Body!.TextContent, StringComparison.Ordinal);

        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var refused = await moderator.Http.PostAsync($"/ar/consultations/moderation/{otherComment}/approve", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await moderator.Http.GetAsync($"/ar/consultations/moderation/{otherComment}/reject")).StatusCode);
        Assert.Equal(CommentStatus.Pending, await factory.WithDbAsync(db => db.ConsultationComments.Where(c => c.Id == otherComment).Select(c => c.Status).SingleAsync()));
        Forms.AssertRedirect(await moderator.Http.PostAsync($"/ar/consultations/moderation/{ownComment}/approve", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })));
        Assert.Equal(CommentStatus.Published, await factory.WithDbAsync(db => db.ConsultationComments.Where(c => c.Id == ownComment).Select(c => c.Status).SingleAsync()));
    }

    private async Task<int> PreModeratedIdeaAsync(string agency)
    {
        var now = factory.Now;
        var author = await TestAccounts.CreateAsync(factory);
        return await factory.WithDbAsync(async db =>
        {
            var agencyId = await db.Agencies.Where(a => a.Code == agency).Select(a => a.Id).SingleAsync();
            var sectorId = await db.Sectors.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            var challenge = new Challenge { AgencyId = agencyId, SectorId = sectorId, OpensAt = now.AddDays(-1), ClosesAt = now.AddDays(30), Moderation = ModerationMode.PreModeration, CreatedAt = now, UpdatedAt = now };
            challenge.Describe(new LocalizedText("تحدي بإشراف مسبق " + Guid.NewGuid().ToString("N")[..6], "Pre-moderated challenge"), new LocalizedText("المشكلة", "Problem"), new LocalizedText("المعايير", "Criteria"));
            db.Challenges.Add(challenge);
            await db.SaveChangesAsync();
            var idea = new Idea { AgencyId = agencyId, SectorId = sectorId, ChallengeId = challenge.Id, AuthorId = author.Id, DisplayName = "مقدم الفكرة", Visibility = IdeaVisibility.Published, SubmissionKey = Guid.NewGuid(), CreatedAt = now, StatusChangedAt = now };
            idea.Write("فكرة في الطابور الموحد " + Guid.NewGuid().ToString("N")[..6], "المشكلة", "المقترح", "الفائدة");
            idea.Events.Add(new IdeaEvent { Kind = IdeaEventKind.Submitted, Status = IdeaStatus.New, At = now });
            db.Ideas.Add(idea);
            await db.SaveChangesAsync();
            return idea.Id;
        });
    }

    private async Task<long> CommentOnIdeaAsync(int idea, string body)
    {
        var (commenter, _) = await TestAccounts.SignedInAsync(factory);
        Forms.AssertRedirect(await commenter.SubmitAsync($"/ar/ideas/{idea}", new Dictionary<string, string> { ["NewComment.Body"] = body, ["NewComment.DisplayName"] = "معلق" }, actionEndsWith: "/comments"));
        return await factory.WithDbAsync(db => db.ThreadComments.Where(c => c.ThreadId == idea.ToString(CultureInfo.InvariantCulture) && c.Body == body).Select(c => c.Id).SingleAsync());
    }
}
