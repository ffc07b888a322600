using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Consultations;

/// <summary>What a participant may and may not do, checked by the server whatever the page showed.</summary>
public sealed class ParticipationTests(ConsultationsPortal factory) : IClassFixture<ConsultationsPortal>
{
    [Fact]
    public async Task Comment_OnArticle2InArabic_IsPublishedAndCounted()
    {
        var consultation = await factory.CreateConsultationAsync();
        var (client, user) = await TestAccounts.SignedInAsync(factory);
        var article2 = consultation.Articles.Single(a => a.Number == 2);

        var response = await client.SubmitAsync($"/ar/consultations/{consultation.Id}?article={article2.Id}", new Dictionary<string, string>
        {
            ["NewComment.DisplayName"] = "نورة",
            ["NewComment.Body"] = "أقترح إضافة مدة انتقالية للمنشآت الصغيرة.",
        }, actionEndsWith: "/comments");

        Forms.AssertRedirect(response);
        // The participant lands on their new comment, in their own list with its status.
        var commentId = await factory.WithDbAsync(db => db.ConsultationComments.Where(c => c.ConsultationId == consultation.Id && c.AuthorId == user.Id).Select(c => c.Id).SingleAsync());
        Assert.Equal($"/ar/consultations/{consultation.Id}#my-comment-{commentId}", response.Headers.Location!.OriginalString);
        var page = await client.PageAsync($"/ar/consultations/{consultation.Id}");
        Assert.Contains("أقترح إضافة مدة انتقالية", page.QuerySelector($"#my-comment-{commentId}")!.TextContent, StringComparison.Ordinal);
        var article = page.QuerySelector($"#article-{article2.Id}")!;
        Assert.Contains("أقترح إضافة مدة انتقالية للمنشآت الصغيرة.", article.TextContent, StringComparison.Ordinal);
        Assert.Contains("نورة", article.TextContent, StringComparison.Ordinal);
        var counts = await factory.WithDbAsync(async db => (
            await db.ConsultationArticles.Where(a => a.Id == article2.Id).Select(a => a.CommentCount).SingleAsync(),
            await db.Consultations.Where(c => c.Id == consultation.Id).Select(c => c.CommentCount).SingleAsync()));
        Assert.Equal((1, 1), counts);
        Assert.True(await factory.WithDbAsync(db => db.Follows.AnyAsync(f => f.UserId == user.Id && f.TargetId == consultation.Id.ToString(CultureInfo.InvariantCulture))),
            "Commenting follows the consultation.");
    }

    [Fact]
    public async Task CommentForm_OffersTheProfilesName_SoItNeedNotBeTypedAgain()
    {
        var consultation = await factory.CreateConsultationAsync();
        var user = await TestAccounts.CreateAsync(factory, name: "ريم الشهري");
        var client = factory.Client();
        await client.SignInAsync(user.Email!, TestAccounts.Password);

        var page = await client.PageAsync($"/ar/consultations/{consultation.Id}");
        Assert.Equal("ريم الشهري", page.QuerySelector("#NewComment_DisplayName")!.GetAttribute("value"));
        var form = await client.PageAsync($"/en/consultations/{consultation.Id}/comment");
        Assert.Equal("ريم الشهري", form.QuerySelector("#NewComment_DisplayName")!.GetAttribute("value"));
    }

