using System.Text.Json;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Events.Domain;
using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Events;

/// <summary>What an event's public page tells: its status, the online link (to registered people only), its schema.org data, the challenge it serves; and the home page's card.</summary>
public sealed class EventPageTests : IDisposable
{
    private const string Link = "https://meet.example.test/room";

    private readonly EventsPortal _portal = new();

    public void Dispose() => _portal.Dispose();

    [Fact]
    public void Status_FollowsTheDatesAndTheSeats()
    {
        var start = new DateTime(2026, 12, 10, 6, 0, 0, DateTimeKind.Utc);
        var e = new PortalEvent { RegistrationOpensAt = start.AddDays(-10), RegistrationClosesAt = start.AddDays(-1), StartsAt = start, EndsAt = start.AddHours(8), Capacity = 2 };

        Assert.Equal(EventStatus.Upcoming, e.StatusAt(start.AddDays(-11)));
        Assert.Equal(EventStatus.RegistrationOpen, e.StatusAt(start.AddDays(-5)));
        e.GeneralTaken = 2;
        Assert.Equal(EventStatus.Full, e.StatusAt(start.AddDays(-5)));
        Assert.Equal(EventStatus.Upcoming, e.StatusAt(start.AddHours(-12)));
        Assert.Equal(EventStatus.Ongoing, e.StatusAt(start.AddHours(1)));
        Assert.Equal(EventStatus.Past, e.StatusAt(start.AddHours(8)));
        e.CancelledAt = start.AddDays(-3);
        Assert.Equal(EventStatus.Cancelled, e.StatusAt(start.AddDays(-2)));
    }

    [Fact]
    public async Task OnlineLink_IsShownOnlyToPeopleWithAPlace_NeverInTheCalendarFileOrTheData()
    {
        var e = await _portal.CreateEventAsync(capacity: 1, kind: EventKind.Webinar, online: true);
        var (registered, registeredUser) = await TestAccounts.SignedInAsync(_portal);
        await _portal.RegisterAsync(e.Id, registeredUser);
        var (waiting, waitingUser) = await TestAccounts.SignedInAsync(_portal);
        await _portal.RegisterAsync(e.Id, waitingUser);
        var (other, _) = await TestAccounts.SignedInAsync(_portal);

        Assert.NotNull((await registered.PageAsync($"/ar/events/{e.Id}")).QuerySelector($"#my-registration a[href='{Link}']"));
        Assert.DoesNotContain(Link, await _portal.Client().Http.GetStringAsync($"/ar/events/{e.Id}"), StringComparison.Ordinal);
        Assert.DoesNotContain(Link, await other.Http.GetStringAsync($"/ar/events/{e.Id}"), StringComparison.Ordinal);
        Assert.DoesNotContain(Link, await waiting.Http.GetStringAsync($"/ar/events/{e.Id}"), StringComparison.Ordinal);
        Assert.DoesNotContain(Link, await registered.Http.GetStringAsync($"/ar/events/{e.Id}/calendar.ics"), StringComparison.Ordinal);
        Assert.DoesNotContain(Link, await _portal.Client().Http.GetStringAsync("/ar/events/calendar.ics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SchemaOrgData_CountsThePlacesLeft_AndSaysWhenTheEventIsCancelled()
    {
        var e = await _portal.CreateEventAsync(capacity: 10);
        await _portal.RegisterAsync(e.Id, await TestAccounts.CreateAsync(_portal));
        await _portal.RegisterAsync(e.Id, await TestAccounts.CreateAsync(_portal));

        var data = await JsonLdAsync(e.Id);
        Assert.Equal(10, data.GetProperty("maximumAttendeeCapacity").GetInt32());
        Assert.Equal(8, data.GetProperty("remainingAttendeeCapacity").GetInt32());
        Assert.Equal("https://schema.org/EventScheduled", data.GetProperty("eventStatus").GetString());

        var now = _portal.Now;
        await _portal.WithDbAsync(db => db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.CancelledAt, now)));
        Assert.Equal("https://schema.org/EventCancelled", (await JsonLdAsync(e.Id)).GetProperty("eventStatus").GetString());
    }

    [Fact]
    public async Task Page_OfAHackathonServingAChallenge_LinksToTheChallenge()
    {
        var now = _portal.Now;
        var challenge = await _portal.WithDbAsync(async db =>
        {
            var c = new Challenge
            {
                AgencyId = await db.Agencies.Where(a => a.Code == "moj").Select(a => a.Id).SingleAsync(),
                SectorId = await db.Sectors.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(),
                OpensAt = now.AddDays(-1),
                ClosesAt = now.AddDays(30),
                CreatedAt = now,
                UpdatedAt = now,
            };
            c.Describe(new LocalizedText("تحدي تسريع المواعيد", "Faster appointments"), new LocalizedText("طول الانتظار", "Long waits"), new LocalizedText("قابلة للتنفيذ", "Feasible"));
            db.Challenges.Add(c);
            await db.SaveChangesAsync();
            return c;
        });
        var e = await _portal.CreateEventAsync(kind: EventKind.Hackathon, minTeam: 2, maxTeam: 4);
        await _portal.WithDbAsync(db => db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.ChallengeId, challenge.Id)));

        var page = await _portal.Client().PageAsync($"/ar/events/{e.Id}");

        var link = page.QuerySelectorAll("a").SingleOrDefault(a => a.TextContent.Contains("تحدي تسريع المواعيد", StringComparison.Ordinal));
        Assert.NotNull(link);
        Assert.Contains($"/{challenge.Id}", link.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HomePage_EventsCard_LinksToTheEvents()
    {
        var home = await _portal.Client().PageAsync("/ar");

        Assert.NotNull(home.QuerySelector("#channels-title ~ ul a[href='/ar/events']"));
        Assert.NotNull(home.QuerySelector("#channels-title ~ ul a[href='/ar/polls']"));
    }

    private async Task<JsonElement> JsonLdAsync(int id)
    {
        var page = await _portal.Client().PageAsync($"/ar/events/{id}");
        return JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
    }
}
