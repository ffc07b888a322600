using System.Net;
using System.Text.Encodings.Web;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Consultations;

/// <summary>
/// Signed-in participants who have nothing of their own on a consultation's page share one kept copy
/// of it (CachedPages.KeyForParticipant): each still gets their own name in the comment form, a new
/// submission key and an antiforgery token of their own, and their forms work. Whoever has something of
/// their own there (a comment, a support, answers), or a role, gets the page rendered for them.
/// </summary>
public sealed class ParticipantPageCopyTests
{
    [Fact]
    public async Task ParticipantsWithNothingOfTheirOwn_GetTheKeptCopy_WithTheirOwnNameKeyAndToken()
    {
        using var portal = new ConsultationsPortal();
        using var served = new CopiesServed(portal);
        var consultation = await portal.CreateConsultationAsync();
        var path = $"/ar/consultations/{consultation.Id}";
        // A name HTML has to escape, written into the copy as the rendered page writes it.
        var (sara, _) = await TestAccounts.SignedInAsync(portal, name: "سارة <\"O'Neil\"> & شركاه");
        var (omar, omarUser) = await TestAccounts.SignedInAsync(portal, name: "عمر الحربي");

        var saraFirstHtml = await (await sara.Http.GetAsync(path)).Content.ReadAsStringAsync();
        var saraFirst = await PortalClient.ParseAsync(saraFirstHtml);
        Assert.Equal(0, served.Count); // rendered, and kept
        var omarResponse = await omar.Http.GetAsync(path);
        var omarHtml = await omarResponse.Content.ReadAsStringAsync();
        var omarPage = await PortalClient.ParseAsync(omarHtml);
        var saraAgain = await sara.PageAsync(path);
        Assert.Equal(2, served.Count);

        Assert.Equal(HttpStatusCode.OK, omarResponse.StatusCode);
        Assert.Equal("text/html; charset=utf-8", omarResponse.Content.Headers.ContentType?.ToString());
        Assert.Contains("no-store", omarResponse.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal("سارة <\"O'Neil\"> & شركاه", DisplayName(saraFirst));
        Assert.Equal("سارة <\"O'Neil\"> & شركاه", DisplayName(saraAgain));
        Assert.Equal("عمر الحربي", DisplayName(omarPage));
        var keys = new[] { saraFirst, omarPage, saraAgain }.Select(SubmissionKey).ToList();
        Assert.Equal(3, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, k => Assert.True(Guid.TryParse(k, out _)));
        var tokens = new[] { saraFirst, omarPage, saraAgain }.Select(Forms.Token).ToList();
        Assert.Equal(3, tokens.Distinct(StringComparer.Ordinal).Count());
        // Omar's page is Sara's but for what is each one's own (her name as the portal's encoder writes it).
        var encoder = portal.Services.GetRequiredService<HtmlEncoder>();
        Assert.Contains("value=\"" + encoder.Encode(DisplayName(saraFirst)) + "\"", saraFirstHtml, StringComparison.Ordinal);
        Assert.Equal(
            Without(saraFirstHtml, Forms.Token(saraFirst), SubmissionKey(saraFirst), encoder.Encode(DisplayName(saraFirst))),
            Without(omarHtml, Forms.Token(omarPage), SubmissionKey(omarPage), "عمر الحربي"));
        Assert.DoesNotContain("ep-slot-", omarHtml, StringComparison.Ordinal);

        // Omar's form from the copy is his: his token, his key, his name.
        var posted = await omar.SubmitAsync(omarPage.QuerySelectorAll("form").OfType<IHtmlFormElement>().Single(f => f.Action.EndsWith("/comments", StringComparison.Ordinal)),
            path, new Dictionary<string, string> { ["NewComment.Body"] = "تعليق من نسخة محفوظة" });
        Forms.AssertRedirect(posted);
        var stored = await portal.WithDbAsync(db => db.ConsultationComments.SingleAsync(c => c.ConsultationId == consultation.Id));
        Assert.Equal(omarUser.Id, stored.AuthorId);
        Assert.Equal("عمر الحربي", stored.DisplayName);
        Assert.Equal(keys[1], stored.SubmissionKey.ToString());
        // Sara's token is refused on Omar's post.
        var forged = await Forms.PostWithTokenAsync(omar, path + "/comments", tokens[2], new Dictionary<string, string>
        {
            ["NewComment.SubmissionKey"] = Guid.NewGuid().ToString(),
            ["NewComment.DisplayName"] = "عمر",
            ["NewComment.Body"] = "تعليق آخر",
        });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task WhatIsTheParticipantsOwn_IsRenderedForThem_AndNeverInAnotherParticipantsPage()
    {
        using var portal = new ConsultationsPortal();
        using var served = new CopiesServed(portal);
        var consultation = await portal.CreateConsultationAsync();
        var path = $"/ar/consultations/{consultation.Id}";
        var (author, _) = await TestAccounts.SignedInAsync(portal, name: "كاتبة التعليق");
        var (reader, _) = await TestAccounts.SignedInAsync(portal, name: "قارئ");
        var (follower, _) = await TestAccounts.SignedInAsync(portal, name: "متابع");
        await Forms.CommentAsync(portal, author, consultation, "تعليقي على المشروع");
        Forms.AssertRedirect(await follower.SubmitAsync(path, new Dictionary<string, string>(), actionEndsWith: "/follow"));

        for (var i = 0; i < 2; i++)
        {
            var authorsPage = await author.PageAsync(path); // her comment (and the follow it made)
            Assert.Contains("تعليقي على المشروع", authorsPage.QuerySelector("#my-comments")!.TextContent, StringComparison.Ordinal);
            var readersPage = await reader.PageAsync(path);
            Assert.Null(readersPage.QuerySelector("#my-comments"));
            Assert.NotNull(Form(readersPage, "/follow"));
            var followersPage = await follower.PageAsync(path);
            Assert.Null(followersPage.QuerySelector("#my-comments"));
            Assert.NotNull(Form(followersPage, "/unfollow"));
        }
        // The reader's and the follower's second pages came from copies (one each: they differ); the
        // author's was rendered both times.
        Assert.Equal(2, served.Count);

        // Once the reader supports the comment, their page is theirs.
        var support = await reader.SubmitAsync(path, new Dictionary<string, string>(), actionEndsWith: "/support");
        Forms.AssertRedirect(support);
        var supported = await reader.PageAsync(path);
        Assert.Null(supported.QuerySelectorAll("button[formaction]").FirstOrDefault(b => b.GetAttribute("formaction")!.EndsWith("/support", StringComparison.Ordinal)));
        Assert.NotNull(Form(await follower.PageAsync(path), "/unfollow"));
        Assert.NotNull((await follower.PageAsync(path)).QuerySelectorAll("button[formaction]").FirstOrDefault(b => b.GetAttribute("formaction")!.EndsWith("/support", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task StaffAndModerators_AreNeverServedAParticipantsCopy()
    {
        using var portal = new ConsultationsPortal();
        using var served = new CopiesServed(portal);
        var consultation = await portal.CreateConsultationAsync();
        var path = $"/ar/consultations/{consultation.Id}";
        var (participant, _) = await TestAccounts.SignedInAsync(portal, name: "مشارك");
        await participant.PageAsync(path); // kept
        var (moderator, _) = await TestAccounts.SignedInAsync(portal, roles: [Roles.Moderator]);
        var (staff, _) = await TestAccounts.SignedInAsync(portal, roles: [Roles.AgencyPublisher], agencyCode: "moh");

        var moderatorsPage = await moderator.PageAsync(path);
        var staffPage = await staff.PageAsync(path);

        Assert.Equal(0, served.Count);
        Assert.NotNull(moderatorsPage.QuerySelector("a[href$='/consultations/moderation']"));
        Assert.NotNull(staffPage.QuerySelector("a[href='/ar/staff']"));
    }

    private static IHtmlFormElement? Form(IDocument page, string actionEndsWith) =>
        page.QuerySelectorAll("form").OfType<IHtmlFormElement>().FirstOrDefault(f => (f.GetAttribute("action") ?? "").EndsWith(actionEndsWith, StringComparison.Ordinal));

    private static string DisplayName(IDocument page) => ((IHtmlInputElement)page.QuerySelector("input[name='NewComment.DisplayName']")!).Value;

    private static string SubmissionKey(IDocument page) => ((IHtmlInputElement)page.QuerySelector("input[name='NewComment.SubmissionKey']")!).Value;

    private static string Without(string html, params string[] parts) =>
        parts.Aggregate(html, (h, part) => h.Replace(part, "", StringComparison.Ordinal));
}
