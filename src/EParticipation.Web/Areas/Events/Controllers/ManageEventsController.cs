using System.Globalization;
using System.Text;
using EParticipation.Web.Areas.Events.Domain;
using EParticipation.Web.Areas.Events.Models;
using EParticipation.Web.Areas.Events.Services;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Participation;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Events.Controllers;

/// <summary>
/// Agency staff's screens: publishers create, edit and cancel their agency's events; any staff member
/// of the agency checks people in by code and exports the list. Every event asked for by id is
/// checked against the staff member's agency: another agency's id answers 404.
/// </summary>
[Area("Events")]
[Authorize(Policy = Policies.AgencyStaff)]
[Route(PortalRoute.Prefix + "/" + EventsModule.Path + "/manage")]
public sealed class ManageEventsController(
    AppDbContext db,
    EventEditor editor,
    AuditLog audit,
    TimeProvider clock,
    IStringLocalizer<EventsResource> t) : PortalController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var agencyId = User.AgencyId()!.Value;
        var now = Now;
        var rows = await db.Events.AsNoTracking().Where(e => e.AgencyId == agencyId)
            .OrderByDescending(e => e.StartsAt).Take(500)
            .Select(e => new { Event = e, Waitlisted = db.EventRegistrations.Count(r => r.EventId == e.Id && r.Status == RegistrationStatus.Waitlisted) })
            .ToListAsync(cancellationToken);
        return View(rows.Select(r => new ManageEventRow(r.Event, r.Event.StatusAt(now), r.Waitlisted)).ToList());
    }

    /// <summary>The hackathons the signed-in staff member judges, whatever their role.</summary>
    [HttpGet("judging")]
    public async Task<IActionResult> Judging(CancellationToken cancellationToken)
    {
        var me = User.RequiredUserId();
        var agencyId = User.AgencyId()!.Value;
        var now = Now;
        var events = await db.Events.AsNoTracking()
            .Where(e => e.AgencyId == agencyId && db.HackathonJudges.Any(j => j.EventId == e.Id && j.UserId == me))
            .OrderByDescending(e => e.StartsAt).Take(200).ToListAsync(cancellationToken);
        return View(events.Select(e => new ManageEventRow(e, e.StatusAt(now), 0)).ToList());
    }

    [HttpGet("new")]
    [Authorize(Policy = Policies.AgencyPublisher)]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        var today = DualDate.ToSaudiTime(Now).Date;
        var input = new EventInput
        {
            StartsAt = today.AddDays(30).AddHours(9),
            EndsAt = today.AddDays(30).AddHours(17),
            RegistrationOpensAt = today.AddHours(8),
            RegistrationClosesAt = today.AddDays(28).AddHours(23),
            Capacity = 50,
        };
        return View("Edit", await EditPageAsync(input, null, cancellationToken));
    }

    [HttpPost("new")]
    [Authorize(Policy = Policies.AgencyPublisher)]
    public async Task<IActionResult> Create([Bind(Prefix = "Input")] EventInput input, [FromServices] IValidator<EventInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            return Invalid(await EditPageAsync(input, null, cancellationToken));
        }
        var e = await editor.CreateAsync(input, User.AgencyId()!.Value, User.RequiredUserId(), cancellationToken);
        Flash(t["The event has been published."]);
        return LocalRedirect(LangPath($"events/manage/{e.Id}"));
    }

    [HttpGet("{id:int}")]
    [Authorize(Policy = Policies.AgencyPublisher)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var (e, denied) = await OwnAsync(id, Roles.AgencyPublisher, cancellationToken);
        return denied ?? View(await EditPageAsync(EventInput.From(e!), e, cancellationToken));
    }

    [HttpPost("{id:int}")]
    [Authorize(Policy = Policies.AgencyPublisher)]
    public async Task<IActionResult> Edit(int id, [Bind(Prefix = "Input")] EventInput input, [FromServices] IValidator<EventInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (e, denied) = await OwnAsync(id, Roles.AgencyPublisher, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        if (e!.CancelledAt is not null)
        {
            return MessagePage(t["This event is cancelled"], t["A cancelled event no longer changes."], t["Back to your agency's events"], LangPath("events/manage"), StatusCodes.Status409Conflict);
        }
        input.Stored = e;
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            return Invalid(await EditPageAsync(input, e, cancellationToken));
        }
        if (!await editor.UpdateAsync(e, input, cancellationToken))
        {
            var (current, _) = await OwnAsync(id, Roles.AgencyPublisher, cancellationToken);
            if (current is null)
            {
                return NotFound();
            }
            input.Version = current.Version;
            var conflict = View(await EditPageAsync(input, current, cancellationToken) with { Conflict = true });
            conflict.StatusCode = StatusCodes.Status409Conflict;
            return conflict;
        }
        Flash(t["The event has been saved."]);
        return LocalRedirect(LangPath($"events/manage/{id}"));
    }

    [HttpPost("{id:int}/cancel")]
    [Authorize(Policy = Policies.AgencyPublisher)]
    public async Task<IActionResult> Cancel(int id, CancellationToken cancellationToken)
    {
        var (e, denied) = await OwnAsync(id, Roles.AgencyPublisher, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        Flash(await editor.CancelAsync(e!, cancellationToken)
            ? t["The event has been cancelled. Everyone registered has been told, with a calendar cancellation."]
            : t["The event was already cancelled."]);
        return LocalRedirect(LangPath($"events/manage/{id}"));
    }

    [HttpGet("{id:int}/attendees")]
    public async Task<IActionResult> Attendees(int id, string? code, CancellationToken cancellationToken)
    {
        var (e, denied) = await OwnAsync(id, null, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        var rows = await AttendeeRowsAsync(id, cancellationToken);
        var wanted = code?.Trim().ToUpperInvariant();
        var found = string.IsNullOrEmpty(wanted) ? null : rows.SingleOrDefault(r => r.Code == wanted);
        if (!string.IsNullOrEmpty(wanted) && found is null)
        {
            ModelState.AddModelError("code", t["No one registered for this event has the code {0}.", wanted]);
        }
        return View(new AttendeesPage(e!, rows, code, found));
    }

    [HttpPost("{id:int}/attendees/{attendeeId:long}/check-in")]
    public async Task<IActionResult> CheckIn(int id, long attendeeId, CancellationToken cancellationToken)
    {
        var (e, denied) = await OwnAsync(id, null, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        var attendee = await db.EventAttendees.Include(a => a.Registration)
            .SingleOrDefaultAsync(a => a.Id == attendeeId && a.EventId == id, cancellationToken);
        if (attendee is null || attendee.Registration!.Status != RegistrationStatus.Confirmed)
        {
            return NotFound();
        }
        if (attendee.CheckedInAt is null)
        {
            attendee.CheckedInAt = Now;
            audit.Record("event.check-in", "EventAttendee", attendee.Id, e!.AgencyId, attendee.Code);
            await db.SaveChangesAsync(cancellationToken);
        }
        Flash(t["{0} is checked in.", attendee.Name]);
        return LocalRedirect(LangPath($"events/manage/{id}/attendees"));
    }

    [HttpGet("{id:int}/attendees.csv")]
    public async Task<IActionResult> Export(int id, CancellationToken cancellationToken)
    {
        var (e, denied) = await OwnAsync(id, null, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        var rows = await AttendeeRowsAsync(id, cancellationToken);
        var csv = new StringBuilder();
        Line(csv, t["Name"], t["Email"], t["Check-in code"], t["Team"], t["Seats"], t["Registration"], t["Accepted"], t["Checked in at (Saudi time)"]);
        foreach (var r in rows)
        {
            Line(csv, r.Name, r.Email, r.Code, r.TeamName ?? "", r.Pool is { } p ? t["pool-" + p] : "", t["registration-" + r.Status], r.Accepted ? t["Yes"] : t["No"],
                r.CheckedInAt is { } c ? DualDate.ToSaudiTime(c).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "");
        }
        audit.Record("event.attendees.exported", "Event", id, e!.AgencyId, rows.Count.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        Response.Headers.CacheControl = "private, no-store";
        return File(bytes, "text/csv; charset=utf-8", $"event-{id}-attendees.csv");
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private Task<List<AttendeeRow>> AttendeeRowsAsync(int id, CancellationToken cancellationToken) =>
        db.EventAttendees.AsNoTracking().Where(a => a.EventId == id)
            .OrderBy(a => a.RegistrationId).ThenBy(a => a.Id)
            .Select(a => new AttendeeRow(a.Id, a.Name, a.Email, a.Code, a.Registration!.TeamName, a.Registration.SeatedPool, a.Registration.Status, a.UserId != null, a.CheckedInAt))
            .ToListAsync(cancellationToken);

    // A cell as spreadsheets read it: quoted, and a leading = + - @ made text (no formula injection).
    private static void Line(StringBuilder csv, params string[] cells)
    {
        csv.AppendJoin(',', cells.Select(c =>
        {
            var text = c.Length > 0 && "=+-@\t\r".Contains(c[0], StringComparison.Ordinal) ? "'" + c : c;
            return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        }));
        csv.Append("\r\n");
    }

    private async Task<(PortalEvent? Event, IActionResult? Denied)> OwnAsync(int id, string? role, CancellationToken cancellationToken)
    {
        var e = await db.Events.Include(x => x.Agency).SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (e is null)
        {
            return (null, NotFound());
        }
        var allowed = role is null ? User.IsStaffOf(e.AgencyId) : User.IsStaffOf(e.AgencyId, role);
        return allowed ? (e, null) : (null, DeniedForAgency(e.AgencyId));
    }

    private async Task<EventEditPage> EditPageAsync(EventInput input, PortalEvent? e, CancellationToken cancellationToken)
    {
        IReadOnlyList<ParticipationLink>? challenges = null;
        if (HttpContext.RequestServices.GetService<IChallengeDirectory>() is { } directory)
        {
            challenges = await directory.ForAgencyAsync(User.AgencyId()!.Value, cancellationToken);
        }
        return new EventEditPage(input, e, e?.StatusAt(Now), challenges);
    }

    private ViewResult Invalid(EventEditPage page)
    {
        var view = View("Edit", page);
        view.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return view;
    }
}
