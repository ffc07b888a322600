using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using EParticipation.Tests.Consultations;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Cases;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;

namespace EParticipation.Tests.Cases;

/// <summary>The one case workflow, as the submitter and the agency's case officers see it.</summary>
public sealed partial class CaseWorkflowTests(CasesPortal factory) : IClassFixture<CasesPortal>
{
    private static readonly TimeSpan Riyadh = CasesPortal.Riyadh;

    /// <summary>A sign-in made at the test clock's present (a sign-in lasts 8 hours, and these tests move days).</summary>
    private async Task<PortalClient> AsAsync(ApplicationUser user)
    {
        var client = factory.Client();
        await client.SignInAsync(user.Email!, TestAccounts.Password);
        return client;
    }

    private Task<ApplicationUser> OfficerAsync(string agency = "hrsd") => TestAccounts.CreateAsync(factory, roles: [Roles.CaseOfficer], agencyCode: agency);

    [Fact]
    public async Task Submit_GivesATrackingNumberWithTheKindAndHijriYear_AndEmailsTheSubmitterALinkToTheCase()
    {
        factory.Clock.Set(new DateTimeOffset(2026, 12, 3, 21, 30, 0, Riyadh));
        var submitter = await TestAccounts.CreateAsync(factory);

        var c = await factory.FileAsync(submitter);

        Assert.Matches(TrackingPattern(), c.TrackingNumber);
        Assert.StartsWith("CMP-1448-", c.TrackingNumber, StringComparison.Ordinal);
        // Thursday evening: counted from Sunday, due on the Thursday two weeks later.
        Assert.Equal(new DateOnly(2026, 12, 17), c.DueOn);
        var email = await factory.PickupFolder.WaitForAsync(submitter.Email!, e => e.TextBody.Contains(c.TrackingNumber, StringComparison.Ordinal));
        Assert.Contains("/ar/cases/" + c.TrackingNumber, email.TextBody, StringComparison.Ordinal);
        Assert.Contains("1448", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_TheSameFormSeveralTimesAtOnce_MakesOneCase()
    {
        var submitter = await TestAccounts.CreateAsync(factory);
        var key = Guid.NewGuid();

        var cases = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => factory.FileAsync(submitter, subject: "شكوى واحدة", key: key)));

        Assert.Single(cases.Select(c => c.TrackingNumber).Distinct());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Cases.CountAsync(c => c.SubmitterId == submitter.Id)));
    }

    [Fact]
    public async Task Submit_ManyAtOnce_EachGetsItsOwnNumber()
    {
        var submitter = await TestAccounts.CreateAsync(factory);

        var cases = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => factory.FileAsync(submitter)));

        Assert.Equal(20, cases.Select(c => c.TrackingNumber).Distinct().Count());
        var business = await factory.FileAsync(submitter, kind: CaseKind.BusinessFeedback);
        Assert.StartsWith("BFB-1448-", business.TrackingNumber, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrackingNumbers_TwoInstancesTakingNumbersAtOnce_NeverShareOne_AndTheCounterCoversEveryNumberGiven()
    {
        // Two instances of the portal: each reserves its own blocks of numbers from the one counter row.
        var scopes = factory.Services.GetRequiredService<IServiceScopeFactory>();
        var configuration = factory.Services.GetRequiredService<IConfiguration>();
        var instances = new[] { new TrackingNumbers(scopes, configuration), new TrackingNumbers(scopes, configuration) };
        var now = new DateTime(2027, 1, 10, 9, 0, 0, DateTimeKind.Utc);

        var numbers = await Task.WhenAll(instances.SelectMany(i => Enumerable.Range(0, 25).Select(_ => i.NextAsync(CaseKind.RatingSuggestion, now, CancellationToken.None))));

        Assert.Equal(50, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.StartsWith("SUG-1448-", n, StringComparison.Ordinal));
        var highest = numbers.Max(n => int.Parse(n[^6..], CultureInfo.InvariantCulture));
        var counter = await factory.WithDbAsync(db => db.CaseCounters.Where(c => c.Prefix == "SUG" && c.Year == 1448).Select(c => c.Value).SingleAsync());
        Assert.True(counter >= highest, $"the counter ({counter}) is at or past the highest number given ({highest})");
        // Unused: what is left of each instance's block, and the block it reserved ahead.
        Assert.True(counter <= 50 + 4 * instances[0].BlockSize, "at most two unused blocks per instance");
    }

    [Fact]
    public async Task TrackingNumbers_ReserveTheNextBlock_WhileHalfOfTheCurrentOneIsLeft()
    {
        var scopes = factory.Services.GetRequiredService<IServiceScopeFactory>();
        var numbers = new TrackingNumbers(scopes, factory.Services.GetRequiredService<IConfiguration>());
        var size = numbers.BlockSize;
        // A year no other test takes numbers in: only this instance moves its counter.
        var now = new DateTime(2028, 7, 1, 9, 0, 0, DateTimeKind.Utc);
        var year = TrackingNumbers.HijriYear(now);
        Task<int> Counter() => factory.WithDbAsync(db => db.CaseCounters.Where(c => c.Prefix == "BFB" && c.Year == year).Select(c => c.Value).SingleAsync());
        var first = int.Parse((await numbers.NextAsync(CaseKind.BusinessFeedback, now, CancellationToken.None))[^6..], CultureInfo.InvariantCulture);
        var reserved = await Counter();
        Assert.Equal(first + size - 1, reserved);

        // Half of the block handed out: the next one is reserved before it is needed.
        for (var i = 1; i <= size / 2; i++)
        {
            await numbers.NextAsync(CaseKind.BusinessFeedback, now, CancellationToken.None);
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await Counter() == reserved && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.Equal(reserved + size, await Counter());

        // The rest of the block, then the one reserved ahead: every number in order, none twice.
        var rest = new List<string>();
        for (var i = size / 2 + 1; i < 2 * size; i++)
        {
            rest.Add(await numbers.NextAsync(CaseKind.BusinessFeedback, now, CancellationToken.None));
        }
        Assert.Equal(Enumerable.Range(first + size / 2 + 1, rest.Count).Select(n => TrackingNumbers.Format("BFB", year, n)), rest);
    }

    [Fact]
    public async Task CasePage_OpensOnlyForItsOwner_NotForTheTrackingNumberAlone()
    {
        var (owner, user) = await TestAccounts.SignedInAsync(factory);
        var (stranger, _) = await TestAccounts.SignedInAsync(factory);
        var c = await factory.FileAsync(user, subject: "شكوى خاصة جدًا");
        var path = "/ar/cases/" + c.TrackingNumber;

        var page = await owner.PageAsync(path);
        var strangers = await stranger.GetAsync(path);
        var anonymous = await factory.Client().GetAsync(path);

        Assert.Contains("شكوى خاصة جدًا", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(c.TrackingNumber, page.Title, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, strangers.StatusCode);
        Assert.DoesNotContain("شكوى خاصة جدًا", await strangers.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
        var mine = await owner.PageAsync("/ar/account/cases");
        Assert.Contains(c.TrackingNumber, mine.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Officer_OfAnotherAgency_CannotSeeTheCaseByIdOrTrackingNumber()
    {
        var submitter = await TestAccounts.CreateAsync(factory);
        var c = await factory.FileAsync(submitter, agency: "hrsd", subject: "شكوى للموارد البشرية");
        var (moj, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "moj");
        var (hrsd, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "hrsd");
        var (publisher, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "hrsd");

        Assert.Equal(HttpStatusCode.NotFound, (await moj.GetAsync($"/ar/staff/cases/{c.Id}")).StatusCode);
        var respond = await Forms.PostAsync(moj, "/ar/staff/cases", $"/ar/staff/cases/{c.Id}/respond", new Dictionary<string, string> { ["Response.Text"] = "رد دخيل" });
        Assert.Equal(HttpStatusCode.NotFound, respond.StatusCode);
        var search = await moj.PageAsync("/ar/staff/cases?all=true&q=" + c.TrackingNumber);
        Assert.DoesNotContain(c.TrackingNumber, search.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await moj.GetAsync("/ar/cases/" + c.TrackingNumber)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await publisher.GetAsync($"/ar/staff/cases/{c.Id}")).StatusCode);

        var own = await hrsd.PageAsync("/ar/staff/cases?q=" + c.TrackingNumber);
        Assert.Contains(c.TrackingNumber, own.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("شكوى للموارد البشرية", (await hrsd.PageAsync($"/ar/staff/cases/{c.Id}")).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(CaseState.Submitted, (await factory.ReloadAsync(c.Id)).State);
    }

    [Fact]
    public async Task QueueSearch_FindsWordsTypedWithOtherLetterForms_AndTheLowerCaseTrackingNumber()
    {
        var submitter = await TestAccounts.CreateAsync(factory);
        var word = "مستشفى" + Guid.NewGuid().ToString("N")[..6];
        var c = await factory.FileAsync(submitter, agency: "hrsd", subject: "إغلاق " + word + " الولادة");
        var (hrsd, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "hrsd");

        // Typed without the hamza and with ya for alef maqsura, as people type them.
        var typed = "اغلاق " + word.Replace("ى", "ي", StringComparison.Ordinal);
        var found = await hrsd.PageAsync("/ar/staff/cases?q=" + Uri.EscapeDataString(typed));
        Assert.Contains(c.TrackingNumber, found.Body!.TextContent, StringComparison.Ordinal);
        var byNumber = await hrsd.PageAsync("/ar/staff/cases?q=" + c.TrackingNumber.ToLowerInvariant());
        Assert.Contains(c.TrackingNumber, byNumber.Body!.TextContent, StringComparison.Ordinal);
        var other = await hrsd.PageAsync("/ar/staff/cases?q=" + Uri.EscapeDataString("مدرسة" + Guid.NewGuid().ToString("N")[..6]));
        Assert.DoesNotContain(c.TrackingNumber, other.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskingForInformation_StopsTheClock_UntilTheSubmitterAnswers()
    {
        factory.Clock.Set(new DateTimeOffset(2026, 12, 6, 9, 0, 0, Riyadh));
        var user = await TestAccounts.CreateAsync(factory);
        var officerUser = await OfficerAsync();
        var c = await factory.FileAsync(user);
        Assert.Equal(new DateOnly(2026, 12, 20), c.DueOn);

        factory.Clock.Set(new DateTimeOffset(2026, 12, 8, 10, 0, 0, Riyadh));
        var officer = await AsAsync(officerUser);
        Forms.AssertRedirect(await officer.SubmitAsync($"/ar/staff/cases/{c.Id}", new Dictionary<string, string> { ["Question.Text"] = "ما رقم الطلب؟" }, actionEndsWith: "/request-information"));
        var question = await factory.PickupFolder.WaitForAsync(user.Email!, e => e.TextBody.Contains("ما رقم الطلب؟", StringComparison.Ordinal));
        Assert.Contains(c.TrackingNumber, question.TextBody, StringComparison.Ordinal);

        factory.Clock.Set(new DateTimeOffset(2026, 12, 13, 11, 0, 0, Riyadh));
        var submitter = await AsAsync(user);
        officer = await AsAsync(officerUser);
        var waiting = await submitter.PageAsync("/ar/cases/" + c.TrackingNumber);
        Assert.Contains("ما رقم الطلب؟", waiting.Body!.TextContent, StringComparison.Ordinal);
        Forms.AssertRedirect(await submitter.SubmitAsync("/ar/cases/" + c.TrackingNumber, new Dictionary<string, string> { ["Information.Text"] = "رقم الطلب 4455" }, actionEndsWith: "/information"));

        var stored = await factory.ReloadAsync(c.Id);
        Assert.Equal(CaseState.InReview, stored.State);
        // Three working days waited (Wed 9, Thu 10, Sun 13): due three working days later.
        Assert.Equal(new DateOnly(2026, 12, 23), stored.DueOn);
        var page = await submitter.PageAsync("/ar/cases/" + c.TrackingNumber);
        Assert.Contains("23 ديسمبر 2026", page.QuerySelector(".ep-case-due")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("3 أيام عمل بانتظار معلوماتك", page.QuerySelector(".ep-case-due")!.TextContent, StringComparison.Ordinal);
        var officerView = await officer.PageAsync($"/ar/staff/cases/{c.Id}");
        Assert.Contains("رقم الطلب 4455", officerView.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Response_CanBeReopenedWithin14Days_NotAfter_AndRatedAfterClosing()
    {
        factory.Clock.Set(new DateTimeOffset(2026, 12, 6, 9, 0, 0, Riyadh));
        var user = await TestAccounts.CreateAsync(factory);
        var officerUser = await OfficerAsync();
        var officer = await AsAsync(officerUser);
        var c = await factory.FileAsync(user);
        var casePath = "/ar/cases/" + c.TrackingNumber;
        var staffPath = $"/ar/staff/cases/{c.Id}";

        Forms.AssertRedirect(await officer.SubmitAsync(staffPath, new Dictionary<string, string> { ["Response.Text"] = "تمت معالجة طلبك." }, actionEndsWith: "/respond"));
        var answer = await factory.PickupFolder.WaitForAsync(user.Email!, e => e.TextBody.Contains("تمت معالجة طلبك.", StringComparison.Ordinal));
        Assert.Contains(casePath, answer.TextBody, StringComparison.Ordinal);

        factory.Clock.Advance(TimeSpan.FromDays(13));
        var submitter = await AsAsync(user);
        officer = await AsAsync(officerUser);
        Forms.AssertRedirect(await submitter.SubmitAsync(casePath, new Dictionary<string, string> { ["Reopen.Text"] = "لم تصلني الشهادة بعد." }, actionEndsWith: "/reopen"));
        var reopened = await factory.ReloadAsync(c.Id);
        Assert.Equal(CaseState.InReview, reopened.State);
        Assert.Equal(1, reopened.ReopenCount);
        Assert.Contains("لم تصلني الشهادة بعد.", (await officer.PageAsync(staffPath)).Body!.TextContent, StringComparison.Ordinal);

        Forms.AssertRedirect(await officer.SubmitAsync(staffPath, new Dictionary<string, string> { ["Response.Text"] = "أُرسلت الشهادة اليوم." }, actionEndsWith: "/respond"));
        factory.Clock.Advance(TimeSpan.FromDays(15));
        submitter = await AsAsync(user);
        officer = await AsAsync(officerUser);
        var late = await submitter.PageAsync(casePath);
        Assert.Empty(late.QuerySelectorAll("form[action$='/reopen']"));
        var refused = await Forms.PostAsync(submitter, casePath, casePath + "/reopen", new Dictionary<string, string> { ["Reopen.Text"] = "ما زال" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        Forms.AssertRedirect(await officer.SubmitAsync(staffPath, new Dictionary<string, string> { ["Close.EndState"] = "Resolved" }, actionEndsWith: "/close"));
        Forms.AssertRedirect(await submitter.SubmitAsync(casePath, new Dictionary<string, string> { ["Rate.Stars"] = "4", ["Rate.Comment"] = "جيد" }, actionEndsWith: "/rate"));
        var closed = await factory.ReloadAsync(c.Id);
        Assert.Equal(CaseEndState.Resolved, closed.EndState);
        Assert.Equal(4, closed.Rating);
        Assert.Contains("4 من 5", (await officer.PageAsync(staffPath)).Body!.TextContent, StringComparison.Ordinal);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == c.TrackingNumber).Select(a => a.Action).ToListAsync());
        Assert.Equal(["case.closed", "case.responded", "case.responded"], audit.Order());
    }

    [Fact]
    public async Task Transfer_HandsTheCaseToTheOtherAgency_WithANewDueDate()
    {
        factory.Clock.Set(new DateTimeOffset(2026, 12, 6, 9, 0, 0, Riyadh));
        var user = await TestAccounts.CreateAsync(factory);
        var c = await factory.FileAsync(user, agency: "hrsd");
        var mojId = await factory.AgencyIdAsync("moj");

        factory.Clock.Set(new DateTimeOffset(2026, 12, 9, 12, 0, 0, Riyadh));
        var submitter = await AsAsync(user);
        var hrsd = await AsAsync(await OfficerAsync("hrsd"));
        var moj = await AsAsync(await OfficerAsync("moj"));
        Forms.AssertRedirect(await hrsd.SubmitAsync($"/ar/staff/cases/{c.Id}", new Dictionary<string, string> { ["Transfer.AgencyId"] = mojId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Transfer.Reason"] = "من اختصاص وزارة العدل" }, actionEndsWith: "/transfer"));

        var moved = await factory.ReloadAsync(c.Id);
        Assert.Equal(mojId, moved.AgencyId);
        Assert.Equal(new DateOnly(2026, 12, 23), moved.DueOn);
        Assert.Equal(HttpStatusCode.NotFound, (await hrsd.GetAsync($"/ar/staff/cases/{c.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await moj.GetAsync($"/ar/staff/cases/{c.Id}")).StatusCode);
        var page = await submitter.PageAsync("/ar/cases/" + c.TrackingNumber);
        Assert.Contains("من اختصاص وزارة العدل", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("وزارة العدل", page.QuerySelector(".ep-dl")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_EmailsTheNewAgencysCaseOfficers_WithALinkToTheirQueue()
    {
        var user = await TestAccounts.CreateAsync(factory);
        var c = await factory.FileAsync(user, agency: "hrsd");
        var mojId = await factory.AgencyIdAsync("moj");
        var mojOfficer = await OfficerAsync("moj");
        var hrsd = await AsAsync(await OfficerAsync("hrsd"));

        Forms.AssertRedirect(await hrsd.SubmitAsync($"/ar/staff/cases/{c.Id}", new Dictionary<string, string> { ["Transfer.AgencyId"] = mojId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Transfer.Reason"] = "من اختصاص وزارة العدل" }, actionEndsWith: "/transfer"));

        var email = await factory.PickupFolder.WaitForAsync(mojOfficer.Email!, e => e.Subject.Contains(c.TrackingNumber, StringComparison.Ordinal));
        Assert.Contains("أُحيلت إلى جهتكم", email.Subject, StringComparison.Ordinal);
        Assert.Contains($"/ar/staff/cases/{c.Id}", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("وزارة الموارد البشرية", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InternalNotes_AreNeverShownToTheSubmitter()
    {
        var (submitter, user) = await TestAccounts.SignedInAsync(factory);
        var (officer, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "hrsd");
        var c = await factory.FileAsync(user);

        Forms.AssertRedirect(await officer.SubmitAsync($"/ar/staff/cases/{c.Id}", new Dictionary<string, string> { ["Note.Text"] = "ملاحظة سرية للموظفين" }, actionEndsWith: "/note"));

        Assert.Contains("ملاحظة سرية للموظفين", (await officer.PageAsync($"/ar/staff/cases/{c.Id}")).Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("ملاحظة سرية للموظفين", (await submitter.PageAsync("/ar/cases/" + c.TrackingNumber)).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(CaseState.InReview, (await factory.ReloadAsync(c.Id)).State);
    }

    [Fact]
    public async Task HolidayAddedLater_MovesTheDueDatesOfOpenCases_AndTellsTheSubmitter()
    {
        factory.Clock.Set(new DateTimeOffset(2026, 12, 3, 21, 30, 0, Riyadh));
        var (submitter, user) = await TestAccounts.SignedInAsync(factory);
        var c = await factory.FileAsync(user);
        Assert.Equal(new DateOnly(2026, 12, 17), c.DueOn);
        var admin = factory.Client();
        var adminUser = await TestAccounts.CreateAsync(factory, roles: [Roles.Administrator]);
        await admin.SignInAsync(adminUser.Email!, TestAccounts.Password);

        Forms.AssertRedirect(await admin.SubmitAsync("/ar/admin/holidays/new", new Dictionary<string, string>
        {
            ["NameAr"] = "عطلة استثنائية",
            ["NameEn"] = "Extra holiday",
            ["StartDate"] = "2026-12-14",
            ["EndDate"] = "2026-12-15",
        }));

        var moved = await factory.ReloadAsync(c.Id);
        Assert.Equal(new DateOnly(2026, 12, 21), moved.DueOn);
        Assert.Contains(moved.Timeline, e => e.Event == CaseEvent.DueDateChanged && e.IsPublic && e.Data == "2026-12-17>2026-12-21");
        var page = await submitter.PageAsync("/ar/cases/" + c.TrackingNumber);
        Assert.Contains("عطلة استثنائية", page.QuerySelector(".ep-case-due")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("بسبب تغيّر جدول العطل", page.Body!.TextContent, StringComparison.Ordinal);
        await factory.WithDbAsync(db => db.PublicHolidays.Where(h => h.Name.En == "Extra holiday").ExecuteDeleteAsync());
    }

    [Fact]
    public async Task Queue_ShowsOverdueCasesFirst_ThenTheSoonestDue()
    {
        factory.Clock.Set(new DateTimeOffset(2026, 11, 1, 9, 0, 0, Riyadh));
        var submitter = await TestAccounts.CreateAsync(factory);
        var old = await factory.FileAsync(submitter, agency: "mc", subject: "أقدم شكوى");
        factory.Clock.Set(new DateTimeOffset(2026, 12, 6, 9, 0, 0, Riyadh));
        var fresh = await factory.FileAsync(submitter, agency: "mc", subject: "شكوى جديدة");
        factory.Clock.Set(new DateTimeOffset(2026, 11, 26, 9, 0, 0, Riyadh));
        var middle = await factory.FileAsync(submitter, agency: "mc", subject: "شكوى وسطى");
        factory.Clock.Set(new DateTimeOffset(2026, 12, 7, 9, 0, 0, Riyadh));
        var (officer, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "mc");

        var queue = await officer.PageAsync("/ar/staff/cases");
        var overdue = await officer.PageAsync("/ar/staff/cases?due=Overdue");

        var order = queue.QuerySelectorAll("main li.ep-card a.fw-bold").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal([old.TrackingNumber, middle.TrackingNumber, fresh.TrackingNumber], order);
        Assert.Contains("متأخرة", queue.QuerySelectorAll("main li.ep-card")[0].TextContent, StringComparison.Ordinal);
        Assert.Equal([old.TrackingNumber], overdue.QuerySelectorAll("main li.ep-card a.fw-bold").Select(a => a.TextContent.Trim()));

        // Once answered, a case waits on the submitter: it goes after every case that still needs an answer.
        Forms.AssertRedirect(await officer.SubmitAsync($"/ar/staff/cases/{middle.Id}", new Dictionary<string, string> { ["Response.Text"] = "تم الرد." }, actionEndsWith: "/respond"));
        var afterAnswer = await officer.PageAsync("/ar/staff/cases");
        Assert.Equal([old.TrackingNumber, fresh.TrackingNumber, middle.TrackingNumber],
            afterAnswer.QuerySelectorAll("main li.ep-card a.fw-bold").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task DataDownload_ContainsTheParticipantsCases_WithoutTheAgencysInternalNotes()
    {
        var (participant, user) = await TestAccounts.SignedInAsync(factory);
        var c = await factory.FileAsync(user, subject: "شكوى في بياناتي");
        var (officer, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "hrsd");
        Forms.AssertRedirect(await officer.SubmitAsync($"/ar/staff/cases/{c.Id}", new Dictionary<string, string> { ["Note.Text"] = "ملاحظة لا تُصدَّر" }, actionEndsWith: "/note"));

        var json = await (await participant.GetAsync("/ar/account/data")).Content.ReadAsStringAsync();

        Assert.Contains(c.TrackingNumber, json, StringComparison.Ordinal);
        Assert.Contains("شكوى في بياناتي", System.Text.RegularExpressions.Regex.Unescape(json), StringComparison.Ordinal);
        Assert.DoesNotContain("ملاحظة لا تُصدَّر", System.Text.RegularExpressions.Regex.Unescape(json), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^CMP-\d{4}-\d{6}$")]
    private static partial Regex TrackingPattern();
}
