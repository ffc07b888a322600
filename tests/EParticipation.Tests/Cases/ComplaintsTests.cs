using System.Net;
using EParticipation.Tests.Consultations;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Cases;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Cases;

/// <summary>The complaints intake: the routing table sends each matter where it belongs.</summary>
public sealed class ComplaintsTests(CasesPortal factory) : IClassFixture<CasesPortal>
{
    private static readonly TimeSpan Riyadh = CasesPortal.Riyadh;

    [Theory]
    [InlineData("municipal", "/ar/complaints/referral/municipal", "940")]
    [InlineData("commercial", "/ar/complaints/referral/commercial", "وزارة التجارة")]
    [InlineData("telecom", "/ar/complaints/referral/telecom", "هيئة الاتصالات والفضاء والتقنية")]
    [InlineData("bank-insurer", "/ar/complaints/referral/bank-insurer", "البنك المركزي السعودي")]
    [InlineData("security", "/ar/complaints/choose/security", "ابتزاز")]
    [InlineData("government-service", "/ar/complaints/new/government-service", null)]
    public async Task Intake_SendsEachMatterWhereTheRoutingTableSays(string route, string expected, string? pageShows)
    {
        var visitor = factory.Client();

        var response = await visitor.SubmitAsync("/ar/complaints", new Dictionary<string, string> { ["route"] = route });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
        if (pageShows is not null)
        {
            var page = await visitor.PageAsync(expected);
            Assert.Contains(pageShows, page.Body!.TextContent, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(page.Title));
        }
    }

