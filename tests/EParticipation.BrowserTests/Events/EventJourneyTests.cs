using EParticipation.BrowserTests.Infrastructure;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Events.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace EParticipation.BrowserTests.Events;

/// <summary>
/// A participant registers a team for a hackathon through the Arabic pages and downloads its calendar
/// file; the events pages, public and staff, pass axe in both languages.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class EventJourneyTests(BrowserFixture browser)
{
    public static TheoryData<string> Languages => new() { "ar", "en" };

    [Fact]
    public async Task Participant_RegistersATeamForAHackathonInArabic_AndDownloadsTheCalendarFile()
    {
        var title = "هاكاثون العدالة الرقمية " + Guid.NewGuid().ToString("N")[..6];
        var id = await CreateHackathonAsync(title);
        var leader = await TestAccounts.CreateAsync(browser.Server, name: "نورة العتيبي");
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, leader.Email!, TestAccounts.Password);

        await page.GotoAsync(browser.Server.Url("/ar/events?kind=hackathon"));
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await page.WaitForURLAsync($"**/ar/events/{id}");
        // The judging criteria are published before the hackathon starts.
        await Assertions.Expect(page.Locator("#criteria")).ToContainTextAsync("أثر الحل على المستفيد");
        await page.GetByLabel("بصفتي قائد فريق").CheckAsync();
        await page.GetByLabel("اسم الفريق (للفرق فقط)").FillAsync("فريق العدالة");
        await page.GetByLabel("عناوين بريد أعضاء الفريق، عنوان في كل سطر (للفرق فقط)").FillAsync($"member-{Guid.NewGuid():N}@example.test");
        await browser.CheckAccessibilityAsync(page, "event-journey-filled-ar");
        await page.GetByRole(AriaRole.Button, new() { Name = "التسجيل", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("تم تسجيلك");
        await Assertions.Expect(page.Locator("#my-registration")).ToContainTextAsync("فريق «فريق العدالة»");
        await Assertions.Expect(page.Locator("#my-registration")).ToContainTextAsync("أُرسلت الدعوة");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "أضف إلى تقويمي (ملف ‎.ics)" }).ClickAsync());
        Assert.Equal($"event-{id}.ics", download.SuggestedFilename);
        var ics = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
        Assert.Contains($"UID:event-{id}@", ics, StringComparison.Ordinal);
        Assert.Contains("TZID=Asia/Riyadh", ics, StringComparison.Ordinal);
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        await browser.CheckAccessibilityAsync(page, "event-journey-registered-ar");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task EventPages_HaveNoSeriousAxeViolations(string lang)
    {
        var id = await CreateHackathonAsync("هاكاثون الوصول " + lang);
        var titles = new List<string>();
        var visitor = await browser.NewPageAsync(lang == "ar" ? "ar-SA" : "en-GB");
        foreach (var path in new[] { "/events", "/events?when=past", $"/events/{id}" })
        {
            await visitor.GotoAsync(browser.Server.Url($"/{lang}{path}"));
            Assert.Equal(lang, await visitor.Locator("html").GetAttributeAsync("lang"));
            titles.Add(await browser.CheckAccessibilityAsync(visitor, $"{lang}-events{Name(path)}"));
        }

        var publisher = await TestAccounts.CreateAsync(browser.Server, roles: [Roles.AgencyPublisher], agencyCode: "moj", language: lang);
        var staff = await browser.NewPageAsync();
        await browser.SignInAsync(staff, publisher.Email!, TestAccounts.Password, lang);
        foreach (var path in new[] { "/events/manage", "/events/manage/new", $"/events/manage/{id}", $"/events/manage/{id}/attendees", $"/events/manage/{id}/hackathon" })
        {
            await staff.GotoAsync(browser.Server.Url($"/{lang}{path}"));
            titles.Add(await browser.CheckAccessibilityAsync(staff, $"{lang}-events-staff{Name(path)}"));
        }
        BrowserFixture.AssertDistinctTitles(titles);
    }

    private Task<int> CreateHackathonAsync(string title) =>
        browser.Server.WithDbAsync(async (AppDbContext db) =>
        {
            var now = DateTime.UtcNow;
            var e = new PortalEvent
            {
                AgencyId = await db.Agencies.Where(a => a.Code == "moj").Select(a => a.Id).SingleAsync(),
                Kind = EventKind.Hackathon,
                Title = new LocalizedText(title, "Digital justice hackathon"),
                Description = new LocalizedText("يومان لبناء حلول رقمية لخدمات العدالة.", "Two days building digital solutions for justice services."),
                StartsAt = now.AddDays(20),
                EndsAt = now.AddDays(21),
                RegistrationOpensAt = now.AddDays(-1),
                RegistrationClosesAt = now.AddDays(19),
                Address = "حي العليا",
                City = "الرياض",
                Capacity = 60,
                ReservedWomen = 10,
                SubmissionsCloseAt = now.AddDays(21).AddHours(-2),
                MinTeamSize = 2,
                MaxTeamSize = 5,
                CreatedById = await db.Users.Select(u => u.Id).FirstAsync(),
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Events.Add(e);
            await db.SaveChangesAsync();
            db.HackathonCriteria.Add(new HackathonCriterion { EventId = e.Id, Name = new LocalizedText("أثر الحل على المستفيد", "Impact on people"), Weight = 60, MaxScore = 10, Position = 1 });
            await db.SaveChangesAsync();
            return e.Id;
        });

    private static string Name(string path) => path.Replace('/', '-').Replace('?', '-').Replace('=', '-');
}
