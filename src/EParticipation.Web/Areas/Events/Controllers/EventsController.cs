using EParticipation.Web.Areas.Events.Domain;
using EParticipation.Web.Areas.Events.Models;
using EParticipation.Web.Areas.Events.Services;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Participation;
using EParticipation.Web.Platform.Security;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Events.Controllers;

/// <summary>
/// The public events: the list with its filters, each event's page (with schema.org data), its
/// calendar file and the subscribable feed; for signed-in people, registering, cancelling, answering
/// a team invitation and their own registrations.
/// </summary>
[Area("Events")]
[Route(PortalRoute.Prefix + "/" + EventsModule.Path)]
public sealed class EventsController(
    AppDbContext db,
    EventQueries queries,
    EventRegistrations registrations,
    EventCalendar calendar,
    TimeProvider clock,
    IStringLocalizer<EventsResource> t) : PortalController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? kind, string? agency, string? when, CancellationToken cancellationToken) =>
        View(await queries.ListAsync(EventListQuery.From(kind, agency, when), cancellationToken));

    /// <summary>The feed a calendar subscribes to: the events the list shows with the same filters.</summary>
    [HttpGet("calendar.ics")]
    public async Task<IActionResult> Feed(string? kind, string? agency, string? when, CancellationToken cancellationToken)
    {
        var query = EventListQuery.From(kind, agency, when);
        var events = await queries.Filtered(query).Take(EventQueries.ListSize).ToListAsync(cancellationToken);
        var name = query.Agency is not null && events.FirstOrDefault()?.Agency is { } a
            ? $"{t["Events"]} - {a.Name.Current}"
            : t["Events"].Value;
        Response.Headers.CacheControl = "public, max-age=300";
        return Content(calendar.Serialize(events, Lang, name: name), EventCalendar.ContentType);
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var e = await queries.FindAsync(id, cancellationToken);
        return e is null ? NotFound() : View(await PageAsync(e, new RegistrationInput(), cancellationToken));
    }

    [HttpGet("{id:int}/calendar.ics")]
    public async Task<IActionResult> Calendar(int id, CancellationToken cancellationToken)
    {
        var e = await queries.FindAsync(id, cancellationToken);
        if (e is null)
        {
            return NotFound();
        }
        var text = calendar.Serialize([e], Lang, e.CancelledAt is null ? Ical.Net.CalendarMethods.Publish : Ical.Net.CalendarMethods.Cancel);
        return File(System.Text.Encoding.UTF8.GetBytes(text), EventCalendar.ContentType, $"event-{e.Id}.ics");
    }

    [HttpPost("{id:int}/register")]
    [Authorize]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> Register(int id, [Bind(Prefix = "Input")] RegistrationInput input, [FromServices] IValidator<RegistrationInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var e = await queries.FindAsync(id, cancellationToken);
        if (e is null)
        {
            return NotFound();
        }
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            return Invalid(await PageAsync(e, input, cancellationToken));
        }
        var user = await db.Users.SingleAsync(u => u.Id == User.RequiredUserId(), cancellationToken);
        var result = await registrations.RegisterAsync(id, user, input.Pool, input.AsTeam ? input.TeamName : null, input.Members(), cancellationToken);
        switch (result.Outcome)
        {
            case RegistrationOutcome.Confirmed:
                Flash(t["You are registered. Your check-in code is on this page and in your email."]);
                break;
            case RegistrationOutcome.Waitlisted:
                Flash(t["The event is full: you are on the waiting list. We will email you when a place frees up."]);
                break;
            case RegistrationOutcome.AlreadyRegistered:
                Flash(t["You (or someone in your team) already have a place or an invitation for this event."]);
                break;
            case RegistrationOutcome.Closed:
                return MessagePage(t["Registration is closed"], t["This event does not take registrations now."], t["Back to the event"], LangPath($"events/{id}"), StatusCodes.Status409Conflict);
            case RegistrationOutcome.TeamsNotAllowed:
            case RegistrationOutcome.TeamSize:
                ModelState.AddModelError("Input.MemberEmails", e.AllowsTeams
                    ? t["A team has {0} to {1} people, you included.", e.MinTeamSize, e.MaxTeamSize]
                    : t["This event takes individual registrations only."]);
                return Invalid(await PageAsync(e, input, cancellationToken));
            case RegistrationOutcome.GroupNotDeclared:
                ModelState.AddModelError("Input.Pool", t["These places are for people who declare this group on their account page. Add it there (it is optional), or register for the other places."]);
                return Invalid(await PageAsync(e, input, cancellationToken));
            default:
                return NotFound();
        }
        return LocalRedirect(LangPath($"events/{id}#my-registration"));
    }

    [HttpPost("{id:int}/registrations/{registrationId:long}/cancel")]
    [Authorize]
    public async Task<IActionResult> CancelRegistration(int id, long registrationId, CancellationToken cancellationToken)
    {
        if (!await registrations.CancelAsync(registrationId, User.RequiredUserId(), cancellationToken))
        {
            return NotFound();
        }
        Flash(t["Your registration has been cancelled and your place given to the next person waiting."]);
        return LocalRedirect(LangPath($"events/{id}"));
    }

    [HttpGet("invitations/{token}")]
    [Authorize]
    public async Task<IActionResult> Invitation(string token, CancellationToken cancellationToken)
    {
        var member = await db.EventAttendees.AsNoTracking().Include(a => a.Registration).ThenInclude(r => r!.Event)
            .SingleOrDefaultAsync(a => a.InvitationToken == token && a.UserId == null, cancellationToken);
        if (member?.Registration is not { Event: { } e } registration || registration.Status == RegistrationStatus.Cancelled)
        {
            return MessagePage(t["This invitation is no longer valid"], t["It has been answered already, or the team's registration was cancelled."], t["See the events"], LangPath("events"), StatusCodes.Status404NotFound);
        }
        var leader = await db.EventAttendees.AsNoTracking().Where(a => a.RegistrationId == registration.Id && a.IsLeader).Select(a => a.Name).SingleAsync(cancellationToken);
        var email = await db.Users.Where(u => u.Id == User.RequiredUserId()).Select(u => u.Email).SingleAsync(cancellationToken);
        return View(new InvitationPage(e, token, registration.TeamName ?? "", leader, EventRegistrations.Normalize(email ?? "") == member.Email));
    }

    [HttpPost("invitations/{token}")]
    [Authorize]
    public async Task<IActionResult> AnswerInvitation(string token, string? answer, CancellationToken cancellationToken)
    {
        var eventId = await db.EventAttendees.Where(a => a.InvitationToken == token).Select(a => (int?)a.EventId).SingleOrDefaultAsync(cancellationToken);
        var user = await db.Users.SingleAsync(u => u.Id == User.RequiredUserId(), cancellationToken);
        var accept = answer == "accept";
        if (eventId is null || !await registrations.AnswerInvitationAsync(token, user, accept, cancellationToken))
        {
            return MessagePage(t["This invitation is no longer valid"], t["It has been answered already, the team's registration was cancelled, or it was sent to another email address."], t["See the events"], LangPath("events"), StatusCodes.Status404NotFound);
        }
        Flash(accept ? t["You have joined the team. Your check-in code is on this page."] : t["You have declined the invitation."]);
        return LocalRedirect(LangPath($"events/{eventId}"));
    }

    [HttpGet("my-registrations")]
    [Authorize]
    public async Task<IActionResult> MyRegistrations(CancellationToken cancellationToken)
    {
        var userId = User.RequiredUserId();
        var rows = await db.EventAttendees.AsNoTracking()
            .Where(a => a.UserId == userId)
            .Include(a => a.Registration).ThenInclude(r => r!.Event)
            .OrderByDescending(a => a.Registration!.Event!.StartsAt)
            .Take(200)
            .ToListAsync(cancellationToken);
        return View(rows.Select(a => new MyRegistrationRow(a.Registration!.Event!, a.Registration, a.Code, a.IsLeader)).ToList());
    }

    private ViewResult Invalid(EventPage page)
    {
        var view = View("Show", page);
        view.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return view;
    }

    private async Task<EventPage> PageAsync(PortalEvent e, RegistrationInput input, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var status = e.StatusAt(now);
        var mine = User.UserId() is { } userId ? await queries.MineAsync(e.Id, userId, cancellationToken) : null;
        ParticipationLink? challenge = null;
        if (e.ChallengeId is { } challengeId && HttpContext.RequestServices.GetService<IChallengeDirectory>() is { } challenges)
        {
            challenge = await challenges.FindAsync(challengeId, cancellationToken);
        }
        return new EventPage(e, status, mine, input, challenge, queries.JsonLd(e, status, Lang), User.Identity?.IsAuthenticated == true, await HackathonAsync(e, mine, cancellationToken));
    }

    // A hackathon's criteria (published before it starts) and, once published, its winners.
    private async Task<HackathonPublic?> HackathonAsync(PortalEvent e, MyRegistration? mine, CancellationToken cancellationToken)
    {
        if (e.Kind != EventKind.Hackathon)
        {
            return null;
        }
        var hackathons = HttpContext.RequestServices.GetRequiredService<Hackathons>();
        var criteria = await hackathons.CriteriaAsync(e.Id, cancellationToken);
        List<WinnerRow>? winners = null;
        if (e.ResultsPublishedAt is not null)
        {
            var ideas = HttpContext.RequestServices.GetService<IIdeaDirectory>();
            winners = [];
            foreach (var w in await hackathons.WinnersAsync(e.Id, cancellationToken))
            {
                var idea = w.IdeaId is { } ideaId && ideas is not null ? await ideas.FindAsync(ideaId, cancellationToken) : null;
                winners.Add(new WinnerRow(w.Place!.Value, Hackathons.TeamName(w.Registration!), w.Title, idea));
            }
        }
        return new HackathonPublic(criteria, winners, mine?.Registration.Status == RegistrationStatus.Confirmed && e.TakesSubmissions);
    }
}
