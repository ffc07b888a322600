using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EParticipation.Web.Areas.Events.Domain;
using EParticipation.Web.Areas.Events.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Events.Services;

/// <summary>What the public pages read: the filtered list, one event, the visitor's own registration.</summary>
public sealed class EventQueries(AppDbContext db, PortalLinks links, TimeProvider clock)
{
    public const int ListSize = 200;

    public IQueryable<PortalEvent> Filtered(EventListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = clock.GetUtcNow().UtcDateTime;
        var events = db.Events.AsNoTracking().Include(e => e.Agency).AsQueryable();
        if (query.Kind is { } kind)
        {
            events = events.Where(e => e.Kind == kind);
        }
        if (query.Agency is { } code)
        {
            events = events.Where(e => e.Agency!.Code == code);
        }
        return query.When == EventListQuery.Past
            ? events.Where(e => e.EndsAt <= now).OrderByDescending(e => e.EndsAt)
            : events.Where(e => e.EndsAt > now).OrderBy(e => e.StartsAt);
    }

    public async Task<EventListPage> ListAsync(EventListQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await Filtered(query).Take(ListSize).ToListAsync(cancellationToken);
        var agencies = await db.Events.AsNoTracking().Select(e => e.Agency!).Distinct()
            .Select(a => new AgencyOption(a.Code, a.Name)).ToListAsync(cancellationToken);
        return new EventListPage(query, rows.Select(e => new EventRow(e, e.StatusAt(now))).ToList(),
            agencies.OrderBy(a => a.Name.Current, StringComparer.Create(CultureInfo.CurrentCulture, false)).ToList());
    }

    public Task<PortalEvent?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.Events.AsNoTracking().Include(e => e.Agency).SingleOrDefaultAsync(e => e.Id == id, cancellationToken);

    public async Task<MyRegistration?> MineAsync(int eventId, Guid userId, CancellationToken cancellationToken)
    {
        var attendee = await db.EventAttendees.AsNoTracking()
            .SingleOrDefaultAsync(a => a.EventId == eventId && a.UserId == userId, cancellationToken);
        var registration = attendee is null ? null : await db.EventRegistrations.AsNoTracking().Include(r => r.Attendees)
            .SingleOrDefaultAsync(r => r.Id == attendee.RegistrationId, cancellationToken);
        if (attendee is null || registration is null || registration.Status == RegistrationStatus.Cancelled)
        {
            return null;
        }
        int? position = null;
        if (registration.Status == RegistrationStatus.Waitlisted)
        {
            position = 1 + await db.EventRegistrations.CountAsync(r => r.EventId == eventId && r.Status == RegistrationStatus.Waitlisted && r.Id < registration.Id, cancellationToken);
        }
        var members = registration.Attendees.Where(a => !a.IsLeader).OrderBy(a => a.Id)
            .Select(a => new TeamMemberRow(a.Email, a.Name, a.UserId is not null)).ToList();
        return new MyRegistration(registration, attendee.Code, position, members);
    }

    /// <summary>schema.org Event data for the page (JSON-LD: data, never executed).</summary>
    public string JsonLd(PortalEvent e, EventStatus status, string language)
    {
        ArgumentNullException.ThrowIfNull(e);
        var url = links.Absolute($"/{language}/events/{e.Id}");
        JsonObject location = e.IsOnline
            ? new JsonObject { ["@type"] = "VirtualLocation", ["url"] = url }
            : new JsonObject
            {
                ["@type"] = "Place",
                ["name"] = e.City,
                ["address"] = new JsonObject { ["@type"] = "PostalAddress", ["streetAddress"] = e.Address, ["addressLocality"] = e.City, ["addressCountry"] = "SA" },
            };
        var data = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Event",
            ["name"] = e.Title.For(language),
            ["description"] = e.Description.For(language),
            ["url"] = url,
            ["inLanguage"] = language,
            ["startDate"] = Offset(e.StartsAt),
            ["endDate"] = Offset(e.EndsAt),
            ["eventStatus"] = status == EventStatus.Cancelled ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled",
            ["eventAttendanceMode"] = e.IsOnline ? "https://schema.org/OnlineEventAttendanceMode" : "https://schema.org/OfflineEventAttendanceMode",
            ["location"] = location,
            ["organizer"] = new JsonObject { ["@type"] = "GovernmentOrganization", ["name"] = e.Agency?.Name.For(language) },
            ["maximumAttendeeCapacity"] = e.Capacity,
            ["remainingAttendeeCapacity"] = e.SeatsLeft,
            ["isAccessibleForFree"] = true,
        };
        // The default encoder escapes <, > and &, so the text cannot close the script element.
        return data.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private static string Offset(DateTime utc) =>
        new DateTimeOffset(DualDate.ToSaudiTime(utc), TimeSpan.FromHours(3)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
