using EParticipation.BrowserTests.Infrastructure;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace EParticipation.BrowserTests.Ideas;

/// <summary>
/// An idea through the real Arabic pages: from the home page's card to a challenge, similar ideas
/// while typing, a support for another idea, and the VoC analyst's triage up to "implemented";
/// and the module's pages pass axe in both languages.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class IdeaJourneyTests(BrowserFixture browser)
{
    public static TheoryData<string> Languages => new() { "ar", "en" };

    private async Task<(Challenge Challenge, Idea Existing)> SeedAsync(string suffix)
    {
        var author = await TestAccounts.CreateAsync(browser.Server, name: "صاحب فكرة سابقة");
        return await browser.Server.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var agency = await db.Agencies.Where(a => a.Code == "moj").Select(a => a.Id).SingleAsync();
            var sector = await db.Sectors.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            var challenge = new Challenge { AgencyId = agency, SectorId = sector, OpensAt = now.AddDays(-1), ClosesAt = now.AddDays(20), CreatedAt = now, UpdatedAt = now };
            challenge.Describe(new LocalizedText("تحدي مواعيد المحاكم " + suffix, "Court appointments " + suffix), new LocalizedText("يطول انتظار المراجعين", "Long waits"), new LocalizedText("قابلية التنفيذ", "Feasible"));
            db.Challenges.Add(challenge);
            await db.SaveChangesAsync();
            var idea = new Idea { AgencyId = agency, SectorId = sector, ChallengeId = challenge.Id, AuthorId = author.Id, DisplayName = "صاحب فكرة سابقة", Visibility = IdeaVisibility.Published, SubmissionKey = Guid.NewGuid(), CreatedAt = now, StatusChangedAt = now };
            idea.Write("تطبيق إلكتروني لحجز مواعيد المحاكم " + suffix, "الانتظار", "حجز موعد", "وقت أقل");
            idea.Events.Add(new IdeaEvent { Kind = IdeaEventKind.Submitted, Status = IdeaStatus.New, At = now });
            db.Ideas.Add(idea);
            await db.SaveChangesAsync();
            return (challenge, idea);
        });
    }

    [Fact]
    public async Task Participant_SubmitsAnIdeaInArabic_SupportsAnother_AnalystTakesItToImplemented()
    {
        var suffix = Guid.NewGuid().ToString("N")[..5];
        var (challenge, existing) = await SeedAsync(suffix);
        var participant = await TestAccounts.CreateAsync(browser.Server, name: "نورة القحطاني");
        var analystAccount = await TestAccounts.CreateAsync(browser.Server, roles: [Roles.VocAnalyst], agencyCode: "moj", name: "محلل صوت المستفيد");
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, participant.Email!, TestAccounts.Password);

        await page.GotoAsync(browser.Server.Url("/ar"));
        // From the home page's card (the menu keeps ideas inside its "Take part" group).
        await page.Locator("main a[href='/ar/ideas']").First.ClickAsync();
        await page.WaitForURLAsync("**/ar/ideas");
        await page.GotoAsync(browser.Server.Url("/ar/challenges"));
        await page.GetByRole(AriaRole.Link, new() { Name = challenge.Title.Ar }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "قدّم فكرة لهذا التحدي" }).ClickAsync();
        await page.GetByLabel("عنوان فكرتك").FillAsync("تطبيق لحجز مواعيد المحاكم " + suffix);
        // While typing: the similar idea appears (script), before anything is sent.
        // The first suggestion after the portal starts also compiles its queries: on CI's loaded two
        // cores that took longer than Playwright's default 5 s.
        await Assertions.Expect(page.Locator($"#similar-ideas a[href='/ar/ideas/{existing.Id}']")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.GetByLabel("المشكلة التي تحلها").FillAsync("طوابير طويلة في المحاكم");
        await page.GetByLabel("مقترحك").FillAsync("تذكير بالرسائل قبل الموعد بيوم");
        await page.GetByLabel("الفائدة المتوقعة").FillAsync("حضور أقل تأخرًا");
        await browser.CheckAccessibilityAsync(page, "ideas-journey-form-ar");
        await page.GetByRole(AriaRole.Button, new() { Name = "متابعة" }).ClickAsync();
        await Assertions.Expect(page.Locator("#similar-ideas")).ToContainTextAsync("تطبيق إلكتروني لحجز مواعيد المحاكم");
        await page.GetByRole(AriaRole.Button, new() { Name = "أرسل الفكرة" }).ClickAsync();
        await page.WaitForURLAsync("**/ar/ideas/*");
        var ideaUrl = page.Url;
        var ideaId = ideaUrl[(ideaUrl.LastIndexOf('/') + 1)..];
        await browser.CheckAccessibilityAsync(page, "ideas-journey-idea-ar");

        await page.GotoAsync(browser.Server.Url($"/ar/ideas/{existing.Id}"));
        await page.GetByRole(AriaRole.Button, new() { Name = "ادعم هذه الفكرة" }).ClickAsync();
        await Assertions.Expect(page.Locator("#support-count")).ToContainTextAsync("داعم واحد");

        var analyst = await browser.NewPageAsync();
        await browser.SignInAsync(analyst, analystAccount.Email!, TestAccounts.Password);
        await analyst.GotoAsync(browser.Server.Url("/ar/ideas/manage"));
        await browser.CheckAccessibilityAsync(analyst, "ideas-journey-queue-ar");
        foreach (var (status, answer) in new[] { ("قيد الدراسة", "ندرس الفكرة"), ("في القائمة المختصرة", "الفكرة في القائمة المختصرة"), ("مقبولة", "قبلنا الفكرة وسننفذها") })
        {
            await analyst.GotoAsync(browser.Server.Url($"/ar/ideas/manage/{ideaId}"));
            await analyst.GetByLabel("الحالة الجديدة").SelectOptionAsync(new SelectOptionValue { Label = status });
            await analyst.GetByLabel("الرد العلني بالعربية").FillAsync(answer);
            await analyst.GetByRole(AriaRole.Button, new() { Name = "حفظ الحالة" }).ClickAsync();
            await Assertions.Expect(analyst.Locator("main")).ToContainTextAsync("حالة الفكرة الآن: " + status);
        }
        await analyst.GetByLabel("التحديث بالعربية").FillAsync("بدأ فريق التطوير العمل");
        await analyst.GetByRole(AriaRole.Button, new() { Name = "انشر التحديث" }).ClickAsync();
        await analyst.GetByLabel("الحالة الجديدة").SelectOptionAsync(new SelectOptionValue { Label = "منفذة" });
        await analyst.GetByLabel("الرد العلني بالعربية").FillAsync("أُطلقت خدمة التذكير");
        await analyst.GetByRole(AriaRole.Button, new() { Name = "حفظ الحالة" }).ClickAsync();
        await browser.CheckAccessibilityAsync(analyst, "ideas-journey-triage-ar");

        await page.GotoAsync(ideaUrl);
        await Assertions.Expect(page.Locator("#idea-path")).ToContainTextAsync("بدأ فريق التطوير العمل");
        await Assertions.Expect(page.Locator("#idea-path")).ToContainTextAsync("أُطلقت خدمة التذكير");
        await Assertions.Expect(page.Locator("#idea-path")).ToContainTextAsync("هـ");
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task IdeaPages_HaveNoSeriousAxeViolations(string lang)
    {
        var (challenge, existing) = await SeedAsync(Guid.NewGuid().ToString("N")[..5]);
        var visitor = await browser.NewPageAsync(lang == "ar" ? "ar-SA" : "en-GB");
        foreach (var path in new[] { "/challenges", $"/challenges/{challenge.Id}", "/ideas", $"/ideas/{existing.Id}", "/ideas/reality/moj" })
        {
            await browser.OpenAsync(visitor, $"/{lang}{path}");
            Assert.Equal(lang, await visitor.Locator("html").GetAttributeAsync("lang"));
            await browser.CheckAccessibilityAsync(visitor, $"{lang}-ideas{path.Replace('/', '-')}");
        }
        var publisher = await TestAccounts.CreateAsync(browser.Server, roles: [Roles.AgencyPublisher], agencyCode: "moj", language: lang);
        var staff = await browser.NewPageAsync(lang == "ar" ? "ar-SA" : "en-GB");
        await browser.SignInAsync(staff, publisher.Email!, TestAccounts.Password, lang);
        foreach (var path in new[] { "/challenges/manage", "/challenges/manage/new", $"/challenges/manage/{challenge.Id}", "/ideas/new" })
        {
            await browser.OpenAsync(staff, $"/{lang}{path}");
            await browser.CheckAccessibilityAsync(staff, $"{lang}-ideas-staff{path.Replace('/', '-')}");
        }
        // The moderators' one queue, consultation and idea comments together.
        var moderatorAccount = await TestAccounts.CreateAsync(browser.Server, roles: [Roles.Moderator], language: lang);
        var moderator = await browser.NewPageAsync(lang == "ar" ? "ar-SA" : "en-GB");
        await browser.SignInAsync(moderator, moderatorAccount.Email!, TestAccounts.Password, lang);
        foreach (var list in new[] { "pending", "reported" })
        {
            await browser.OpenAsync(moderator, $"/{lang}/moderation/comments?list={list}");
            await browser.CheckAccessibilityAsync(moderator, $"{lang}-moderation-comments-{list}");
        }
    }
}
