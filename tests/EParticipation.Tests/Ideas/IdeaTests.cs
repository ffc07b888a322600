using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Platform.Comments;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Moderation;
using EParticipation.Web.Platform.Participation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Ideas;

/// <summary>Submitting, similar ideas, supports, comments and the Voice-of-Beneficiary triage, through the pages.</summary>
public sealed class IdeaTests(IdeasPortal factory) : IClassFixture<IdeasPortal>
{
    private static void AssertRedirect(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}");

    private static async Task<int> SubmitIdeaAsync(PortalClient client, int challengeId, string title)
    {
        var preview = await client.SubmitAsync($"/ar/ideas/new?challenge={challengeId}", new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Problem"] = "طول الانتظار",
            ["Input.Proposal"] = "حجز إلكتروني للمواعيد",
            ["Input.Benefit"] = "وقت أقل",
            ["Input.DisplayName"] = "مشارك",
        });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var page = await PortalClient.ParseAsync(preview);
        var form = page.QuerySelectorAll("main form").OfType<IHtmlFormElement>().Single(f => f.GetAttribute("action")!.EndsWith("/ideas/new", StringComparison.Ordinal));
        var sent = await client.SubmitAsync(form, "/ar/ideas/new", new Dictionary<string, string>());
        AssertRedirect(sent);
        return int.Parse(sent.Headers.Location!.OriginalString.Split('/').Last(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task SubmitIdea_ToAChallenge_EmailsTheAgencysVocMailbox_AndListsIt()
    {
        var challenge = await factory.CreateChallengeAsync("moj");
        var (client, _) = await TestAccounts.SignedInAsync(factory);

        var id = await SubmitIdeaAsync(client, challenge.Id, "تطبيق لحجز مواعيد الجلسات " + Guid.NewGuid().ToString("N")[..4]);

        var mail = await factory.PickupFolder.WaitForAsync("voc@moj.gov.sa", m => m.TextBody.Contains($"/ideas/manage/{id}", StringComparison.Ordinal));
        Assert.Contains("فكرة جديدة لجهتكم", mail.Subject, StringComparison.Ordinal);
        var list = await factory.Client().PageAsync($"/ar/ideas?challenge={challenge.Id}");
        Assert.NotNull(list.QuerySelector($"a[href='/ar/ideas/{id}']"));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Challenges.Where(c => c.Id == challenge.Id).Select(c => c.IdeaCount).SingleAsync()));
    }

