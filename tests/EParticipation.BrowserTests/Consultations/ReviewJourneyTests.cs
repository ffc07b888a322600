using System.Globalization;
using EParticipation.BrowserTests.Infrastructure;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace EParticipation.BrowserTests.Consultations;

/// <summary>
/// After a consultation closes: the legislation office groups a form-letter campaign, answers the
/// group once with a bilingual response, answers the rest, writes the narrative and a final text,
/// and publishes the report; a participant then finds the agency's response under My participation.
/// Every page passes axe in both languages, with no content-security-policy violation.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class ReviewJourneyTests(BrowserFixture browser)
{
    private const string Letter = "نطالب بأن تشمل إجازة الوضع حالات الولادة المبكرة دون أن تُحتسب الأيام التي يقضيها المولود في العناية المركزة من مدة الإجازة، وأن يُمنح الأب إجازة مدفوعة لا تقل عن عشرة أيام عمل.";

    [Fact]
    public async Task Reviewer_GroupsAndAnswersACampaign_PublishesTheReport_AndTheParticipantSeesTheResponse()
    {
        var participant = await TestAccounts.CreateAsync(browser.Server, name: "ليلى العتيبي");
        var reviewerAccount = await TestAccounts.CreateAsync(browser.Server, roles: [Roles.LegislationReviewer], agencyCode: "hrsd", name: "مراجع إدارة التشريعات");
        var setup = await ClosedConsultationAsync(participant);
        var id = setup.ConsultationId;
        var csp = new List<string>();

        var reviewer = await browser.NewPageAsync();
        reviewer.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) { csp.Add(message.Text); } };
        await browser.SignInAsync(reviewer, reviewerAccount.Email!, TestAccounts.Password);
        foreach (var lang in new[] { "en", "ar" })
        {
            await browser.OpenAsync(reviewer, $"/{lang}/consultations/manage/{id}/review");
            await browser.CheckAccessibilityAsync(reviewer, $"{lang}-review-comments");
        }

        // Group the campaign, then answer the group once, in both languages.
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "تجميع التعليقات المتشابهة" }).ClickAsync();
        await Assertions.Expect(reviewer.Locator(".alert-success")).ToContainTextAsync("عُثر على");
        var group = reviewer.Locator($"#group-{setup.Campaign[0]}");
        await Assertions.Expect(group.Locator("h4")).ToContainTextAsync($"({setup.Campaign.Count})");
        await browser.CheckAccessibilityAsync(reviewer, "ar-review-groups");
        await group.GetByLabel("مقبول جزئيًا").CheckAsync();
        await group.GetByLabel("رد الجهة بالعربية").FillAsync("أُضيفت حالات الولادة المبكرة إلى المادة الثانية، وستُدرس إجازة الأب في تعديل لاحق.");
        await group.GetByLabel("رد الجهة بالإنجليزية").FillAsync("Premature births were added to article 2; paternity leave will be considered in a later amendment.");
        await group.GetByRole(AriaRole.Button, new() { Name = "الرد على المجموعة كاملة" }).ClickAsync();
        await Assertions.Expect(reviewer.Locator(".alert-success")).ToContainTextAsync($"({setup.Campaign.Count})");

        // The participant's comment, by keyboard: its form is reached with Tab, and saving goes on to the next one.
        await browser.OpenAsync(reviewer, $"/ar/consultations/manage/{id}/review?disposition=none");
        var own = reviewer.Locator($"#comment-{setup.ParticipantComment}");
        await own.GetByLabel("مقبول", new() { Exact = true }).FocusAsync();
        await reviewer.Keyboard.PressAsync("Space");
        await reviewer.Keyboard.PressAsync("Tab");
        await reviewer.Keyboard.TypeAsync("شكرًا لكِ، عُدّلت المادة الأولى كما اقترحتِ.");
        await own.GetByRole(AriaRole.Button, new() { Name = "حفظ والانتقال إلى التالي" }).ClickAsync();
        await reviewer.WaitForURLAsync($"**#comment-{setup.Different}");
        await Assertions.Expect(reviewer.Locator(".alert-success")).ToContainTextAsync(setup.Different.ToString(CultureInfo.InvariantCulture));
        await reviewer.Keyboard.PressAsync("Tab");
        Assert.Equal($"comment-{setup.Different}", await reviewer.EvaluateAsync<string>("document.activeElement.closest('li') ? document.activeElement.closest('li').id : ''"));

        // The rest in bulk, with an explicit confirmation.
        await browser.OpenAsync(reviewer, $"/ar/consultations/manage/{id}/review/remaining");
        await browser.CheckAccessibilityAsync(reviewer, "ar-review-remaining");
        await reviewer.GetByLabel("خارج النطاق").CheckAsync();
        await reviewer.GetByLabel("رد الجهة بالعربية").FillAsync("خارج نطاق هذا المشروع.");
        await reviewer.GetByLabel("أؤكد تطبيق").CheckAsync();
        await reviewer.Locator("main form button[type=submit]").ClickAsync();
        await reviewer.WaitForURLAsync($"**/ar/consultations/manage/{id}/report");

        // The report: narrative, a changed final text, the preview, then publication.
        foreach (var lang in new[] { "en", "ar" })
        {
            await browser.OpenAsync(reviewer, $"/{lang}/consultations/manage/{id}/report");
            await browser.CheckAccessibilityAsync(reviewer, $"{lang}-report-editor");
        }
        await reviewer.GetByLabel("السرد بالعربية").FillAsync("نشكر كل من شارك.\n\n## ما سمعناه\n\n- طالب مشاركون بشمول الولادة المبكرة.\n\n## ما عملناه\n\n- عدّلنا **المادة الثانية**.");
        await reviewer.GetByLabel("السرد بالإنجليزية").FillAsync("Thank you to everyone who took part.\n\n## What we heard\n\n- Participants asked to cover premature births.");
        await reviewer.Locator("#Input_Articles_1__FinalAr").FillAsync("للعاملة الحق في إجازة وضع بأجر كامل مدتها أربعة عشر أسبوعًا، ولا تُحتسب منها أيام بقاء المولود في العناية المركزة.");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "حفظ التقرير" }).ClickAsync();
        await Assertions.Expect(reviewer.Locator(".alert-success")).ToContainTextAsync("حُفظ التقرير");
        foreach (var lang in new[] { "en", "ar" })
        {
            await browser.OpenAsync(reviewer, $"/{lang}/consultations/manage/{id}/report/preview");
            await browser.CheckAccessibilityAsync(reviewer, $"{lang}-report-preview");
        }
        await browser.OpenAsync(reviewer, $"/ar/consultations/manage/{id}/report");
        await reviewer.GetByLabel("اطّلعت على المعاينة").CheckAsync();
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "نشر التقرير وأرشفة الاستشارة" }).ClickAsync();
        await reviewer.WaitForURLAsync($"**/ar/consultations/{id}/report");
        await Assertions.Expect(reviewer.Locator(".alert-success")).ToContainTextAsync("نُشر التقرير الملخص");
        var diff = reviewer.Locator($"#change-{setup.Article2} .ep-diff[dir=rtl]");
        await Assertions.Expect(diff).ToHaveCountAsync(2);
        await Assertions.Expect(diff.Nth(1).Locator("ins").First).ToBeVisibleAsync();
        // The chart is drawn from the table beside it, once it comes near the screen (Chart.js is fetched then).
        await reviewer.Locator(".ep-chart").First.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(reviewer.Locator(".ep-chart[data-chart-drawn]").First).ToBeAttachedAsync();
        Assert.True(await reviewer.EvaluateAsync<int>("document.querySelector('.ep-chart canvas').width") > 0);

        var visitor = await browser.NewPageAsync();
        visitor.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) { csp.Add(message.Text); } };
        foreach (var lang in new[] { "ar", "en" })
        {
            await browser.OpenAsync(visitor, $"/{lang}/consultations/{id}/report");
            Assert.Equal(lang == "ar" ? "rtl" : "ltr", await visitor.Locator("html").GetAttributeAsync("dir"));
            await browser.CheckAccessibilityAsync(visitor, $"{lang}-report-public");
            await browser.OpenAsync(visitor, $"/{lang}/consultations/{id}");
            await Assertions.Expect(visitor.Locator("#report")).ToBeVisibleAsync();
            await browser.CheckAccessibilityAsync(visitor, $"{lang}-consultation-archived");
        }

        // The participant finds what became of the comment.
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, participant.Email!, TestAccounts.Password);
        foreach (var lang in new[] { "en", "ar" })
        {
            await browser.OpenAsync(page, $"/{lang}/consultations/my-participation");
            await browser.CheckAccessibilityAsync(page, $"{lang}-my-participation-after-report");
        }
        var comments = page.Locator("section", new() { Has = page.Locator("#my-comments-title") });
        await Assertions.Expect(comments).ToContainTextAsync("مقبول");
        await Assertions.Expect(comments).ToContainTextAsync("عُدّلت المادة الأولى كما اقترحتِ");
        await comments.GetByRole(AriaRole.Link, new() { Name = "اقرأ التقرير الملخص" }).First.ClickAsync();
        await page.WaitForURLAsync($"**/ar/consultations/{id}/report");

        Assert.True(csp.Count == 0, string.Join("\n", csp));
    }

    private sealed record Setup(int ConsultationId, int Article2, IReadOnlyList<long> Campaign, long ParticipantComment, long Different);

    // A law consultation of the ministry that closed yesterday, with a questionnaire and its answers, the
    // participant's own comment, a campaign of near-identical letters and one different comment.
    private async Task<Setup> ClosedConsultationAsync(ApplicationUser participant)
    {
        var others = new List<ApplicationUser>();
        for (var i = 0; i < 4; i++)
        {
            others.Add(await TestAccounts.CreateAsync(browser.Server, type: i % 2 == 0 ? AccountType.Citizen : AccountType.Resident));
        }
        var letters = new[] { Letter, Letter + " وشكرًا لكم.", Letter.Replace("عشرة أيام عمل", "أسبوعين", StringComparison.Ordinal), "السلام عليكم، " + Letter };
        return await browser.Server.WithDbAsync(async (AppDbContext db) =>
        {
            var now = DateTime.UtcNow;
            var consultation = new Consultation
            {
                AgencyId = await db.Agencies.Where(a => a.Code == "hrsd").Select(a => a.Id).SingleAsync(),
                SectorId = await db.Sectors.Where(s => s.Code == "labour-social-protection").Select(s => s.Id).SingleAsync(),
                Kind = ConsultationKind.Law,
                CreatedAt = now.AddDays(-12),
                UpdatedAt = now.AddDays(-12),
            };
            consultation.Describe(new LocalizedText("مشروع تعديل لائحة إجازات العاملين " + Guid.NewGuid().ToString("N")[..6], "Draft amendment of the workers' leave regulation"),
                new LocalizedText("تطرح الوزارة تعديل مواد الإجازات لاستطلاع آراء العموم.", "The Ministry invites comments on amended leave articles."));
            consultation.Schedule(now.AddDays(-11), now.AddDays(-10), now.AddDays(-1));
            consultation.Articles.Add(new Article { Number = 1, Heading = new LocalizedText("التعريفات", "Definitions"), Body = new LocalizedText("يُقصد بالعامل كل شخص طبيعي يعمل لمصلحة صاحب عمل.", "A worker is any natural person working for an employer.") });
            consultation.Articles.Add(new Article { Number = 2, Heading = new LocalizedText("إجازة الوضع", "Maternity leave"), Body = new LocalizedText("للعاملة الحق في إجازة وضع بأجر كامل مدتها اثنا عشر أسبوعًا.", "A woman worker is entitled to twelve weeks of fully paid maternity leave.") });
            consultation.Questions.Add(new Question
            {
                Position = 1,
                Type = QuestionType.SingleChoice,
                Required = true,
                Text = new LocalizedText("هل تؤيد التعديل؟", "Do you support the amendment?"),
                Options = [new QuestionOption { Position = 1, Text = new LocalizedText("نعم", "Yes") }, new QuestionOption { Position = 2, Text = new LocalizedText("لا", "No") }],
            });
            db.Consultations.Add(consultation);
            await db.SaveChangesAsync();
            var article1 = consultation.Articles[0];
            var article2 = consultation.Articles[1];

            Comment Add(ApplicationUser author, Article? article, string name, string body)
            {
                var comment = new Comment
                {
                    ConsultationId = consultation.Id,
                    ArticleId = article?.Id,
                    AuthorId = author.Id,
                    DisplayName = name,
                    Body = body,
                    Status = CommentStatus.Published,
                    SubmissionKey = Guid.NewGuid(),
                    CreatedAt = now.AddDays(-5),
                };
                db.ConsultationComments.Add(comment);
                consultation.CommentCount++;
                if (article is null)
                {
                    consultation.GeneralCommentCount++;
                }
                else
                {
                    article.CommentCount++;
                }
                return comment;
            }
            var own = Add(participant, article1, "ليلى", "أقترح إضافة تعريف للعامل عن بُعد إلى المادة الأولى.");
            var campaign = others.Select((o, i) => Add(o, article2, "مشارك " + (i + 1).ToString(CultureInfo.InvariantCulture), letters[i])).ToList();
            var different = Add(others[0], null, "مشارك", "أرى أن يُطبّق التعديل على المنشآت الكبيرة أولًا ثم الصغيرة بعد عام.");
            db.Follows.Add(new EParticipation.Web.Platform.Notifications.Follow { UserId = participant.Id, Kind = EParticipation.Web.Platform.Notifications.FollowKinds.Consultation, TargetId = consultation.Id.ToString(CultureInfo.InvariantCulture), CreatedAt = now.AddDays(-5) });
            var question = consultation.Questions[0];
            foreach (var (person, option) in others.Select((o, i) => (o, question.Options[i % 3 == 0 ? 1 : 0])))
            {
                db.ConsultationResponses.Add(new QuestionnaireResponse { ConsultationId = consultation.Id, UserId = person.Id, SubmittedAt = now.AddDays(-4), Answers = [new Answer { QuestionId = question.Id, OptionId = option.Id }] });
                consultation.ResponseCount++;
            }
            await db.SaveChangesAsync();
            return new Setup(consultation.Id, article2.Id, campaign.Select(c => c.Id).ToList(), own.Id, different.Id);
        });
    }
}
