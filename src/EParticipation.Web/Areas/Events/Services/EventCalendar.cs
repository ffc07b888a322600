using System.Text;
using EParticipation.Web.Areas.Events.Domain;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Notifications;
using EParticipation.Web.Platform.Web;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace EParticipation.Web.Areas.Events.Services;

/// <summary>
/// Events as iCalendar (RFC 5545) through Ical.Net. Every event keeps one UID,
/// <c>event-{id}@{the portal's configured host}</c>, so a calendar replaces its copy on an update
/// (higher SEQUENCE) and removes it on a cancellation (METHOD:CANCEL). Times carry TZID=Asia/Riyadh
/// with its VTIMEZONE.
/// </summary>
public sealed class EventCalendar(PortalLinks links)
{
    public const string TimeZoneId = "Asia/Riyadh";
    public const string ContentType = "text/calendar; charset=utf-8";

    public string Uid(int eventId) => $"event-{eventId}@{links.BaseUrl.Host}";

    /// <summary>One calendar file with the given events, in <paramref name="language"/>.</summary>
    public string Serialize(IEnumerable<PortalEvent> events, string language, string method = CalendarMethods.Publish, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var calendar = new Calendar { ProductId = "-//E-Participation Portal//Events//" + language.ToUpperInvariant(), Method = method };
        calendar.AddTimeZone(new VTimeZone(TimeZoneId));
        if (name is not null)
        {
            calendar.AddProperty("X-WR-CALNAME", name);
            calendar.AddProperty("X-WR-TIMEZONE", TimeZoneId);
        }
        foreach (var e in events)
        {
            calendar.Events.Add(ToComponent(e, language, method == CalendarMethods.Cancel));
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>The file attached to an email about one event.</summary>
    public EmailAttachment Attachment(PortalEvent e, string language, bool cancel)
    {
        ArgumentNullException.ThrowIfNull(e);
        var method = cancel ? CalendarMethods.Cancel : CalendarMethods.Publish;
        var text = Serialize([e], language, method);
        return new EmailAttachment($"event-{e.Id}.ics", $"text/calendar; charset=utf-8; method={method}", Encoding.UTF8.GetBytes(text));
    }

    private CalendarEvent ToComponent(PortalEvent e, string language, bool cancel)
    {
        var url = links.Absolute($"/{language}/events/{e.Id}");
        var component = new CalendarEvent
        {
            Uid = Uid(e.Id),
            Sequence = e.Sequence,
            Summary = e.Title.For(language),
            Description = e.Description.For(language) + "\n\n" + url,
            DtStart = new CalDateTime(DualDate.ToSaudiTime(e.StartsAt), TimeZoneId),
            DtEnd = new CalDateTime(DualDate.ToSaudiTime(e.EndsAt), TimeZoneId),
            DtStamp = new CalDateTime(DateTime.SpecifyKind(e.UpdatedAt, DateTimeKind.Utc)),
            LastModified = new CalDateTime(DateTime.SpecifyKind(e.UpdatedAt, DateTimeKind.Utc)),
            Url = new Uri(url),
            Location = e.IsOnline ? (language == "en" ? "Online" : "عبر الإنترنت") : string.Join(", ", new[] { e.Address, e.City }.Where(p => !string.IsNullOrWhiteSpace(p))),
            Status = cancel || e.CancelledAt is not null ? Ical.Net.EventStatus.Cancelled : Ical.Net.EventStatus.Confirmed,
        };
        return component;
    }
}
