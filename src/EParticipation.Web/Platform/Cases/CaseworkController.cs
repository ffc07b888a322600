using EParticipation.Web.Data;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Platform.Cases;

/// <summary>
/// The case officers' screens: the agency's queue and each case, where they assign it, note,
/// ask the submitter for information, answer, transfer it to another agency, and close it. Every
/// case is looked up together with the officer's own agency, so another agency's id is "not found".
/// </summary>
[Authorize(Policy = Policies.CaseOfficer)]
[Route(PortalRoute.Prefix + "/staff/cases")]
public sealed class CaseworkController(
    AppDbContext db,
    CaseQueries queries,
    CaseWorkflow workflow,
    WorkingDays workingDays,
    TimeProvider clock,
    AuditLog audit,
    IStringLocalizer<SharedResource> s) : PortalController
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] CaseQueueFilter filter, CancellationToken cancellationToken) =>
        View(await queries.QueueAsync(User.AgencyId()!.Value, User.RequiredUserId(), filter ?? new(), cancellationToken));

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Show(long id, CancellationToken cancellationToken)
    {
        var c = await queries.ForStaffAsync(id, User, cancellationToken);
        return c is null ? NotFound() : View(await PageAsync(c, null, cancellationToken));
    }

    [HttpGet("{id:long}/attachments/{attachmentId:long}")]
    public async Task<IActionResult> Attachment(long id, long attachmentId, [FromServices] Attachments.AttachmentStore store, CancellationToken cancellationToken)
    {
        var c = await queries.ForStaffAsync(id, User, cancellationToken);
        var file = c?.Attachments.SingleOrDefault(a => a.Id == attachmentId);
        return file is null ? NotFound() : store.Download(file.StorageKey, file.FileName, file.ContentType, Response);
    }

    [HttpPost("{id:long}/assign")]
    public Task<IActionResult> Assign(long id, [Bind(Prefix = "Assign")] CaseAssignInput input, [FromForm(Name = "Version")] int? seen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return StepAsync(id, seen, "assign", c => workflow.AssignAsync(c, input.OfficerId, User.RequiredUserId(), cancellationToken), s["The case has been assigned."], _ => { }, "", cancellationToken);
    }

    // A note adds to the case and changes nothing anyone else wrote, so it does not ask for the version
    // the page showed; it is kept and offered again only when the case changed at the moment of saving.
    [HttpPost("{id:long}/note")]
    public Task<IActionResult> Note(long id, [Bind(Prefix = "Note")] CaseTextInput input, [FromServices] IValidator<CaseTextInput> validator, CancellationToken cancellationToken) =>
        TextStepAsync(id, null, "note", input, validator, "Note", (c, text) => workflow.AddNoteAsync(c, text, User.RequiredUserId(), cancellationToken), s["The note has been added."], (p, i) => p.Note = i, cancellationToken);

    [HttpPost("{id:long}/respond")]
    public Task<IActionResult> Respond(long id, [Bind(Prefix = "Response")] CaseTextInput input, [FromForm(Name = "Version")] int? seen, [FromServices] IValidator<CaseTextInput> validator, CancellationToken cancellationToken) =>
        TextStepAsync(id, seen, "respond", input, validator, "Response", (c, text) => workflow.RespondAsync(c, text, User.RequiredUserId(), cancellationToken), s["The response has been sent to the submitter."], (p, i) => p.Response = i, cancellationToken);

    [HttpPost("{id:long}/request-information")]
    public Task<IActionResult> RequestInformation(long id, [Bind(Prefix = "Question")] CaseTextInput input, [FromForm(Name = "Version")] int? seen, [FromServices] IValidator<CaseTextInput> validator, CancellationToken cancellationToken) =>
        TextStepAsync(id, seen, "request-information", input, validator, "Question", (c, text) => workflow.RequestInformationAsync(c, text, User.RequiredUserId(), cancellationToken), s["The question has been sent. The clock stands still until the submitter answers."], (p, i) => p.Question = i, cancellationToken);

    [HttpPost("{id:long}/transfer")]
    public async Task<IActionResult> Transfer(long id, [Bind(Prefix = "Transfer")] CaseTransferInput input, [FromForm(Name = "Version")] int? seen, [FromServices] IValidator<CaseTransferInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await validator.ValidateIntoAsync(input, ModelState, "Transfer"))
        {
            var c = await queries.ForStaffAsync(id, User, cancellationToken);
            return c is null ? NotFound() : View("Show", await PageAsync(c, p => p.Transfer = input, cancellationToken));
        }
        // It is no longer this agency's: back to the queue.
        return await StepAsync(id, seen, "transfer", c => workflow.TransferAsync(c, input.AgencyId!.Value, input.Reason, User.RequiredUserId(), cancellationToken),
            s["The case has been transferred."], p => p.Transfer = input, "staff/cases", cancellationToken);
    }

    [HttpPost("{id:long}/close")]
    public async Task<IActionResult> Close(long id, [Bind(Prefix = "Close")] CaseCloseInput input, [FromForm(Name = "Version")] int? seen, [FromServices] IValidator<CaseCloseInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await validator.ValidateIntoAsync(input, ModelState, "Close"))
        {
            var c = await queries.ForStaffAsync(id, User, cancellationToken);
            return c is null ? NotFound() : View("Show", await PageAsync(c, p => p.Close = input, cancellationToken));
        }
        return await StepAsync(id, seen, "close", c => workflow.CloseAsync(c, input.EndState!.Value, input.Message, User.RequiredUserId(), cancellationToken),
            s["The case has been closed."], p => p.Close = input, "", cancellationToken);
    }

    private async Task<IActionResult> TextStepAsync(long id, int? seen, string step, CaseTextInput input, IValidator<CaseTextInput> validator, string prefix, Func<Case, string, Task<bool>> act, string done, Action<StaffCasePageInputs, CaseTextInput> keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await validator.ValidateIntoAsync(input, ModelState, prefix))
        {
            var c = await queries.ForStaffAsync(id, User, cancellationToken);
            return c is null ? NotFound() : View("Show", await PageAsync(c, p => keep(p, input), cancellationToken));
        }
        return await StepAsync(id, seen, step, c => act(c, input.Text!), done, p => keep(p, input), "", cancellationToken);
    }

    /// <summary>
    /// One officer's step on a case of their agency. When someone else changed the case after the form
    /// was shown (<paramref name="seen"/> is older than the case), or at the very moment of saving,
    /// nothing is saved: the attempt is audited and the case page comes back (409) with what the other
    /// person did at the top and this officer's input still in its form, to send again on purpose.
    /// </summary>
    private async Task<IActionResult> StepAsync(long id, int? seen, string step, Func<Case, Task<bool>> act, string done, Action<StaffCasePageInputs> keep, string redirectTo, CancellationToken cancellationToken)
    {
        var c = await queries.ForStaffAsync(id, User, cancellationToken);
        if (c is null)
        {
            return NotFound();
        }
        if (seen is { } shown && shown != c.Version)
        {
            return await ConflictAsync(c, shown, step, keep, cancellationToken);
        }
        var loaded = c.Version;
        if (!await act(c))
        {
            var now = await queries.ForStaffAsync(id, User, cancellationToken);
            if (now is null)
            {
                return NotFound();
            }
            return now.Version != loaded ? await ConflictAsync(now, loaded, step, keep, cancellationToken) : NotNow();
        }
        Flash(done);
        return LocalRedirect(LangPath(redirectTo.Length > 0 ? redirectTo : $"staff/cases/{id}"));
    }

    private async Task<IActionResult> ConflictAsync(Case c, int seen, string step, Action<StaffCasePageInputs> keep, CancellationToken cancellationToken)
    {
        audit.Record("case.conflict", nameof(Case), c.TrackingNumber, c.AgencyId, $"{step} not saved: the case changed since the officer's page showed it (version {seen}, now {c.Version})");
        await db.SaveChangesAsync(cancellationToken);
        var changes = Math.Clamp(c.Version - seen, 1, 5);
        var page = await PageAsync(c, keep, cancellationToken);
        page.Changes = c.Timeline
            .Where(e => e.ActorId != null && e.Event != CaseEvent.InternalNote)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(changes)
            .ToList();
        var view = View("Show", page);
        view.StatusCode = StatusCodes.Status409Conflict;
        return view;
    }

    private ViewResult NotNow() =>
        MessagePage(s["This cannot be done now"], s["The case has moved on since you opened the page. Open it again to see where it is."], s["Case queue"], LangPath("staff/cases"), StatusCodes.Status409Conflict);

    private async Task<StaffCasePage> PageAsync(Case c, Action<StaffCasePageInputs>? inputs, CancellationToken cancellationToken)
    {
        var calendar = await workingDays.CalendarAsync(cancellationToken);
        var given = new StaffCasePageInputs();
        inputs?.Invoke(given);
        var actorIds = c.Timeline.Where(e => e.ActorId != null).Select(e => e.ActorId!.Value).Append(c.SubmitterId).Distinct().ToList();
        var actors = await db.Users.AsNoTracking().Where(u => actorIds.Contains(u.Id)).Select(u => new { u.Id, u.FullName }).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.IsActive && a.Id != c.AgencyId).OrderBy(a => a.Code).Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken);
        return new StaffCasePage
        {
            Case = c,
            Count = CaseClock.Count(c, calendar, clock.GetUtcNow().UtcDateTime),
            Overdue = c.IsOverdueOn(WorkingDayCalendar.SaudiDate(clock.GetUtcNow().UtcDateTime)),
            SubmitterName = actors.GetValueOrDefault(c.SubmitterId) ?? "",
            Officers = await queries.OfficersAsync(c.AgencyId, cancellationToken),
            Agencies = agencies.Select(a => (a.Id, a.Name)).ToList(),
            Actors = actors,
            Assign = new CaseAssignInput { OfficerId = c.AssignedToId },
            Note = given.Note,
            Response = given.Response,
            Question = given.Question,
            Transfer = given.Transfer,
            Close = given.Close,
        };
    }
}
