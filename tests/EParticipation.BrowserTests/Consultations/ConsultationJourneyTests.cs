using EParticipation.BrowserTests.Infrastructure;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace EParticipation.BrowserTests.Consultations;

/// <summary>
/// A participant takes part in the demo labour-law consultation through the real Arabic pages, and
/// every consultation page, public and staff, passes axe in both languages.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class ConsultationJourneyTests(BrowserFixture browser)
{
    private const string DemoPassword = "Demo-Portal-2026";
    private const string LabourLaw = "مشروع تعديل نظام العمل";

    public static TheoryData<string> Languages => new() { "ar", "en" };

    [Fact]
    public async Task Participant_CommentsOnArticle2InArabic_AnswersTheQuestionnaire_AndSeesBothUnderMyParticipation()
    {
        var participant = await TestAccounts.CreateAsync(browser.Server, name: "سارة القحطاني");
        var (consultationId, article2) = await LabourLawAsync();
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, participant.Email!, TestAccounts.Password);

        await page.GotoAsync(browser.Server.Url($"/ar/consultations/{consultationId}"));
        await page.Locator($"#article-{article2}").GetByRole(AriaRole.Link, new() { Name = "علّق على هذه المادة" }).ClickAsync();
        Assert.Equal(article2.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator("#NewComment_ArticleId").InputValueAsync());
        await page.Locator("#NewComment_DisplayName").FillAsync("سارة");
        await page.Locator("#NewComment_Body").FillAsync("أقترح أن تشمل إجازة الوضع حالات الولادة المبكرة دون احتسابها من المدة.");
        await page.GetByRole(AriaRole.Button, new() { Name = "إرسال التعليق" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("نُشر تعليقك");
        await Assertions.Expect(page.Locator($"#article-{article2}")).ToContainTextAsync("حالات الولادة المبكرة");

        // Supporting another participant's comment from the keyboard: its button submits the page's one
        // form of comment actions (the form attribute) to the comment's own address.
        var support = page.Locator("button[formaction$='/support']").First;
        var supported = await support.EvaluateAsync<string>("b => b.closest('li.ep-comment').id");
        await support.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator($"#{supported}")).ToContainTextAsync("تؤيد هذا التعليق");
        await Assertions.Expect(page.Locator($"#{supported} button[formaction$='/support']")).ToHaveCountAsync(0);

        var questionnaire = page.Locator("#questionnaire");
        await questionnaire.GetByLabel("أؤيدها مع تعديل").CheckAsync();
        await questionnaire.GetByLabel("4 - أوافق", new() { Exact = true }).CheckAsync();
        await questionnaire.GetByLabel("مرونة ساعات العمل").CheckAsync();
        await browser.CheckAccessibilityAsync(page, "consultation-journey-filled-ar");
        await questionnaire.GetByRole(AriaRole.Button, new() { Name = "إرسال إجاباتي" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("حُفظت إجاباتك");

        await page.GotoAsync(browser.Server.Url("/ar/account"));
        await page.GetByRole(AriaRole.Link, new() { Name = "مشاركاتي في الاستشارات" }).ClickAsync();
        await page.WaitForURLAsync("**/ar/consultations/my-participation");
        var comments = page.Locator("section", new() { Has = page.Locator("#my-comments-title") });
        await Assertions.Expect(comments).ToContainTextAsync("حالات الولادة المبكرة");
        await Assertions.Expect(comments).ToContainTextAsync("المادة 2");
        await Assertions.Expect(comments).ToContainTextAsync("منشور");
        var answers = page.Locator("section", new() { Has = page.Locator("#my-answers-title") });
        await Assertions.Expect(answers).ToContainTextAsync(LabourLaw);
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        await browser.CheckAccessibilityAsync(page, "consultation-my-participation-ar");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task ConsultationPages_HaveNoSeriousAxeViolations(string lang)
    {
        var (consultationId, _) = await LabourLawAsync();

        var titles = new List<string>();
        var visitor = await browser.NewPageAsync(lang == "ar" ? "ar-SA" : "en-GB");
        foreach (var path in new[] { "/consultations", "/consultations?status=planned", "/consultations?status=archived", "/consultations?q=zzzz-nothing", $"/consultations/{consultationId}" })
        {
            await visitor.GotoAsync(browser.Server.Url($"/{lang}{path}"));
            Assert.Equal(lang, await visitor.Locator("html").GetAttributeAsync("lang"));
            titles.Add(await browser.CheckAccessibilityAsync(visitor, $"{lang}-consultations{Name(path)}"));
        }

        var participant = await browser.NewPageAsync();
        await browser.SignInAsync(participant, "resident@demo.portal.test", DemoPassword, lang);
        foreach (var path in new[] { $"/consultations/{consultationId}", $"/consultations/{consultationId}/questionnaire", "/consultations/my-participation" })
        {
            await participant.GotoAsync(browser.Server.Url($"/{lang}{path}"));
            await browser.CheckAccessibilityAsync(participant, $"{lang}-participant{Name(path)}");
        }

        var publisher = await browser.NewPageAsync();
        await browser.SignInAsync(publisher, "publisher.hrsd@demo.portal.test", DemoPassword, lang);
        foreach (var path in new[] { "/consultations/manage", "/consultations/manage/new", $"/consultations/manage/{consultationId}", $"/consultations/manage/{consultationId}/articles", $"/consultations/manage/{consultationId}/documents", $"/consultations/manage/{consultationId}/preview" })
        {
            await publisher.GotoAsync(browser.Server.Url($"/{lang}{path}"));
            Assert.Equal(lang, await publisher.Locator("html").GetAttributeAsync("lang"));
            titles.Add(await browser.CheckAccessibilityAsync(publisher, $"{lang}-staff{Name(path)}"));
        }

        var reviewer = await browser.NewPageAsync();
        await browser.SignInAsync(reviewer, "reviewer.hrsd@demo.portal.test", DemoPassword, lang);
        await reviewer.GotoAsync(browser.Server.Url($"/{lang}/consultations/manage/{consultationId}/questionnaire"));
        titles.Add(await browser.CheckAccessibilityAsync(reviewer, $"{lang}-staff-questionnaire"));

        var moderator = await browser.NewPageAsync();
        await browser.SignInAsync(moderator, "moderator@demo.portal.test", DemoPassword, lang);
        foreach (var path in new[] { "/consultations/moderation", "/consultations/moderation?queue=published" })
        {
            await moderator.GotoAsync(browser.Server.Url($"/{lang}{path}"));
            titles.Add(await browser.CheckAccessibilityAsync(moderator, $"{lang}-moderation{Name(path)}"));
        }
        // The participant's pages repeat the visitor's addresses, so only the other pages are compared.
        BrowserFixture.AssertDistinctTitles(titles);
    }

    private async Task<(int Consultation, int Article2)> LabourLawAsync() =>
        await browser.Server.WithDbAsync(async (AppDbContext db) =>
        {
            var id = await db.Consultations.Where(c => c.Title.Ar == LabourLaw).Select(c => c.Id).SingleAsync();
            var article = await db.ConsultationArticles.Where(a => a.ConsultationId == id && a.Number == 2).Select(a => a.Id).SingleAsync();
            return (id, article);
        });

    private static string Name(string path) => path.Replace('/', '-').Replace('?', '-').Replace('=', '-');
}
