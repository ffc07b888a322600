using EParticipation.BrowserTests.Infrastructure;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EParticipation.BrowserTests.Cases;

/// <summary>
/// A complaint through the real Arabic pages, from the home page's card to the agency's answer and
/// the rating; and every new page of complaints, cases and business feedback passes axe in both languages.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class CaseJourneyTests(BrowserFixture browser)
{
    public static TheoryData<string> Languages => new() { "ar", "en" };

    [Fact]
    public async Task Participant_ComplainsInArabic_OfficerAnswers_ParticipantRatesTheHandling()
    {
        var participant = await TestAccounts.CreateAsync(browser.Server, name: "خالد الشمري");
        var officerAccount = await TestAccounts.CreateAsync(browser.Server, roles: [Roles.CaseOfficer], agencyCode: "hrsd", name: "موظفة الحالات");
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, participant.Email!, TestAccounts.Password);

        await page.GotoAsync(browser.Server.Url("/ar"));
        await page.GetByRole(AriaRole.Link, new() { Name = "الشكاوى", Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync("**/ar/complaints");
        await page.GetByLabel("جهة حكومية لم تقدم لي الخدمة بالجودة المتوقعة").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "متابعة" }).ClickAsync();
        await page.WaitForURLAsync("**/ar/complaints/new/government-service");
        await Assertions.Expect(page.Locator("#expected-heading")).ToBeVisibleAsync();
        await page.GetByLabel("ما الجهة المعنية؟").SelectOptionAsync(new SelectOptionValue { Label = "وزارة الموارد البشرية والتنمية الاجتماعية" });
        await page.GetByLabel("الخدمة المعنية").FillAsync("الضمان الاجتماعي");
        await page.GetByLabel("عنوان الشكوى").FillAsync("تأخر صرف الضمان الاجتماعي");
        await page.GetByLabel("ماذا حدث").FillAsync("لم يُصرف المبلغ منذ شهرين رغم اكتمال الطلب.");
        await browser.CheckAccessibilityAsync(page, "cases-journey-form-ar");
        await page.GetByRole(AriaRole.Button, new() { Name = "أرسل الشكوى" }).ClickAsync();
        await page.WaitForURLAsync("**/ar/cases/CMP-*");
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("استُلمت شكواك");
        var tracking = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await Assertions.Expect(page.Locator(".ep-case-due")).ToContainTextAsync("هـ");
        await browser.CheckAccessibilityAsync(page, "cases-journey-case-ar");

        var officer = await browser.NewPageAsync();
        await browser.SignInAsync(officer, officerAccount.Email!, TestAccounts.Password);
        await officer.GotoAsync(browser.Server.Url("/ar/staff/cases"));
        await browser.CheckAccessibilityAsync(officer, "cases-journey-queue-ar");
        await officer.GetByRole(AriaRole.Link, new() { Name = tracking }).ClickAsync();
        await officer.GetByLabel("الرد (يراه مقدّم الطلب ويصله بالبريد الإلكتروني)").FillAsync("صُرف المبلغ اليوم، ونعتذر عن التأخير.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "أرسل الرد" }).ClickAsync();
        await Assertions.Expect(officer.Locator(".alert-success")).ToContainTextAsync("أُرسل الرد");
        await officer.Locator("#Close_EndState").SelectOptionAsync(new SelectOptionValue { Label = "تم الحل" });
        await officer.GetByRole(AriaRole.Button, new() { Name = "إغلاق", Exact = true }).ClickAsync();
        await Assertions.Expect(officer.Locator(".alert-success")).ToContainTextAsync("أُغلقت الحالة");
        await browser.CheckAccessibilityAsync(officer, "cases-journey-staff-case-ar");

        await page.GotoAsync(browser.Server.Url("/ar/account/cases"));
        await page.GetByRole(AriaRole.Link, new() { Name = "تأخر صرف الضمان الاجتماعي" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("صُرف المبلغ اليوم");
        await page.GetByLabel("تقييمك").SelectOptionAsync("5");
        await page.GetByLabel("تعليق (اختياري)").FillAsync("رد سريع بعد الشكوى.");
        await page.GetByRole(AriaRole.Button, new() { Name = "أرسل التقييم" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("قيّمت المعالجة 5 من 5.");
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        await browser.CheckAccessibilityAsync(page, "cases-journey-rated-ar");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task CasePages_HaveNoSeriousAxeViolations(string lang)
    {
        var visitor = await browser.NewPageAsync(lang == "ar" ? "ar-SA" : "en-GB");
        foreach (var path in new[] { "/complaints", "/complaints/choose/security", "/complaints/referral/security-extortion", "/complaints/referral/municipal", "/complaints/referral/bank-insurer", "/cases/response-time", "/business-feedback" })
        {
            await browser.OpenAsync(visitor, $"/{lang}{path}");
            Assert.Equal(lang, await visitor.Locator("html").GetAttributeAsync("lang"));
            await browser.CheckAccessibilityAsync(visitor, $"{lang}-cases{Name(path)}");
        }

        var business = await TestAccounts.CreateAsync(browser.Server, type: AccountType.Business, language: lang);
        var participant = await browser.NewPageAsync();
        await browser.SignInAsync(participant, business.Email!, TestAccounts.Password, lang);
        await browser.OpenAsync(participant, $"/{lang}/business-feedback/new");
        await participant.GetByLabel(lang == "ar" ? "النظام أو الإجراء" : "Regulation or procedure").FillAsync("Trademark registration");
        await participant.GetByLabel(lang == "ar" ? "الجهة المسؤولة عنه" : "Agency responsible for it").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await participant.GetByLabel(lang == "ar" ? "المشكلة التي يسببها لمنشأتك" : "The problem it causes your business").FillAsync("Six months of waiting.");
        await participant.GetByLabel(lang == "ar" ? "التغيير الذي تقترحه" : "The change you propose").FillAsync("A fast track.");
        await browser.CheckAccessibilityAsync(participant, $"{lang}-business-feedback-form");
        await participant.GetByRole(AriaRole.Button, new() { Name = lang == "ar" ? "أرسل المرئيات" : "Send feedback" }).ClickAsync();
        await participant.WaitForURLAsync("**/cases/BFB-*");
        await browser.CheckAccessibilityAsync(participant, $"{lang}-business-feedback-case");
        foreach (var path in new[] { "/account/cases", "/complaints/new/government-service" })
        {
            await browser.OpenAsync(participant, $"/{lang}{path}");
            await browser.CheckAccessibilityAsync(participant, $"{lang}-cases-participant{Name(path)}");
        }
        // The form shown again with its errors.
        await participant.GetByRole(AriaRole.Button, new() { Name = lang == "ar" ? "أرسل الشكوى" : "Send the complaint" }).ClickAsync();
        await Assertions.Expect(participant.Locator(".is-invalid").First).ToBeVisibleAsync();
        await browser.CheckAccessibilityAsync(participant, $"{lang}-cases-complaint-errors");

        var caseId = await browser.Server.WithDbAsync(db => db.Cases.Where(c => c.SubmitterId == business.Id).Select(c => c.Id).FirstAsync());
        var agencyCode = await browser.Server.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Agency!.Code).SingleAsync());
        var officerAccount = await TestAccounts.CreateAsync(browser.Server, roles: [Roles.CaseOfficer], agencyCode: agencyCode, language: lang);
        var officer = await browser.NewPageAsync(lang == "ar" ? "ar-SA" : "en-GB");
        await browser.SignInAsync(officer, officerAccount.Email!, TestAccounts.Password, lang);
        foreach (var path in new[] { "/staff/cases", "/staff/cases?due=Overdue&mine=true", $"/staff/cases/{caseId}" })
        {
            await browser.OpenAsync(officer, $"/{lang}{path}");
            await browser.CheckAccessibilityAsync(officer, $"{lang}-cases-officer{Name(path)}");
        }

        var admin = await TestAccounts.CreateAsync(browser.Server, roles: [Roles.Administrator], language: lang);
        var adminPage = await browser.NewPageAsync(lang == "ar" ? "ar-SA" : "en-GB");
        await browser.SignInAsync(adminPage, admin.Email!, TestAccounts.Password, lang);
        var routeId = await browser.Server.WithDbAsync(db => db.ComplaintRoutes.Where(r => r.Code == "municipal").Select(r => r.Id).SingleAsync());
        var channelId = await browser.Server.WithDbAsync(db => db.ComplaintChannels.Where(c => c.Code == "kollona-amn").Select(c => c.Id).SingleAsync());
        foreach (var path in new[] { "/admin/complaint-routing", $"/admin/complaint-routing/routes/{routeId}", "/admin/complaint-routing/routes/new", $"/admin/complaint-routing/channels/{channelId}" })
        {
            await browser.OpenAsync(adminPage, $"/{lang}{path}");
            await browser.CheckAccessibilityAsync(adminPage, $"{lang}-cases-admin{Name(path)}");
        }
    }

    private static string Name(string path) => path.Replace('/', '-').Replace('?', '-').Replace('=', '-').Replace('&', '-');
}
