using EParticipation.BrowserTests.Infrastructure;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace EParticipation.BrowserTests.Platform;

/// <summary>
/// Issue 12 tried again in both languages: the administrator's audit log shows and filters its
/// entries, and a participant lists and stops what they follow from their account.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class AccountAndAdminJourneyTests(BrowserFixture browser)
{
    public static TheoryData<string> Languages => new() { "ar", "en" };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task AuditLog_ShowsItsEntries_AndTheActorFilterNarrowsThem(string lang)
    {
        var marker = "browser" + Guid.NewGuid().ToString("N")[..6];
        await browser.Server.WithDbAsync(async (AppDbContext db) =>
        {
            db.AuditEntries.Add(new AuditEntry { OccurredAt = DateTime.UtcNow, UserEmail = "publisher.moj@demo.portal.test", Action = marker + ".consultation.updated", EntityType = "Consultation", EntityId = "1", Summary = "by the Justice publisher" });
            db.AuditEntries.Add(new AuditEntry { OccurredAt = DateTime.UtcNow, UserEmail = "admin@demo.portal.test", Action = marker + ".agency.updated", EntityType = "Agency", EntityId = "2", Summary = "by the administrator" });
            await db.SaveChangesAsync();
            return 0;
        });
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, "admin@demo.portal.test", "Demo-Portal-2026", lang);

        await browser.OpenAsync(page, $"/{lang}/admin/audit");
        await Assertions.Expect(page.Locator("#action")).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("tbody tr").First).ToBeVisibleAsync();

        await page.Locator("#action").FillAsync(marker);
        await page.Locator("#actor").FillAsync("publisher.moj");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("tbody")).ToContainTextAsync("by the Justice publisher");
        await Assertions.Expect(page.Locator("#audit-count")).ToContainTextAsync(lang == "ar" ? "قيد واحد" : "1 entry");
        await browser.CheckAccessibilityAsync(page, $"{lang}-admin-audit-filtered");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Participant_ListsWhatTheyFollow_AndUnfollowsFromTheirAccount(string lang)
    {
        var consultation = await browser.Server.WithDbAsync((AppDbContext db) => db.Consultations.Where(c => c.Title.Ar == "مشروع تعديل نظام العمل").Select(c => new { c.Id, c.Title }).SingleAsync());
        var participant = await TestAccounts.CreateAsync(browser.Server, language: lang);
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, participant.Email!, TestAccounts.Password, lang);
        await page.GotoAsync(browser.Server.Url($"/{lang}/consultations/{consultation.Id}"));
        await page.Locator("form[action$='/follow'] button").ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToBeVisibleAsync();

        await browser.OpenAsync(page, $"/{lang}/account/notifications");
        var list = page.Locator("#follows-consultation");
        var title = lang == "ar" ? consultation.Title.Ar : consultation.Title.En;
        await Assertions.Expect(list.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
        var consultations = lang == "ar" ? "الاستشارات" : "Consultations";
        await Assertions.Expect(page.Locator("main legend", new() { HasText = consultations })).ToContainTextAsync(lang == "ar" ? "تتابع عنصرًا واحدًا" : "you follow 1 item");
        // Only the kinds that can be followed are asked about: consultations and ideas, not cases or challenges.
        await Assertions.Expect(page.Locator("main fieldset")).ToHaveCountAsync(2);
        await browser.CheckAccessibilityAsync(page, $"{lang}-account-follows");

        await list.Locator("form[action$='/unfollow'] button").ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync(title);
        await Assertions.Expect(page.Locator("#follows-consultation").GetByRole(AriaRole.Link, new() { Name = title })).ToHaveCountAsync(0);
        await page.GotoAsync(browser.Server.Url($"/{lang}/consultations/{consultation.Id}"));
        await Assertions.Expect(page.Locator("form[action$='/follow'] button")).ToBeVisibleAsync();
    }
}
