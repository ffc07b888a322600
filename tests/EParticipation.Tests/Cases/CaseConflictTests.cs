using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using EParticipation.Tests.Consultations;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Cases;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Cases;

/// <summary>
/// Two case officers acting on the same case at once: one step is saved, the other officer is told
/// what changed (409) with their own text kept, and the audit log has both. Nothing is overwritten
/// in silence.
/// </summary>
public sealed class CaseConflictTests(CasesPortal factory) : IClassFixture<CasesPortal>
{
    [Fact]
    public async Task ClosingFromAPageShownBeforeAColleaguesAnswer_SavesNothing_AndShowsTheAnswerWithTheClosingTextKept()
    {
        var user = await TestAccounts.CreateAsync(factory);
        var c = await factory.FileAsync(user, agency: "hrsd");
        var (first, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "hrsd");
        var (second, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "hrsd");
        var path = $"/ar/staff/cases/{c.Id}";
        var stale = await second.PageAsync(path);
        var closeForm = (IHtmlFormElement)stale.QuerySelector("form[action$='/close']")!;

        Forms.AssertRedirect(await first.SubmitAsync(path, new Dictionary<string, string> { ["Response.Text"] = "صدرت الشهادة وأرسلت إلى بريدك." }, actionEndsWith: "/respond"));
        var response = await second.SubmitAsync(closeForm, path, new Dictionary<string, string> { ["Close.EndState"] = nameof(CaseEndState.NotCompetent), ["Close.Message"] = "ليست من اختصاصنا" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        var alert = page.QuerySelector(".ep-conflict")!;
        Assert.Contains("صدرت الشهادة وأرسلت إلى بريدك.", alert.TextContent, StringComparison.Ordinal);
        Assert.Equal("ليست من اختصاصنا", page.QuerySelector("textarea[name='Close.Message']")!.TextContent.Trim());
        var now = await factory.ReloadAsync(c.Id);
        Assert.Equal(CaseState.Responded, now.State);
        Assert.Null(now.EndState);
        Assert.Equal(["case.responded", "case.conflict"], await AuditAsync(c.TrackingNumber));

        // Sent again from the page the conflict showed, on purpose: now it is saved.
        var again = (IHtmlFormElement)page.QuerySelector("form[action$='/close']")!;
        Forms.AssertRedirect(await second.SubmitAsync(again, path, new Dictionary<string, string> { ["Close.EndState"] = nameof(CaseEndState.NotCompetent) }));
        Assert.Equal(CaseEndState.NotCompetent, (await factory.ReloadAsync(c.Id)).EndState);
    }

    [Fact]
    public async Task AnsweringFromAPageShownBeforeAColleaguesAnswer_ShowsTheirAnswer_AndTheOwnAnswerToCopy()
    {
        // The answer form is gone once the case is answered: the officer's own text must not go with it
        // (bench/resilience scenario k found the conflict page promising a form that was not there).
        var user = await TestAccounts.CreateAsync(factory);
        var c = await factory.FileAsync(user, agency: "hrsd");
        var (first, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "hrsd");
        var (second, _) = await TestAccounts.SignedInAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "hrsd");
        var path = $"/ar/staff/cases/{c.Id}";
        var stale = (IHtmlFormElement)(await second.PageAsync(path)).QuerySelector("form[action$='/respond']")!;

        Forms.AssertRedirect(await first.SubmitAsync(path, new Dictionary<string, string> { ["Response.Text"] = "صدرت الشهادة وأرسلت إلى بريدك." }, actionEndsWith: "/respond"));
        var response = await second.SubmitAsync(stale, path, new Dictionary<string, string> { ["Response.Text"] = "نعتذر عن التأخير، وستصدر الشهادة غدًا." });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        var alert = page.QuerySelector(".ep-conflict[role=alert]")!;
        Assert.Contains("صدرت الشهادة وأرسلت إلى بريدك.", alert.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[action$='/respond']"));
        Assert.Equal("نعتذر عن التأخير، وستصدر الشهادة غدًا.", alert.QuerySelector(".ep-unsent")!.TextContent.Trim());
        Assert.Equal(["case.responded", "case.conflict"], await AuditAsync(c.TrackingNumber));
    }

    [Fact]
    public async Task TwoOfficersAnsweringAtTheSameMoment_OneAnswerIsSaved_TheOtherIsToldWithA409()
    {
        var user = await TestAccounts.CreateAsync(factory);
        var c = await factory.FileAsync(user, agency: "hrsd");
        var officers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => TestAccounts.SignedInAsync(factory, roles: [Roles.CaseOfficer], agencyCode: "hrsd")));
        var path = $"/ar/staff/cases/{c.Id}";
        var forms = new List<(PortalClient Client, IHtmlFormElement Form)>();
        foreach (var (client, _) in officers)
        {
            forms.Add((client, (IHtmlFormElement)(await client.PageAsync(path)).QuerySelector("form[action$='/respond']")!));
        }

        var responses = await Task.WhenAll(forms.Select((f, i) => f.Client.SubmitAsync(f.Form, path, new Dictionary<string, string> { ["Response.Text"] = "جواب الموظف " + i.ToString(CultureInfo.InvariantCulture) })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Redirect), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var answers = await factory.WithDbAsync(db => db.Set<CaseTimelineEntry>().CountAsync(e => e.CaseId == c.Id && e.Event == CaseEvent.Responded));
        Assert.Equal(1, answers);
        var audit = await AuditAsync(c.TrackingNumber);
        Assert.Equal(1, audit.Count(a => a == "case.responded"));
        Assert.Equal(3, audit.Count(a => a == "case.conflict"));
        // One answer, so one email telling the submitter (the others' emails were never queued).
        var subjects = await factory.WithDbAsync(db => db.Set<EParticipation.Web.Platform.Notifications.OutboxMessage>().Where(m => m.ToAddress == user.Email).Select(m => m.Subject).ToListAsync());
        Assert.Single(subjects, m => m.Contains("ردّت الجهة على " + c.TrackingNumber, StringComparison.Ordinal));
    }

    private Task<List<string>> AuditAsync(string trackingNumber) =>
        factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(Case) && a.EntityId == trackingNumber).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
}
