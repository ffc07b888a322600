using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Events.Domain;
using EParticipation.Web.Areas.Events.Services;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Events;

/// <summary>The portal with a clock the tests set, and events stored directly.</summary>
public class EventsPortal : PortalFactory
{
    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>An event open for registration now, starting in ten days.</summary>
    public Task<PortalEvent> CreateEventAsync(string agency = "moj", int capacity = 10, int women = 0, int disability = 0, int youth = 0,
        EventKind kind = EventKind.Workshop, int minTeam = 0, int maxTeam = 0, bool online = false)
    {
        var now = Now;
        return WithDbAsync(async db =>
        {
            var creator = await db.Users.Select(u => u.Id).FirstOrDefaultAsync();
            if (creator == Guid.Empty)
            {
                creator = (await TestAccounts.CreateAsync(this)).Id;
            }
            var e = new PortalEvent
            {
                AgencyId = await db.Agencies.Where(a => a.Code == agency).Select(a => a.Id).SingleAsync(),
                Kind = kind,
                Title = new LocalizedText("فعالية اختبار " + Guid.NewGuid().ToString("N")[..6], "Test event"),
                Description = new LocalizedText("وصف الفعالية", "About the event"),
                StartsAt = now.AddDays(10),
                EndsAt = now.AddDays(10).AddHours(8),
                RegistrationOpensAt = now.AddDays(-1),
                RegistrationClosesAt = now.AddDays(9),
                IsOnline = online,
                OnlineUrl = online ? "https://meet.example.test/room" : null,
                Address = online ? null : "طريق الملك فهد",
                City = online ? null : "الرياض",
                Capacity = capacity,
                ReservedWomen = women,
                ReservedDisability = disability,
                ReservedYouth = youth,
                MinTeamSize = minTeam,
                MaxTeamSize = maxTeam,
                CreatedById = creator,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Events.Add(e);
            await db.SaveChangesAsync();
            return e;
        });
    }

    public Task<PortalEvent> EventAsync(int id) => WithDbAsync(db => db.Events.AsNoTracking().SingleAsync(e => e.Id == id));

    /// <summary>Registers through the service, in its own scope (as a request would).</summary>
    public Task<RegistrationResult> RegisterAsync(int eventId, ApplicationUser user, SeatPool pool = SeatPool.General) =>
        WithScopeAsync(sp => sp.GetRequiredService<EventRegistrations>().RegisterAsync(eventId, user, pool, null, [], CancellationToken.None));
}

/// <summary>Posts straight to an address with a valid antiforgery token taken from a page (what a crafted request or a stale page sends).</summary>
internal static class EventForms
{
    public static async Task<HttpResponseMessage> PostAsync(PortalClient client, string pagePath, string action)
    {
        var page = await client.PageAsync(pagePath);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.Http.PostAsync(action, new FormUrlEncodedContent([new KeyValuePair<string, string>("__RequestVerificationToken", token)]));
    }
}
