using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Events;

public sealed class StaffTests : IDisposable
{
    private readonly EventsPortal _portal = new();

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task AnotherAgencysPublisher_GetsNotFoundForEveryScreenOfTheEvent()
    {
        var e = await _portal.CreateEventAsync(agency: "moj");
        var (other, _) = await TestAccounts.SignedInAsync(_portal, roles: [Roles.AgencyPublisher], agencyCode: "moh");

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/ar/events/manage/{e.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/ar/events/manage/{e.Id}/attendees")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/ar/events/manage/{e.Id}/attendees.csv")).StatusCode);
        var cancel = await EventForms.PostAsync(other, "/ar/events/manage", $"/ar/events/manage/{e.Id}/cancel");
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Null((await _portal.EventAsync(e.Id)).CancelledAt);
    }

    [Fact]
    public async Task Publisher_CreatesAnEvent_ItIsListedWithSchemaOrgData()
    {
        var (publisher, _) = await TestAccounts.SignedInAsync(_portal, roles: [Roles.AgencyPublisher], agencyCode: "moj");
        var response = await publisher.SubmitAsync("/ar/events/manage/new", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Hackathon",
            ["Input.TitleAr"] = "هاكاثون العدالة الرقمية",
            ["Input.DescriptionAr"] = "يومان لبناء حلول رقمية.",
            ["Input.Address"] = "حي العليا",
            ["Input.City"] = "الرياض",
            ["Input.Capacity"] = "40",
            ["Input.MinTeamSize"] = "2",
            ["Input.MaxTeamSize"] = "5",
        }, actionEndsWith: "/events/manage/new");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = await _portal.WithDbAsync(db => db.Events.Where(x => x.Title.Ar == "هاكاثون العدالة الرقمية").Select(x => x.Id).SingleAsync());

        var list = await _portal.Client().PageAsync("/ar/events?kind=hackathon");
        Assert.NotNull(list.QuerySelector($"a[href='/ar/events/{id}']"));
        var page = await _portal.Client().PageAsync($"/ar/events/{id}");
        var data = System.Text.Json.JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal("Event", data.GetProperty("@type").GetString());
        Assert.Equal(40, data.GetProperty("remainingAttendeeCapacity").GetInt32());
        Assert.Equal("https://schema.org/EventScheduled", data.GetProperty("eventStatus").GetString());
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = await _portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "event.created" && a.EntityId == key));
        Assert.Equal(1, audit);
    }

    [Fact]
    public async Task Staff_ChecksInByCode_AndExportsTheListAsCsvWithBom()
    {
        var e = await _portal.CreateEventAsync(agency: "moj");
        var participant = await TestAccounts.CreateAsync(_portal, name: "سارة");
        await _portal.RegisterAsync(e.Id, participant);
        var code = await _portal.WithDbAsync(db => db.EventAttendees.Where(a => a.EventId == e.Id).Select(a => a.Code).SingleAsync());
        var (staff, _) = await TestAccounts.SignedInAsync(_portal, roles: [Roles.CaseOfficer], agencyCode: "moj");

        var found = $"/ar/events/manage/{e.Id}/attendees?code={code.ToLowerInvariant()}";
        var checkIn = await staff.SubmitAsync(found, new Dictionary<string, string>(), actionEndsWith: "/check-in");
        Assert.Equal(HttpStatusCode.Redirect, checkIn.StatusCode);

        var csv = await staff.Http.GetByteArrayAsync($"/ar/events/manage/{e.Id}/attendees.csv");
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var text = System.Text.Encoding.UTF8.GetString(csv[3..]);
        Assert.Contains($"\"سارة\"", text, StringComparison.Ordinal);
        Assert.Contains(code, text, StringComparison.Ordinal);
        Assert.NotNull(await _portal.WithDbAsync(db => db.EventAttendees.Where(a => a.Code == code).Select(a => a.CheckedInAt).SingleAsync()));
    }
}