    [Fact]
    public async Task FollowsList_UnderTheAccount_ShowsEachFollowedConsultation_AndUnfollowStopsIt()
    {
        var first = await factory.CreateConsultationAsync(titleAr: "استشارة أولى " + Guid.NewGuid().ToString("N")[..6]);
        var second = await factory.CreateConsultationAsync(titleAr: "استشارة ثانية " + Guid.NewGuid().ToString("N")[..6]);
        var (client, user) = await TestAccounts.SignedInAsync(factory);
        foreach (var c in new[] { first, second })
        {
            Forms.AssertRedirect(await Forms.PostAsync(client, $"/ar/consultations/{c.Id}", $"/ar/consultations/{c.Id}/follow"));
        }

        var page = await client.PageAsync("/ar/account/notifications");
        var list = page.QuerySelector("#follows-consultation")!;
        Assert.Contains(first.Title.Ar, list.TextContent, StringComparison.Ordinal);
        Assert.Contains(second.Title.Ar, list.TextContent, StringComparison.Ordinal);
        Assert.NotNull(list.QuerySelector($"a[href='/ar/consultations/{first.Id}']"));
        Assert.Contains("you follow 2 items", (await client.PageAsync("/en/account/notifications")).QuerySelector("main legend")!.TextContent, StringComparison.Ordinal);

        var unfollow = list.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .Single(f => f.ParentElement!.TextContent.Contains(first.Title.Ar, StringComparison.Ordinal));
        Forms.AssertRedirect(await client.SubmitAsync(unfollow, "/ar/account/notifications", new Dictionary<string, string>()));

        var after = await client.PageAsync("/ar/account/notifications");
        Assert.DoesNotContain(first.Title.Ar, after.QuerySelector("#follows-consultation")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(second.Title.Ar, after.QuerySelector("#follows-consultation")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"لم تعد تتابع «{first.Title.Ar}».", after.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("(you follow 1 item)", (await client.PageAsync("/en/account/notifications")).QuerySelector("main legend")!.TextContent, StringComparison.Ordinal);
        var follows = await factory.WithDbAsync(db => db.Follows.Where(f => f.UserId == user.Id).Select(f => f.TargetId).ToListAsync());
        Assert.Equal([second.Id.ToString(CultureInfo.InvariantCulture)], follows);

        // Someone else's follow cannot be removed by guessing its number.
        var (stranger, _) = await TestAccounts.SignedInAsync(factory);
        var secondFollow = await factory.WithDbAsync(db => db.Follows.Where(f => f.UserId == user.Id).Select(f => f.Id).SingleAsync());
        var refused = await Forms.PostAsync(stranger, "/ar/account/notifications", $"/ar/account/follows/{secondFollow}/unfollow");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task Comment_WhenConsultationIsPlanned_IsRefusedAndNotStored()
    {
        var planned = await factory.CreateConsultationAsync(opensIn: TimeSpan.FromDays(3));
        var (client, _) = await TestAccounts.SignedInAsync(factory);

        var page = await client.PageAsync($"/ar/consultations/{planned.Id}");
        Assert.Null(page.QuerySelector("form[action$='/comments']"));

        var response = await Forms.PostAsync(client, $"/ar/consultations/{planned.Id}", $"/ar/consultations/{planned.Id}/comments", new Dictionary<string, string>
        {
            ["NewComment.DisplayName"] = "متعجل",
            ["NewComment.Body"] = "تعليق قبل الفتح",
            ["NewComment.SubmissionKey"] = Guid.NewGuid().ToString(),
        });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.ConsultationComments.AnyAsync(c => c.ConsultationId == planned.Id)));
    }

    [Fact]
    public async Task Comment_WhenConsultationIsClosed_IsRefusedAndNotStored()
    {
        var closed = await factory.CreateConsultationAsync(opensIn: TimeSpan.FromDays(-30), closesIn: TimeSpan.FromMinutes(-1));
        var (client, _) = await TestAccounts.SignedInAsync(factory);

        var page = await client.PageAsync($"/ar/consultations/{closed.Id}");
        Assert.Null(page.QuerySelector("form[action$='/comments']"));
        Assert.Null(page.QuerySelector("form[action$='/questionnaire']"));

        var response = await Forms.PostAsync(client, $"/ar/consultations/{closed.Id}", $"/ar/consultations/{closed.Id}/comments", new Dictionary<string, string>
        {
            ["NewComment.DisplayName"] = "متأخر",
            ["NewComment.Body"] = "تعليق بعد الإغلاق",
            ["NewComment.SubmissionKey"] = Guid.NewGuid().ToString(),
        });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.ConsultationComments.AnyAsync(c => c.ConsultationId == closed.Id)));
    }

    [Fact]
    public async Task EditComment_OfAnotherParticipant_IsForbiddenAndLeavesItUnchanged()
    {
        var consultation = await factory.CreateConsultationAsync();
        var (author, _) = await TestAccounts.SignedInAsync(factory);
        var commentId = await Forms.CommentAsync(factory, author, consultation, "النص الأصلي");
        var (other, _) = await TestAccounts.SignedInAsync(factory);

        var get = await other.GetAsync($"/ar/consultations/{consultation.Id}/comments/{commentId}/edit");
        var post = await Forms.PostAsync(other, $"/ar/consultations/{consultation.Id}", $"/ar/consultations/{consultation.Id}/comments/{commentId}/edit", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "منتحل",
            ["Input.Body"] = "نص مُبدَّل",
        });
        var withdraw = await Forms.PostAsync(other, $"/ar/consultations/{consultation.Id}", $"/ar/consultations/{consultation.Id}/comments/{commentId}/withdraw");

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withdraw.StatusCode);
        var stored = await factory.WithDbAsync(db => db.ConsultationComments.SingleAsync(c => c.Id == commentId));
        Assert.Equal("النص الأصلي", stored.Body);
        Assert.Equal(CommentStatus.Published, stored.Status);
    }

    [Fact]
    public async Task EditComment_ByItsAuthorBeforeModeration_ChangesIt_AndWithdrawRemovesItFromTheCount()
    {
        var consultation = await factory.CreateConsultationAsync();
        var (author, _) = await TestAccounts.SignedInAsync(factory);
        var commentId = await Forms.CommentAsync(factory, author, consultation, "مسودة أولى");

        var edit = await author.SubmitAsync($"/ar/consultations/{consultation.Id}/comments/{commentId}/edit", new Dictionary<string, string>
        {
            ["Input.Body"] = "صيغة معدّلة",
        });
        Forms.AssertRedirect(edit);
        Assert.Equal("صيغة معدّلة", await factory.WithDbAsync(db => db.ConsultationComments.Where(c => c.Id == commentId).Select(c => c.Body).SingleAsync()));

        var withdraw = await author.SubmitAsync($"/ar/consultations/{consultation.Id}", new Dictionary<string, string>(), actionEndsWith: $"/comments/{commentId}/withdraw");
        Forms.AssertRedirect(withdraw);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Consultations.Where(c => c.Id == consultation.Id).Select(c => c.CommentCount).SingleAsync()));
    }

    [Fact]
    public async Task WithdrawComment_SentSeveralTimesAtOnce_CountsTheWithdrawalOnce()
    {
        var consultation = await factory.CreateConsultationAsync();
        var (other, _) = await TestAccounts.SignedInAsync(factory);
        await Forms.CommentAsync(factory, other, consultation, "تعليق باقٍ", consultation.Articles.First().Id);
        var (author, _) = await TestAccounts.SignedInAsync(factory);
        var commentId = await Forms.CommentAsync(factory, author, consultation, "تعليق يُسحب", consultation.Articles.First().Id);
        var path = $"/ar/consultations/{consultation.Id}";
        var form = (await author.PageAsync(path)).QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .Single(f => f.GetAttribute("action")!.EndsWith($"/comments/{commentId}/withdraw", StringComparison.Ordinal));

        // A double click, or the same form in two tabs, sent at the same moment.
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => author.SubmitAsync(form, path, new Dictionary<string, string>())));

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.NotFound, r.StatusCode.ToString()));
        var (total, onArticle, status) = await factory.WithDbAsync(async db => (
            await db.Consultations.Where(c => c.Id == consultation.Id).Select(c => c.CommentCount).SingleAsync(),
            await db.ConsultationArticles.Where(a => a.Id == consultation.Articles.First().Id).Select(a => a.CommentCount).SingleAsync(),
            await db.ConsultationComments.Where(c => c.Id == commentId).Select(c => c.Status).SingleAsync()));
        Assert.Equal(CommentStatus.Withdrawn, status);
        Assert.Equal(1, total);
        Assert.Equal(1, onArticle);
    }

    [Fact]
    public async Task WithdrawComment_AddressedThroughAnotherConsultation_ChangesNothing()
    {
        var consultation = await factory.CreateConsultationAsync();
        var elsewhere = await factory.CreateConsultationAsync();
        var (author, _) = await TestAccounts.SignedInAsync(factory);
        var commentId = await Forms.CommentAsync(factory, author, consultation, "تعليق في مشروع آخر");

        var response = await Forms.PostAsync(author, $"/ar/consultations/{elsewhere.Id}", $"/ar/consultations/{elsewhere.Id}/comments/{commentId}/withdraw");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(CommentStatus.Published, await factory.WithDbAsync(db => db.ConsultationComments.Where(c => c.Id == commentId).Select(c => c.Status).SingleAsync()));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Consultations.Where(c => c.Id == consultation.Id).Select(c => c.CommentCount).SingleAsync()));
    }

    [Fact]
    public async Task ConsultationPage_OfAVeryLongDraft_ShowsTheNewestCommentsOfItsLastArticle()
    {
        var consultation = await factory.CreateConsultationAsync(articles: 650);
        var (author, _) = await TestAccounts.SignedInAsync(factory);
        var last = consultation.Articles.Single(a => a.Number == 650);
        await Forms.CommentAsync(factory, author, consultation, "تعليق على المادة الأخيرة", last.Id);
        await Forms.CommentAsync(factory, author, consultation, "تعليق على المشروع كاملًا");

        var page = await factory.Client().PageAsync($"/ar/consultations/{consultation.Id}");

        Assert.Contains("تعليق على المادة الأخيرة", page.QuerySelector($"#article-{last.Id}")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("تعليق على المشروع كاملًا", page.QuerySelector("#general-comments")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Support_Twice_CountsOnce()
    {
        var consultation = await factory.CreateConsultationAsync();
        var (author, _) = await TestAccounts.SignedInAsync(factory);
        var commentId = await Forms.CommentAsync(factory, author, consultation, "تعليق يستحق التأييد");
        var (supporter, _) = await TestAccounts.SignedInAsync(factory);

        var first = await supporter.SubmitAsync($"/ar/consultations/{consultation.Id}", new Dictionary<string, string>(), actionEndsWith: $"/comments/{commentId}/support");
        var second = await Forms.PostAsync(supporter, $"/ar/consultations/{consultation.Id}", $"/ar/consultations/{consultation.Id}/comments/{commentId}/support");

        Forms.AssertRedirect(first);
        Forms.AssertRedirect(second);
        var (count, rows) = await factory.WithDbAsync(async db => (
            await db.ConsultationComments.Where(c => c.Id == commentId).Select(c => c.SupportCount).SingleAsync(),
            await db.ConsultationCommentSupports.CountAsync(s => s.CommentId == commentId)));
        Assert.Equal(1, count);
        Assert.Equal(1, rows);
        var page = await supporter.PageAsync($"/ar/consultations/{consultation.Id}");
        Assert.Null(page.QuerySelector($"button[formaction$='/comments/{commentId}/support']"));
    }

    [Fact]
    public async Task ConsultationPage_RenderedOnceForAllParticipants_ShowsEachTheirOwnActionsAndToken()
    {
        var consultation = await factory.CreateConsultationAsync();
        var path = $"/ar/consultations/{consultation.Id}";
        var (author, _) = await TestAccounts.SignedInAsync(factory);
        var own = await Forms.CommentAsync(factory, author, consultation, "تعليق كاتبه يقرأ الصفحة");
        var (other, _) = await TestAccounts.SignedInAsync(factory);
        var supportedId = await Forms.CommentAsync(factory, other, consultation, "تعليق سيؤيده القارئ");
        var reportedId = await Forms.CommentAsync(factory, other, consultation, "تعليق سيبلغ عنه القارئ");
        Forms.AssertRedirect(await author.SubmitAsync(path, new Dictionary<string, string>(), actionEndsWith: $"/comments/{supportedId}/support"));
        Forms.AssertRedirect(await author.SubmitAsync($"{path}/comments/{reportedId}/report", new Dictionary<string, string>
        {
            ["Input.Reason"] = nameof(ReportReason.Spam),
        }));

        // A third participant is the first to read the page after the last write: the participants' HTML
        // of the public cache is rendered in their request, with their antiforgery token.
        var (first, _) = await TestAccounts.SignedInAsync(factory);
        var firstPage = await first.PageAsync(path);
        var firstToken = ((IHtmlInputElement)firstPage.QuerySelector("input[name='__RequestVerificationToken']")!).Value;
        foreach (var id in new[] { own, supportedId, reportedId })
        {
            Assert.NotNull(firstPage.QuerySelector($"button[formaction$='/comments/{id}/support']"));
            Assert.NotNull(firstPage.QuerySelector($"a[href$='/comments/{id}/report']"));
        }
        // Every "Support" button submits the page's one form of comment actions, which carries the token.
        var actionsForm = firstPage.QuerySelector("form#ep-comment-actions")!;
        Assert.Equal(firstToken, ((IHtmlInputElement)actionsForm.QuerySelector("input[name='__RequestVerificationToken']")!).Value);
        Assert.All(firstPage.QuerySelectorAll("button[formaction$='/support']"), b => Assert.Equal("ep-comment-actions", b.GetAttribute("form")));
        Assert.Empty(firstPage.QuerySelectorAll(".ep-comment form"));

        // The author reads the same cached page: their own comment has no actions, the comment they
        // supported and the one they reported say so, and every form carries the author's token.
        var html = await (await author.GetAsync(path)).Content.ReadAsStringAsync();
        Assert.DoesNotContain(firstToken, html, StringComparison.Ordinal);
        Assert.DoesNotContain("ep-actions", html, StringComparison.Ordinal);
        var page = await author.PageAsync(path);
        Assert.Null(page.QuerySelector($"button[formaction$='/comments/{own}/support']"));
        Assert.Null(page.QuerySelector($"a[href$='/comments/{own}/report']"));
        Assert.Null(page.QuerySelector($"button[formaction$='/comments/{supportedId}/support']"));
        Assert.Contains("تؤيد هذا التعليق", page.QuerySelector($"#comment-{supportedId}")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"a[href$='/comments/{supportedId}/report']"));
        Assert.Null(page.QuerySelector($"a[href$='/comments/{reportedId}/report']"));
        Assert.NotNull(page.QuerySelector($"button[formaction$='/comments/{reportedId}/support']"));

        // The author's support of the reported comment goes through with the token their page carried.
        Forms.AssertRedirect(await author.SubmitAsync(path, new Dictionary<string, string>(), actionEndsWith: $"/comments/{reportedId}/support"));
        Assert.Equal(1, await factory.WithDbAsync(db => db.ConsultationCommentSupports.CountAsync(s => s.CommentId == reportedId)));
    }

    [Fact]
    public async Task Support_OwnComment_IsRefused()
    {
        var consultation = await factory.CreateConsultationAsync();
        var (author, _) = await TestAccounts.SignedInAsync(factory);
        var commentId = await Forms.CommentAsync(factory, author, consultation, "تعليقي");

        var response = await Forms.PostAsync(author, $"/ar/consultations/{consultation.Id}", $"/ar/consultations/{consultation.Id}/comments/{commentId}/support");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.ConsultationCommentSupports.CountAsync(s => s.CommentId == commentId)));
    }

    [Fact]
    public async Task Questionnaire_AnsweredTwice_KeepsOneResponseWithTheLatestAnswers()
    {
        var consultation = await factory.CreateConsultationAsync(questionnaire: true);
        var (client, user) = await TestAccounts.SignedInAsync(factory);
        var single = consultation.Questions.Single(q => q.Type == QuestionType.SingleChoice);
        var scale = consultation.Questions.Single(q => q.Type == QuestionType.Scale);
        var yes = single.Options.Single(o => o.Position == 1).Id.ToString(CultureInfo.InvariantCulture);
        var no = single.Options.Single(o => o.Position == 2).Id.ToString(CultureInfo.InvariantCulture);
        var yesId = single.Options.Single(o => o.Position == 1).Id;
        var noId = single.Options.Single(o => o.Position == 2).Id;

        var first = await client.SubmitAsync($"/ar/consultations/{consultation.Id}", new Dictionary<string, string>
        {
            [Forms.QuestionField(single.Id)] = yes,
            [Forms.QuestionField(scale.Id)] = "4",
        }, actionEndsWith: "/questionnaire");
        var second = await client.SubmitAsync($"/ar/consultations/{consultation.Id}", new Dictionary<string, string>
        {
            [Forms.QuestionField(single.Id)] = no,
        }, actionEndsWith: "/questionnaire");

        Forms.AssertRedirect(first);
        Forms.AssertRedirect(second);
        var responses = await factory.WithDbAsync(db => db.ConsultationResponses.Include(r => r.Answers).Where(r => r.ConsultationId == consultation.Id).ToListAsync());
        var response = Assert.Single(responses);
        Assert.Equal(user.Id, response.UserId);
        Assert.Contains(response.Answers, a => a.QuestionId == single.Id && a.OptionId == noId);
        Assert.DoesNotContain(response.Answers, a => a.QuestionId == single.Id && a.OptionId == yesId);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Consultations.Where(c => c.Id == consultation.Id).Select(c => c.ResponseCount).SingleAsync()));
    }

    [Fact]
    public async Task Questionnaire_WithoutTheRequiredAnswer_ShowsTheErrorAndStoresNothing()
    {
        var consultation = await factory.CreateConsultationAsync(questionnaire: true);
        var (client, _) = await TestAccounts.SignedInAsync(factory);

        var response = await client.SubmitAsync($"/en/consultations/{consultation.Id}", new Dictionary<string, string>(), actionEndsWith: "/questionnaire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Contains("Answer this question", page.QuerySelector(".ep-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.ConsultationResponses.AnyAsync(r => r.ConsultationId == consultation.Id)));
    }

    [Fact]
    public async Task Comment_SubmittedTwiceAtOnce_StoresOne()
    {
        var consultation = await factory.CreateConsultationAsync();
        var (client, user) = await TestAccounts.SignedInAsync(factory);
        var page = await client.PageAsync($"/ar/consultations/{consultation.Id}");
        var form = page.QuerySelectorAll("form").OfType<IHtmlFormElement>().Single(f => f.GetAttribute("action")!.EndsWith("/comments", StringComparison.Ordinal));
        var fields = new Dictionary<string, string>
        {
            ["NewComment.DisplayName"] = "مستعجل",
            ["NewComment.Body"] = "نقرتان على زر الإرسال",
        };

        // The same form (same hidden submission key) sent several times at the same moment.
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.SubmitAsync(form, $"/ar/consultations/{consultation.Id}", fields)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(1, await factory.WithDbAsync(db => db.ConsultationComments.CountAsync(c => c.ConsultationId == consultation.Id && c.AuthorId == user.Id)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Consultations.Where(c => c.Id == consultation.Id).Select(c => c.CommentCount).SingleAsync()));
    }

    [Fact]
    public async Task MyParticipation_ListsTheParticipantsCommentsAndAnswersWithTheirStatus()
    {
        var consultation = await factory.CreateConsultationAsync(questionnaire: true, titleAr: "مشروع المشاركة الشخصية");
        var (client, _) = await TestAccounts.SignedInAsync(factory);
        await Forms.CommentAsync(factory, client, consultation, "تعليقي على المادة الأولى", consultation.Articles.Single(a => a.Number == 1).Id);
        var single = consultation.Questions.Single(q => q.Type == QuestionType.SingleChoice);
        Forms.AssertRedirect(await client.SubmitAsync($"/ar/consultations/{consultation.Id}", new Dictionary<string, string>
        {
            [Forms.QuestionField(single.Id)] = single.Options[0].Id.ToString(CultureInfo.InvariantCulture),
        }, actionEndsWith: "/questionnaire"));

        var account = await client.PageAsync("/ar/account");
        Assert.NotNull(account.QuerySelector("a[href='/ar/consultations/my-participation']"));
        var page = await client.PageAsync("/ar/consultations/my-participation");
        var text = page.QuerySelector("main")!.TextContent;
        Assert.Contains("تعليقي على المادة الأولى", text, StringComparison.Ordinal);
        Assert.Contains("المادة 1", text, StringComparison.Ordinal);
        Assert.Contains("منشور", text, StringComparison.Ordinal);
        Assert.Equal(2, page.QuerySelectorAll($"a[href^='/ar/consultations/{consultation.Id}']").Length);
    }

    [Fact]
    public async Task ParticipationPages_WhenSignedOut_SendToSignIn()
    {
        var consultation = await factory.CreateConsultationAsync();
        var visitor = factory.Client();

        var page = await visitor.PageAsync($"/ar/consultations/{consultation.Id}");
        var myParticipation = await visitor.GetAsync("/ar/consultations/my-participation");

        Assert.Null(page.QuerySelector("form[action$='/comments']"));
        Assert.NotNull(page.QuerySelector("a[href^='/ar/account/login?returnUrl=']"));
        Assert.Equal(HttpStatusCode.Redirect, myParticipation.StatusCode);
        Assert.Contains("/ar/account/login", myParticipation.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