    [Fact]
    public async Task Preview_ShowsSimilarIdeas_WithoutScript_AndTheFragmentShowsThemWhileTyping()
    {
        var challenge = await factory.CreateChallengeAsync("moj");
        var author = await TestAccounts.CreateAsync(factory);
        var unique = "قاصرات" + Guid.NewGuid().ToString("N")[..3];
        var existing = await factory.CreateIdeaAsync(author.Id, $"تطبيق إلكتروني لحجز مواعيد {unique}", challengeId: challenge.Id);
        var (client, _) = await TestAccounts.SignedInAsync(factory);

        var preview = await client.SubmitAsync($"/ar/ideas/new?challenge={challenge.Id}", new Dictionary<string, string>
        {
            ["Input.Title"] = $"تطبيق لحجز المواعيد {unique}",
            ["Input.Problem"] = "مشكلة",
            ["Input.Proposal"] = "مقترح",
            ["Input.Benefit"] = "فائدة",
            ["Input.DisplayName"] = "مشارك",
        });
        var page = await PortalClient.ParseAsync(preview);
        Assert.NotNull(page.QuerySelector($"#similar-ideas a[href='/ar/ideas/{existing.Id}']"));

        // Hamza and taa marbuta typed differently still match (Arabic normalisation).
        var fragment = await factory.Client().Http.GetStringAsync($"/ar/ideas/similar?title={Uri.EscapeDataString("تطبيق الكترونى لحجز مواعيد " + unique)}&challenge={challenge.Id}");
        Assert.Contains($"/ar/ideas/{existing.Id}", fragment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimilarWhileTyping_FindsTheTitleInAnyWordOrder_AsTypedWithOrWithoutHamza_AndByTheWordBeingTyped()
    {
        var challenge = await factory.CreateChallengeAsync("moj");
        var author = await TestAccounts.CreateAsync(factory);
        var unique = "زمرد" + Guid.NewGuid().ToString("N")[..4];
        var idea = await factory.CreateIdeaAsync(author.Id, $"حجز أوقات المحكمة {unique}");
        var other = await factory.CreateIdeaAsync(author.Id, $"أوقات المدارس الحكومية {unique}");

        async Task<IReadOnlyList<string>> SuggestedAsync(string typed, string scope = "") =>
            System.Text.RegularExpressions.Regex.Matches(
                await factory.Client().Http.GetStringAsync($"/ar/ideas/similar?title={Uri.EscapeDataString(typed)}{scope}"),
                "href=\"/ar/ideas/(\\d+)\"").Select(m => m.Groups[1].Value).ToList();

        static string? First(IReadOnlyList<string> ids) => ids.Count > 0 ? ids[0] : null;
        var id = idea.Id.ToString(CultureInfo.InvariantCulture);
        // Other words first, taa marbuta typed as ha and alef without hamza: the same title, first.
        Assert.Equal(id, First(await SuggestedAsync($"{unique} المحكمه اوقات")));
        // Within the challenge's agency too.
        Assert.Equal(id, First(await SuggestedAsync($"اوقات المحكمه {unique}", $"&challenge={challenge.Id}")));
        // The last word still being typed counts by its beginning: "المحك" is the court's title, before the schools'.
        var typing = await SuggestedAsync("اوقات المحك");
        Assert.Equal(id, First(typing));
        Assert.Contains(other.Id.ToString(CultureInfo.InvariantCulture), typing);
    }

    [Fact]
    public async Task SimilarWhileTyping_PutsTheTitlesSharingThreeWordsFirst_AndFindsIdeasStoredBeforeTheIndexOnceBackfilled()
    {
        var author = await TestAccounts.CreateAsync(factory);
        var unique = "ياقوت" + Guid.NewGuid().ToString("N")[..4];
        // Six short titles sharing two of the typed words, and two sharing all three, in another order.
        for (var i = 0; i < 6; i++)
        {
            await factory.CreateIdeaAsync(author.Id, $"تنظيم {unique} رقم{i}");
        }
        var three = await factory.CreateIdeaAsync(author.Id, $"{unique} تنظيم مواقف");
        var old = await factory.CreateIdeaAsync(author.Id, $"مواقف {unique} المدارس تنظيم");

        async Task<IReadOnlyList<string>> SuggestedAsync(string typed) =>
            System.Text.RegularExpressions.Regex.Matches(
                await factory.Client().Http.GetStringAsync($"/ar/ideas/similar?title={Uri.EscapeDataString(typed)}"),
                "href=\"/ar/ideas/(\\d+)\"").Select(m => m.Groups[1].Value).ToList();

        var typed = $"مواقف تنظيم {unique}";
        var found = await SuggestedAsync(typed);
        Assert.Equal(5, found.Count);
        Assert.Equal(three.Id.ToString(CultureInfo.InvariantCulture), found[0]);
        Assert.Equal(old.Id.ToString(CultureInfo.InvariantCulture), found[1]);

        // An idea stored before the title index had threes (or any word): not found by its three words
        // until the start-up backfill writes them, then found again.
        await factory.WithDbAsync(async db =>
        {
            await db.IdeaWordTriples.Where(t => t.IdeaId == old.Id || t.IdeaId == three.Id).ExecuteDeleteAsync();
            await db.IdeaWordPairs.Where(p => p.IdeaId == old.Id).ExecuteDeleteAsync();
            await db.IdeaWords.Where(w => w.IdeaId == old.Id).ExecuteDeleteAsync();
        });
        Assert.DoesNotContain(old.Id.ToString(CultureInfo.InvariantCulture), await SuggestedAsync(typed));
        await factory.WithDbAsync(db => new EParticipation.Web.Areas.Ideas.Services.IdeaWordsBackfill().SeedAsync(db, CancellationToken.None));
        Assert.Equal(2, await factory.WithDbAsync(db => db.IdeaWordTriples.Where(t => t.IdeaId == old.Id || t.IdeaId == three.Id).Select(t => t.IdeaId).Distinct().CountAsync()));
        Assert.Equal(found, await SuggestedAsync(typed));
    }

    [Fact]
    public async Task StatusChanges_EmailTheSubmitterEachTime_AndThePageShowsTheWholePath()
    {
        var challenge = await factory.CreateChallengeAsync("moj");
        var (submitter, user) = await TestAccounts.SignedInAsync(factory);
        var id = await SubmitIdeaAsync(submitter, challenge.Id, "فكرة تمر بالمسار كاملًا " + Guid.NewGuid().ToString("N")[..4]);
        var (analyst, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.VocAnalyst], agencyCode: "moj");

        foreach (var (status, answer) in new[] { (IdeaStatus.UnderReview, "قيد الدراسة لدينا"), (IdeaStatus.Shortlisted, "ضمن القائمة"), (IdeaStatus.Accepted, "قبلنا الفكرة") })
        {
            AssertRedirect(await analyst.SubmitAsync($"/ar/ideas/manage/{id}", new Dictionary<string, string> { ["Input.Status"] = status.ToString(), ["Input.AnswerAr"] = answer }, actionEndsWith: "/status"));
        }
        AssertRedirect(await analyst.SubmitAsync($"/ar/ideas/manage/{id}", new Dictionary<string, string> { ["Progress.NoteAr"] = "بدأ التطوير" }, actionEndsWith: "/progress"));
        AssertRedirect(await analyst.SubmitAsync($"/ar/ideas/manage/{id}", new Dictionary<string, string> { ["Input.Status"] = nameof(IdeaStatus.Implemented), ["Input.AnswerAr"] = "نُفذت الفكرة وأُطلقت الخدمة" }, actionEndsWith: "/status"));

        var mails = await factory.PickupFolder.WaitForCountAsync(m => m.To.Contains(user.Email!, StringComparison.Ordinal) && m.Subject.Contains("الحالة الجديدة لفكرتك", StringComparison.Ordinal), 4);
        Assert.Contains(mails, m => m.TextBody.Contains("نُفذت الفكرة", StringComparison.Ordinal));
        var page = await factory.Client().PageAsync($"/en/ideas/{id}");
        Assert.Equal(6, page.QuerySelectorAll("#idea-path > li").Length);
        var reality = await factory.Client().PageAsync("/ar/ideas/reality/moj");
        Assert.NotNull(reality.QuerySelector($"a[href='/ar/ideas/{id}']"));
        Assert.Equal(5, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "idea" && a.EntityId == id.ToString(CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task MarkDuplicate_TheOriginalShowsTheDuplicatesSupportsCombined()
    {
        var author = await TestAccounts.CreateAsync(factory);
        var original = await factory.CreateIdeaAsync(author.Id, "فكرة أصلية للدمج");
        var duplicate = await factory.CreateIdeaAsync(author.Id, "فكرة مكررة للدمج");
        var (a, _) = await TestAccounts.SignedInAsync(factory);
        var (b, _) = await TestAccounts.SignedInAsync(factory);
        AssertRedirect(await a.SubmitAsync($"/ar/ideas/{original.Id}", new Dictionary<string, string>(), actionEndsWith: "/support"));
        AssertRedirect(await b.SubmitAsync($"/ar/ideas/{duplicate.Id}", new Dictionary<string, string>(), actionEndsWith: "/support"));
        AssertRedirect(await a.SubmitAsync($"/ar/ideas/{duplicate.Id}", new Dictionary<string, string>(), actionEndsWith: "/support"));
        var (analyst, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.VocAnalyst], agencyCode: "moj");

        AssertRedirect(await analyst.SubmitAsync($"/ar/ideas/manage/{duplicate.Id}", new Dictionary<string, string>
        {
            ["Input.Status"] = nameof(IdeaStatus.Duplicate),
            ["Input.AnswerAr"] = "سبق تقديم الفكرة نفسها",
            ["Input.DuplicateOfId"] = original.Id.ToString(CultureInfo.InvariantCulture),
        }, actionEndsWith: "/status"));

        var page = await factory.Client().PageAsync($"/en/ideas/{original.Id}");
        // Two different people: "a" supported both, and counts once.
        Assert.Contains("2 people support this idea", page.QuerySelector("#combined-supports")!.TextContent, StringComparison.Ordinal);
        var dup = await factory.Client().PageAsync($"/en/ideas/{duplicate.Id}");
        Assert.NotNull(dup.QuerySelector($"a[href='/en/ideas/{original.Id}']"));
    }

    [Fact]
    public async Task Support_SentManyTimesAtOnce_StoresOneRow_AndTheCounterEqualsTheRows()
    {
        var author = await TestAccounts.CreateAsync(factory);
        var idea = await factory.CreateIdeaAsync(author.Id, "فكرة للدعم المتوازي");
        var (client, user) = await TestAccounts.SignedInAsync(factory);
        var path = $"/ar/ideas/{idea.Id}";
        var form = (await client.PageAsync(path)).QuerySelectorAll("form").OfType<IHtmlFormElement>().Single(f => f.GetAttribute("action")!.EndsWith("/support", StringComparison.Ordinal));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.SubmitAsync(form, path, new Dictionary<string, string>())));

        Assert.All(responses, AssertRedirect);
        var (rows, counter) = await factory.WithDbAsync(async db => (
            await db.IdeaSupports.CountAsync(s => s.IdeaId == idea.Id),
            await db.Ideas.Where(i => i.Id == idea.Id).Select(i => i.SupportCount).SingleAsync()));
        Assert.Equal(1, rows);
        Assert.Equal(rows, counter);

        AssertRedirect(await client.SubmitAsync(path, new Dictionary<string, string>(), actionEndsWith: "/support/withdraw"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Ideas.Where(i => i.Id == idea.Id).Select(i => i.SupportCount).SingleAsync()));
        _ = user;
    }

    [Fact]
    public async Task AnotherAgencysVocAnalyst_CannotSeeOrTriageTheIdea_NotFound()
    {
        var author = await TestAccounts.CreateAsync(factory);
        var idea = await factory.CreateIdeaAsync(author.Id, "فكرة لوزارة العدل", agency: "moj");
        var (own, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.VocAnalyst], agencyCode: "moj");
        var form = (await own.PageAsync($"/ar/ideas/manage/{idea.Id}")).QuerySelectorAll("form").OfType<IHtmlFormElement>().Single(f => f.GetAttribute("action")!.EndsWith("/status", StringComparison.Ordinal));
        var (other, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.VocAnalyst], agencyCode: "moh");

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/ar/ideas/manage/{idea.Id}")).StatusCode);
        // The form of the right agency, posted by the other agency's analyst with their own token.
        var token = (await other.PageAsync("/ar/ideas/manage")).QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value");
        var post = await other.Http.PostAsync($"/ar/ideas/manage/{idea.Id}/status", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token ?? "",
            ["Input.Status"] = nameof(IdeaStatus.Declined),
            ["Input.AnswerAr"] = "لا",
            ["Input.Version"] = "0",
        }));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(IdeaStatus.New, await factory.WithDbAsync(db => db.Ideas.Where(i => i.Id == idea.Id).Select(i => i.Status).SingleAsync()));
        _ = form;
    }

    [Fact]
    public async Task Triage_FromAStaleForm_AnswersTheConflictPage_AndChangesNothing()
    {
        var author = await TestAccounts.CreateAsync(factory);
        var idea = await factory.CreateIdeaAsync(author.Id, "فكرة يفرزها محللان");
        var (first, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.VocAnalyst], agencyCode: "moj");
        var (second, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.VocAnalyst], agencyCode: "moj");
        var path = $"/ar/ideas/manage/{idea.Id}";
        var stale = (await second.PageAsync(path)).QuerySelectorAll("form").OfType<IHtmlFormElement>().Single(f => f.GetAttribute("action")!.EndsWith("/status", StringComparison.Ordinal));

        AssertRedirect(await first.SubmitAsync(path, new Dictionary<string, string> { ["Input.Status"] = nameof(IdeaStatus.UnderReview), ["Input.AnswerAr"] = "ندرسها" }, actionEndsWith: "/status"));
        var late = await second.SubmitAsync(stale, path, new Dictionary<string, string> { ["Input.Status"] = nameof(IdeaStatus.Declined), ["Input.AnswerAr"] = "نعتذر" });

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.NotNull((await PortalClient.ParseAsync(late)).QuerySelector(".ep-conflict"));
        Assert.Equal(IdeaStatus.UnderReview, await factory.WithDbAsync(db => db.Ideas.Where(i => i.Id == idea.Id).Select(i => i.Status).SingleAsync()));
    }

    [Fact]
    public async Task CommentsOnIdeas_HiddenByReports_AppearInTheModerationQueue()
    {
        var author = await TestAccounts.CreateAsync(factory);
        var idea = await factory.CreateIdeaAsync(author.Id, "فكرة عليها تعليق");
        var (commenter, _) = await TestAccounts.SignedInAsync(factory);
        AssertRedirect(await commenter.SubmitAsync($"/ar/ideas/{idea.Id}", new Dictionary<string, string> { ["NewComment.Body"] = "تعليق يستحق البلاغ", ["NewComment.DisplayName"] = "معلق" }, actionEndsWith: "/comments"));
        var commentId = await factory.WithDbAsync(db => db.ThreadComments.Where(c => c.ThreadId == idea.Id.ToString(CultureInfo.InvariantCulture)).Select(c => c.Id).SingleAsync());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Ideas.Where(i => i.Id == idea.Id).Select(i => i.CommentCount).SingleAsync()));

        for (var i = 0; i < 3; i++)
        {
            var (reporter, _) = await TestAccounts.SignedInAsync(factory);
            AssertRedirect(await reporter.SubmitAsync($"/ar/ideas/{idea.Id}", new Dictionary<string, string> { ["reason"] = nameof(ReportReason.Offensive) }, actionEndsWith: $"/comments/{commentId}/report"));
        }

        Assert.Equal(0, await factory.WithDbAsync(db => db.Ideas.Where(i => i.Id == idea.Id).Select(i => i.CommentCount).SingleAsync()));
        var (moderator, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.Moderator]);
        var queue = await moderator.PageAsync("/ar/moderation/comments?list=reported");
        Assert.NotNull(queue.QuerySelector($"#comment-items-{commentId}"));
        AssertRedirect(await moderator.SubmitAsync("/ar/moderation/comments?list=reported", new Dictionary<string, string> { ["decision"] = "approve" }, actionEndsWith: $"/items/{commentId}/decide"));
        Assert.Equal(CommentStatus.Published, await factory.WithDbAsync(db => db.ThreadComments.Where(c => c.Id == commentId).Select(c => c.Status).SingleAsync()));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Ideas.Where(i => i.Id == idea.Id).Select(i => i.CommentCount).SingleAsync()));
    }

    [Fact]
    public async Task OpenData_ListsPublishedIdeas_WithoutPersonalData()
    {
        var author = await TestAccounts.CreateAsync(factory, name: "اسم خاص لا يُنشر");
        var idea = await factory.CreateIdeaAsync(author.Id, "فكرة في البيانات المفتوحة");

        var json = await factory.Client().Http.GetStringAsync("/api/v1/ideas?agency=moj&pageSize=100");

        Assert.Contains("فكرة في البيانات المفتوحة", json, StringComparison.Ordinal);
        Assert.DoesNotContain("مقدم الفكرة", json, StringComparison.Ordinal);
        Assert.DoesNotContain(author.Id.ToString(), json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(author.Email!, json, StringComparison.OrdinalIgnoreCase);
        using var doc = JsonDocument.Parse(json);
        Assert.Contains(doc.RootElement.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt32() == idea.Id);
    }

    [Fact]
    public async Task ParticipationDirectories_GiveChallengeAndIdeaLinks_ForOtherModules()
    {
        var challenge = await factory.CreateChallengeAsync("moj");
        var author = await TestAccounts.CreateAsync(factory);
        var idea = await factory.CreateIdeaAsync(author.Id, "فكرة يربط بها هاكاثون");

        var (forAgency, found, ideaLink) = await factory.WithScopeAsync(async sp => (
            await sp.GetRequiredService<IChallengeDirectory>().ForAgencyAsync(challenge.AgencyId, default),
            await sp.GetRequiredService<IChallengeDirectory>().FindAsync(challenge.Id, default),
            await sp.GetRequiredService<IIdeaDirectory>().FindAsync(idea.Id, default)));

        Assert.Contains(forAgency, l => l.Id == challenge.Id);
        Assert.Equal($"challenges/{challenge.Id}", found!.Path);
        Assert.Equal($"ideas/{idea.Id}", ideaLink!.Path);
    }
}
