using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Events.Domain;
using EParticipation.Web.Platform.Identity;
using Ical.Net;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Events;

public sealed class CalendarTests : IDisposable
{
    private readonly EventsPortal _portal = new();

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task CalendarFile_ParsesWithTheStableUidRiyadhTimesAndAHigherSequenceAfterAChange()
    {
        var e = await _portal.CreateEventAsync(agency: "moj");
        var participant = await TestAccounts.CreateAsync(_portal);
        await _portal.RegisterAsync(e.Id, participant);
        var before = Calendar.Load(await _portal.Client().Http.GetStringAsync($"/ar/events/{e.Id}/calendar.ics"))!.Events.Single();
        Assert.Equal($"event-{e.Id}@localhost", before.Uid);
        Assert.Equal("Asia/Riyadh", before.DtStart!.TzId);
        Assert.Equal(DateTime.SpecifyKind(e.StartsAt.AddHours(3), DateTimeKind.Unspecified), before.DtStart.Value);
        Assert.Equal(0, before.Sequence);

        var (publisher, _) = await TestAccounts.SignedInAsync(_portal, roles: [Roles.AgencyPublisher], agencyCode: "moj");
        var edit = await publisher.SubmitAsync($"/ar/events/manage/{e.Id}", new Dictionary<string, string>
        {
            ["Input.StartsAt"] = "2026-12-10T10:00",
            ["Input.EndsAt"] = "2026-12-10T15:00",
        }, actionEndsWith: $"/events/manage/{e.Id}");
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);

        var after = Calendar.Load(await _portal.Client().Http.GetStringAsync($"/en/events/{e.Id}/calendar.ics"))!.Events.Single();
        Assert.Equal(before.Uid, after.Uid);
        Assert.Equal(1, after.Sequence);
        Assert.Equal(new DateTime(2026, 12, 10, 10, 0, 0), after.DtStart!.Value);
        Assert.Equal("Asia/Riyadh", after.DtStart.TzId);
        // Everyone with a place was sent the update, with the new sequence attached.
        var address = participant.Email!.ToLowerInvariant();
        var update = await _portal.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Category == "event.updated" && m.ToAddress == address));
        Assert.Contains("SEQUENCE", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(System.Text.Json.JsonDocument.Parse(update.AttachmentsJson!).RootElement[0].GetProperty("Content").GetString()!)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelEvent_TwiceOver_SendsMethodCancelToEachPersonOnce()
    {
        var e = await _portal.CreateEventAsync(agency: "moj", capacity: 1);
        var confirmed = await TestAccounts.CreateAsync(_portal);
        var waiting = await TestAccounts.CreateAsync(_portal);
        await _portal.RegisterAsync(e.Id, confirmed);
        await _portal.RegisterAsync(e.Id, waiting);
        var (publisher, _) = await TestAccounts.SignedInAsync(_portal, roles: [Roles.AgencyPublisher], agencyCode: "moj");

        var first = await publisher.SubmitAsync($"/ar/events/manage/{e.Id}", new Dictionary<string, string>(), actionEndsWith: "/cancel");
        var second = await EventForms.PostAsync(publisher, $"/ar/events/manage/{e.Id}", $"/ar/events/manage/{e.Id}/cancel");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);

        var sent = await _portal.WithDbAsync(db => db.OutboxMessages.Where(m => m.Category == "event.cancelled").ToListAsync());
        Assert.Equal(2, sent.Count);
        Assert.Equal(2, sent.Select(m => m.ToAddress).Distinct().Count());
        var ics = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(System.Text.Json.JsonDocument.Parse(sent[0].AttachmentsJson!).RootElement[0].GetProperty("Content").GetString()!));
        var calendar = Calendar.Load(ics)!;
        Assert.Equal("CANCEL", calendar.Method);
        Assert.Equal(1, calendar.Events.Single().Sequence);
        Assert.Equal(EParticipation.Web.Areas.Events.Domain.EventStatus.Cancelled, (await _portal.EventAsync(e.Id)).StatusAt(_portal.Now));
    }

    [Fact]
    public async Task Feed_HonoursTheListFilters()
    {
        var moj = await _portal.CreateEventAsync(agency: "moj", kind: EventKind.Hackathon);
        var moh = await _portal.CreateEventAsync(agency: "moh", kind: EventKind.Webinar, online: true);
        var past = await _portal.CreateEventAsync(agency: "moj", kind: EventKind.Hackathon);
        var now = _portal.Now;
        await _portal.WithDbAsync(db => db.Events.Where(x => x.Id == past.Id).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.StartsAt, now.AddDays(-3)).SetProperty(x => x.EndsAt, now.AddDays(-2))
            .SetProperty(x => x.RegistrationOpensAt, now.AddDays(-9)).SetProperty(x => x.RegistrationClosesAt, now.AddDays(-4))));
        async Task<string[]> FeedAsync(string query) =>
            Calendar.Load(await _portal.Client().Http.GetStringAsync("/ar/events/calendar.ics" + query))!.Events.Select(x => x.Uid!).ToArray();
        string Uid(PortalEvent e) => $"event-{e.Id}@localhost";

        Assert.Equal([Uid(moj)], await FeedAsync("?agency=moj"));
        Assert.Equal([Uid(moh)], await FeedAsync("?kind=webinar"));
        Assert.Equal([Uid(past)], await FeedAsync("?when=past"));
        Assert.Equal(new[] { Uid(moj), Uid(moh) }.Order(), (await FeedAsync("")).Order());
        // The list links to the feed with the filters it shows.
        var list = await _portal.Client().PageAsync("/ar/events?kind=hackathon&agency=moj&when=past");
        var href = list.QuerySelectorAll("a").Select(a => a.GetAttribute("href") ?? "").Single(h => h.Contains("calendar.ics", StringComparison.Ordinal));
        Assert.Equal([Uid(past)], await FeedAsync(href[href.IndexOf('?', StringComparison.Ordinal)..]));
    }
}