    [Fact]
    public async Task KollonaAmnReferral_StoresNothingButACountPerCategory()
    {
        var visitor = factory.Client();
        var before = await factory.WithDbAsync(db => db.ComplaintReferralCounts.Where(c => c.RouteCode == "security-extortion").SumAsync(c => c.Count));
        var cases = await factory.WithDbAsync(db => db.Cases.CountAsync());

        var response = await visitor.SubmitAsync("/ar/complaints/choose/security", new Dictionary<string, string> { ["route"] = "security-extortion" });
        var page = await visitor.PageAsync(response.Headers.Location!.OriginalString);

        Assert.Equal("/ar/complaints/referral/security-extortion", response.Headers.Location!.OriginalString);
        Assert.Contains("كلنا أمن", page.Title, StringComparison.Ordinal);
        Assert.Contains("لم تحتفظ هذه البوابة بأي شيء عن بلاغك", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("911", page.Body.TextContent, StringComparison.Ordinal);
        var counts = await factory.WithDbAsync(db => db.ComplaintReferralCounts.AsNoTracking().Where(c => c.RouteCode == "security-extortion").ToListAsync());
        Assert.Equal(before + 1, counts.Sum(c => c.Count));
        Assert.All(counts, c => Assert.Equal("kollona-amn", c.ChannelCode));
        Assert.Equal(cases, await factory.WithDbAsync(db => db.Cases.CountAsync()));
        // Opening the page again (a refresh, a shared link) counts nothing more.
        await visitor.PageAsync("/ar/complaints/referral/security-extortion");
        Assert.Equal(before + 1, await factory.WithDbAsync(db => db.ComplaintReferralCounts.Where(c => c.RouteCode == "security-extortion").SumAsync(c => c.Count)));
    }

    [Fact]
    public async Task Intake_WithoutAChoice_AsksAgain()
    {
        var response = await Forms.PostAsync(factory.Client(), "/ar/complaints", "/ar/complaints/route");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("اختر موضوع طلبك.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpectedDueDate_FollowsTheHolidayTable_AtOnce_WhateverWritesIt()
    {
        // The calendar is kept in memory; any write to the holiday table (here a save, then a bulk delete) drops it.
        factory.Clock.Set(new DateTimeOffset(2026, 12, 3, 21, 30, 0, Riyadh));
        var (participant, _) = await TestAccounts.SignedInAsync(factory);
        async Task<string> ExpectedAsync() =>
            (await participant.PageAsync("/ar/complaints/new/government-service")).QuerySelector("#expected-heading")!.ParentElement!.TextContent;
        Assert.Contains("17 ديسمبر 2026", await ExpectedAsync(), StringComparison.Ordinal);

        await factory.WithDbAsync(async db =>
        {
            db.PublicHolidays.Add(new PublicHoliday { Name = new LocalizedText("عطلة مؤقتة", "Temporary holiday"), StartDate = new DateOnly(2026, 12, 14), EndDate = new DateOnly(2026, 12, 15) });
            await db.SaveChangesAsync();
        });
        Assert.Contains("21 ديسمبر 2026", await ExpectedAsync(), StringComparison.Ordinal);

        await factory.WithDbAsync(db => db.PublicHolidays.Where(h => h.Name.En == "Temporary holiday").ExecuteDeleteAsync());
        Assert.Contains("17 ديسمبر 2026", await ExpectedAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complaint_ShowsTheExpectedDueDateFirst_AndASecondSubmitOfTheSameFormMakesOneCase()
    {
        factory.Clock.Set(new DateTimeOffset(2026, 12, 3, 21, 30, 0, Riyadh));
        var (participant, user) = await TestAccounts.SignedInAsync(factory);
        var agency = await factory.AgencyIdAsync("moh");

        var form = await participant.PageAsync("/ar/complaints/new/government-service");
        Assert.Contains("17 ديسمبر 2026", form.QuerySelector("#expected-heading")!.ParentElement!.TextContent, StringComparison.Ordinal);
        var key = form.QuerySelector("input[name='Input.SubmissionKey']")!.GetAttribute("value")!;
        var fields = new Dictionary<string, string>
        {
            ["Input.AgencyId"] = agency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Service"] = "حجز موعد",
            ["Input.Subject"] = "لم يُحجز الموعد",
            ["Input.Description"] = "حاولت حجز موعد ثلاث مرات دون جدوى.",
        };
        var token = form.QuerySelector("form[action$='/new/government-service'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        // The same form sent twice (a double click, or the browser resending it).
        var sent = fields.Append(new("Input.SubmissionKey", key)).Append(new("__RequestVerificationToken", token)).ToList();
        var first = await participant.Http.PostAsync("/ar/complaints/new/government-service", new FormUrlEncodedContent(sent));
        var again = await participant.Http.PostAsync("/ar/complaints/new/government-service", new FormUrlEncodedContent(sent));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var stored = await factory.WithDbAsync(db => db.Cases.AsNoTracking().Include(c => c.Details).Where(c => c.SubmitterId == user.Id).ToListAsync());
        var c = Assert.Single(stored);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal("/ar/cases/" + c.TrackingNumber, first.Headers.Location!.OriginalString);
        Assert.Equal(agency, c.AgencyId);
        Assert.Equal(CaseKind.Complaint, c.Kind);
        Assert.Contains(c.Details, d => d.Name == "service" && d.Value == "حجز موعد");
        var page = await participant.PageAsync(first.Headers.Location!.OriginalString);
        Assert.Contains(c.TrackingNumber, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("حجز موعد", page.Body.TextContent, StringComparison.Ordinal);
        var emails = await factory.PickupFolder.WaitForCountAsync(e => e.To.Contains(user.Email!, StringComparison.OrdinalIgnoreCase), 1);
        Assert.Single(emails);
        Assert.Contains(c.TrackingNumber, emails[0].Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complaint_RequiresSignIn_AndTheFieldsAreChecked()
    {
        var anonymous = await factory.Client().GetAsync("/ar/complaints/new/government-service");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);

        var (participant, _) = await TestAccounts.SignedInAsync(factory);
        var response = await participant.SubmitAsync("/ar/complaints/new/government-service", new Dictionary<string, string> { ["Input.Subject"] = "" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        var summary = page.QuerySelector(".ep-error-summary, [role=alert]")?.TextContent ?? page.Body!.TextContent;
        Assert.Contains("اختر الجهة التي تتعلق بها الشكوى.", summary, StringComparison.Ordinal);
        Assert.Contains("صف ما حدث.", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgencyMadeInactive_LeavesTheComplaintForm_AtOnce()
    {
        var agency = new Web.Platform.Agencies.Agency { Code = "tmp-" + Guid.NewGuid().ToString("N")[..8], Name = new("هيئة مؤقتة للاختبار", "A temporary test authority"), CreatedAt = DateTime.UtcNow };
        await factory.WithDbAsync(async db =>
        {
            db.Agencies.Add(agency);
            await db.SaveChangesAsync();
        });
        var (participant, _) = await TestAccounts.SignedInAsync(factory);
        var form = await participant.PageAsync("/ar/complaints/new/government-service");
        Assert.Contains(form.QuerySelectorAll("select[name='Input.AgencyId'] option"), o => o.GetAttribute("value") == agency.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await factory.WithDbAsync(db => db.Agencies.Where(a => a.Id == agency.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.IsActive, false)));

        form = await participant.PageAsync("/ar/complaints/new/government-service");
        Assert.DoesNotContain(form.QuerySelectorAll("select[name='Input.AgencyId'] option"), o => o.GetAttribute("value") == agency.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var sent = await participant.SubmitAsync("/ar/complaints/new/government-service", new Dictionary<string, string>
        {
            ["Input.AgencyId"] = agency.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Subject"] = "تأخر الرد",
            ["Input.Description"] = "تقدمت بالطلب منذ شهر ولم أتلق ردًا.",
        });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("اختر الجهة التي تتعلق بها الشكوى.", (await PortalClient.ParseAsync(sent)).Body!.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Cases.AnyAsync(c => c.AgencyId == agency.Id)));
    }

    [Fact]
    public async Task Administrator_ReroutesAMatter_AndTheIntakeFollowsTheTable()
    {
        var admin = await TestAccounts.CreateAsync(factory, roles: [Roles.Administrator]);
        var client = factory.Client();
        await client.SignInAsync(admin.Email!, TestAccounts.Password);
        var route = await factory.WithDbAsync(db => db.ComplaintRoutes.AsNoTracking().SingleAsync(r => r.Code == "telecom"));
        var agency = await factory.AgencyIdAsync("cst");
        var index = await client.PageAsync("/ar/admin/complaint-routing");
        Assert.Contains("كلنا أمن", index.Body!.TextContent, StringComparison.Ordinal);
        // Read (and kept in memory) before the change: the change is seen at once all the same.
        var before = await factory.Client().SubmitAsync("/ar/complaints", new Dictionary<string, string> { ["route"] = "telecom" });
        Assert.Equal("/ar/complaints/referral/telecom", before.Headers.Location!.OriginalString);

        Forms.AssertRedirect(await client.SubmitAsync($"/ar/admin/complaint-routing/routes/{route.Id}", new Dictionary<string, string>
        {
            ["Input.Target"] = "AgencyCase",
            ["Input.AgencyId"] = agency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        var response = await factory.Client().SubmitAsync("/ar/complaints", new Dictionary<string, string> { ["route"] = "telecom" });

        Assert.Equal("/ar/complaints/new/telecom", response.Headers.Location!.OriginalString);
        Assert.Contains(await factory.WithDbAsync(db => db.AuditEntries.Select(a => a.Action).ToListAsync()), a => a == "complaint-route.updated");
        await factory.WithDbAsync(db => db.ComplaintRoutes.Where(r => r.Code == "telecom").ExecuteUpdateAsync(u => u.SetProperty(r => r.Target, Web.Areas.Complaints.Domain.RouteTarget.Referral).SetProperty(r => r.AgencyId, (int?)null)));
        var participantOnly = await TestAccounts.SignedInAsync(factory);
        Assert.Equal(HttpStatusCode.Forbidden, (await participantOnly.Client.GetAsync("/ar/admin/complaint-routing")).StatusCode);
    }

    [Fact]
    public async Task Complaint_WithADocument_IsDownloadableByTheOwnerAndTheAgencyOnly_AndAFakePdfIsRefused()
    {
        var (participant, user) = await TestAccounts.SignedInAsync(factory);
        var (stranger, _) = await TestAccounts.SignedInAsync(factory);
        var agency = await factory.AgencyIdAsync("moh");
        var pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
        var fake = new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00 };

        async Task<HttpResponseMessage> SendAsync(string fileName, byte[] content)
        {
            var form = await participant.PageAsync("/ar/complaints/new/government-service");
            using var body = new MultipartFormDataContent();
            body.Add(new StringContent(form.QuerySelector("form[action$='/new/government-service'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken");
            body.Add(new StringContent(form.QuerySelector("input[name='Input.SubmissionKey']")!.GetAttribute("value")!), "Input.SubmissionKey");
            body.Add(new StringContent(agency.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Input.AgencyId");
            body.Add(new StringContent("شكوى مع مستند"), "Input.Subject");
            body.Add(new StringContent("أرفقت صورة الطلب."), "Input.Description");
            body.Add(new ByteArrayContent(content), "Input.Files", fileName);
            return await participant.Http.PostAsync("/ar/complaints/new/government-service", body);
        }

        var refused = await SendAsync("برنامج.pdf", fake);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("برنامج.pdf", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Cases.CountAsync(c => c.SubmitterId == user.Id)));

        var sent = await SendAsync("طلب.pdf", pdf);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var c = await factory.WithDbAsync(db => db.Cases.AsNoTracking().Include(x => x.Attachments).SingleAsync(x => x.SubmitterId == user.Id));
        var file = Assert.Single(c.Attachments);
        Assert.Equal("طلب.pdf", file.FileName);
        var own = await participant.GetAsync($"/ar/cases/{c.TrackingNumber}/attachments/{file.Id}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(pdf, await own.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/ar/cases/{c.TrackingNumber}/attachments/{file.Id}")).StatusCode);
        var (officer, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "moh");
        var (otherOfficer, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "moj");
        Assert.Contains("طلب.pdf", (await officer.PageAsync($"/ar/staff/cases/{c.Id}")).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/ar/staff/cases/{c.Id}/attachments/{file.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherOfficer.GetAsync($"/ar/staff/cases/{c.Id}/attachments/{file.Id}")).StatusCode);

        // A photo of the problem is evidence too; a program renamed to .png is still refused.
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("صورة.png", fake)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SendAsync("صورة.png", png)).StatusCode);
        var photo = await factory.WithDbAsync(db => db.Cases.AsNoTracking().Where(x => x.SubmitterId == user.Id).SelectMany(x => x.Attachments).SingleAsync(a => a.FileName == "صورة.png"));
        Assert.Equal("image/png", photo.ContentType);
    }

    [Fact]
    public async Task HomePage_ComplaintsCardLinksToTheIntake()
    {
        var home = await factory.Client().PageAsync("/ar");

        Assert.NotNull(home.QuerySelector("a[href='/ar/complaints']"));
    }
}
