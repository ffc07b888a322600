using EParticipation.Web.Areas.Events.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Notifications;
using EParticipation.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Events.Services;

/// <summary>
/// The module's emails, each added to the caller's unit of work through the outbox and composed in
/// the recipient's language. Emails about a seat carry the event's calendar file; an update carries it
/// with a higher SEQUENCE, a cancellation with METHOD:CANCEL.
/// </summary>
public sealed class EventEmails(
    AppDbContext db,
    EmailComposer composer,
    IEmailOutbox outbox,
    PortalLinks links,
    EventCalendar calendar,
    IStringLocalizer<EventsResource> t)
{
    public void Registered(string email, string name, string language, PortalEvent e, EventRegistration registration, IReadOnlyList<EventAttendee> attendees)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(registration);
        var confirmed = registration.Status == RegistrationStatus.Confirmed;
        var leader = attendees.First(a => a.IsLeader);
        Send(email, name, language, "event.registration", () => new EmailContent
        {
            Subject = confirmed ? t["Your place is confirmed"] : t["You are on the waiting list"],
            Greeting = t["Hello {0},", name],
            ItemTitle = e.Title.For(language),
            Paragraphs =
            [
                confirmed
                    ? t["Your registration is confirmed. The event starts on {0}.", DualDate.FormatWithTime(e.StartsAt, language)]
                    : t["The event is full, so you are on the waiting list. When a place frees up, places go to the waiting list in order and we email you."],
                t["Your check-in code: {0}", leader.Code],
            ],
            Action = new EmailLink(t["Open the event"], links.Absolute($"/{language}/events/{e.Id}")),
            Attachments = confirmed ? [calendar.Attachment(e, language, cancel: false)] : [],
        });
    }

    public void Invited(EventAttendee member, string leaderName, string teamName, PortalEvent e)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(e);
        var language = PortalCultures.Current;
        Send(member.Email, null, language, "event.invitation", () => new EmailContent
        {
            Subject = t["You are invited to join a team"],
            ItemTitle = e.Title.For(language),
            Paragraphs =
            [
                t["{0} invites you to join the team “{1}” for this event. Sign in with this email address to accept or decline.", leaderName, teamName],
                t["The event starts on {0}.", DualDate.FormatWithTime(e.StartsAt, language)],
            ],
            Action = new EmailLink(t["Answer the invitation"], links.Absolute($"/{language}/events/invitations/{member.InvitationToken}")),
        });
    }

    /// <summary>A place freed up and the waiting registration now has it.</summary>
    public async Task PromotedAsync(PortalEvent e, long registrationId, CancellationToken cancellationToken)
    {
        foreach (var person in await PeopleAsync(r => r.Id == registrationId, cancellationToken))
        {
            var language = person.Language;
            Send(person.Email, person.Name, language, "event.promoted", () => new EmailContent
            {
                Subject = t["A place has freed up: you are registered"],
                Greeting = t["Hello {0},", person.Name],
                ItemTitle = e.Title.For(language),
                Paragraphs =
                [
                    t["You were on the waiting list and a place has freed up: your registration is now confirmed. The event starts on {0}.", DualDate.FormatWithTime(e.StartsAt, language)],
                    t["Your check-in code: {0}", person.Code],
                ],
                Action = new EmailLink(t["Open the event"], links.Absolute($"/{language}/events/{e.Id}")),
                Attachments = [calendar.Attachment(e, language, cancel: false)],
            });
        }
    }

    /// <summary>The event's date, time or place changed: everyone with a place gets the new calendar entry.</summary>
    public async Task UpdatedAsync(PortalEvent e, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        foreach (var person in await PeopleAsync(r => r.EventId == e.Id && r.Status == RegistrationStatus.Confirmed, cancellationToken))
        {
            var language = person.Language;
            Send(person.Email, person.Name, language, "event.updated", () => new EmailContent
            {
                Subject = t["An event you registered for has changed"],
                Greeting = t["Hello {0},", person.Name],
                ItemTitle = e.Title.For(language),
                Paragraphs =
                [
                    t["It now takes place from {0} to {1}.", DualDate.FormatWithTime(e.StartsAt, language), DualDate.FormatWithTime(e.EndsAt, language)],
                    e.IsOnline ? t["It takes place online; the link is on the event page."] : t["Place: {0}", string.Join(", ", new[] { e.Address, e.City }.Where(p => !string.IsNullOrWhiteSpace(p)))],
                    t["The attached calendar file updates the entry in your calendar."],
                ],
                Action = new EmailLink(t["Open the event"], links.Absolute($"/{language}/events/{e.Id}")),
                Attachments = [calendar.Attachment(e, language, cancel: false)],
            });
        }
    }

    /// <summary>The event is cancelled: everyone registered or waiting is told, with a calendar cancellation.</summary>
    public async Task CancelledAsync(PortalEvent e, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        foreach (var person in await PeopleAsync(r => r.EventId == e.Id && r.Status != RegistrationStatus.Cancelled, cancellationToken))
        {
            var language = person.Language;
            Send(person.Email, person.Name, language, "event.cancelled", () => new EmailContent
            {
                Subject = t["An event you registered for is cancelled"],
                Greeting = t["Hello {0},", person.Name],
                ItemTitle = e.Title.For(language),
                Paragraphs =
                [
                    t["The agency has cancelled this event, planned for {0}. The attached calendar file removes it from your calendar.", DualDate.FormatWithTime(e.StartsAt, language)],
                ],
                Action = new EmailLink(t["Open the event"], links.Absolute($"/{language}/events/{e.Id}")),
                Attachments = [calendar.Attachment(e, language, cancel: true)],
            });
        }
    }

    /// <summary>The hackathon's results are published: every person of every confirmed registration is told once.</summary>
    public async Task ResultsPublishedAsync(PortalEvent e, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        foreach (var person in await PeopleAsync(r => r.EventId == e.Id && r.Status == RegistrationStatus.Confirmed, cancellationToken, acceptedOnly: true))
        {
            var language = person.Language;
            Send(person.Email, person.Name, language, "event.results", () => new EmailContent
            {
                Subject = t["The hackathon's results are published"],
                Greeting = t["Hello {0},", person.Name],
                ItemTitle = e.Title.For(language),
                Paragraphs =
                [
                    t["The judges have finished: the winners are on the event page."],
                    t["If your team submitted a result, the judges' feedback on it is on your team's submission page."],
                ],
                Action = new EmailLink(t["See the results"], links.Absolute($"/{language}/events/{e.Id}#results")),
            });
        }
    }

    private sealed record Person(string Email, string Name, string Language, string Code);

    private async Task<List<Person>> PeopleAsync(System.Linq.Expressions.Expression<Func<EventRegistration, bool>> which, CancellationToken cancellationToken, bool acceptedOnly = false)
    {
        var rows = await db.EventRegistrations.AsNoTracking().Where(which)
            .SelectMany(r => r.Attendees)
            .Where(a => !acceptedOnly || a.UserId != null)
            .Select(a => new
            {
                a.Email,
                a.Name,
                a.Code,
                Language = db.Users.Where(u => u.Id == a.UserId).Select(u => u.PreferredLanguage).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new Person(r.Email, r.Name, PortalCultures.IsSupported(r.Language) ? r.Language! : PortalCultures.Default, r.Code)).ToList();
    }

    private void Send(string email, string? name, string language, string category, Func<EmailContent> compose)
    {
        EmailContent content;
        using (CultureScope.Use(language))
        {
            content = compose();
        }
        outbox.Enqueue(composer.Compose(email, name, language, content), category);
    }
}
