using EParticipation.Web.Data;
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
    public Task<IActionResult> Assign(long id, [Bind(Prefix = "Assign")] CaseAssignInput input, CancellationToken cancellationToken) =>
        ActAsync(id, async c =>
        {
            ArgumentNullException.ThrowIfNull(input);
            return await workflow.AssignAsync(c, input.OfficerId, User.RequiredUserId(), cancellationToken) ? s["The case has been assigned."].Value : null;
        }, cancellationToken);

    [HttpPost("{id:long}/note")]
    public Task<IActionResult> Note(long id, [Bind(Prefix = "Note")] CaseTextInput input, [FromServices] IValidator<CaseTextInput> validator, CancellationToken cancellationToken) =>
        TextActionAsync(id, input, validator, "Note", (c, text) => workflow.AddNoteAsync(c, text, User.RequiredUserId(), cancellationToken), s["The note has been added."], (p, i) => p.Note = i, cancellationToken);

    [HttpPost("{id:long}/respond")]
    public Task<IActionResult> Respond(long id, [Bind(Prefix = "Response")] CaseTextInput input, [FromServices] IValidator<CaseTextInput> validator, CancellationToken cancellationToken) =>
        TextActionAsync(id, input, validator, "Response", (c, text) => workflow.RespondAsync(c, text, User.RequiredUserId(), cancellationToken), s["The response has been sent to the submitter."], (p, i) => p.Response = i, cancellationToken);

    [HttpPost("{id:long}/request-information")]
    public Task<IActionResult> RequestInformation(long id, [Bind(Prefix = "Question")] CaseTextInput input, [FromServices] IValidator<CaseTextInput> validator, CancellationToken cancellationToken) =>
        TextActionAsync(id, input, validator, "Question", (c, text) => workflow.RequestInformationAsync(c, text, User.RequiredUserId(), cancellationToken), s["The question has been sent. The clock stands still until the submitter answers."], (p, i) => p.Question = i, cancellationToken);

    [HttpPost("{id:long}/transfer")]
    public async Task<IActionResult> Transfer(long id, [Bind(Prefix = "Transfer")] CaseTransferInput input, [FromServices] IValidator<CaseTransferInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var c = await queries.ForStaffAsync(id, User, cancellationToken);
        if (c is null)
        {
            return NotFound();
        }
        if (!await validator.ValidateIntoAsync(input, ModelState, "Transfer"))
        {
            return View("Show", await PageAsync(c, p => p.Transfer = input, cancellationToken));
        }
        if (!await workflow.TransferAsync(c, input.AgencyId!.Value, input.Reason, User.RequiredUserId(), cancellationToken))
        {
            return NotNow();
        }
        Flash(s["The case has been transferred."]);
        // It is no longer this agency's: back to the queue.
        return LocalRedirect(LangPath("staff/cases"));
    }

    [HttpPost("{id:long}/close")]
    public async Task<IActionResult> Close(long id, [Bind(Prefix = "Close")] CaseCloseInput input, [FromServices] IValidator<CaseCloseInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var c = await queries.ForStaffAsync(id, User, cancellationToken);
        if (c is null)
        {
            return NotFound();
        }
        if (!await validator.ValidateIntoAsync(input, ModelState, "Close"))
        {
            return View("Show", await PageAsync(c, p => p.Close = input, cancellationToken));
        }
        if (!await workflow.CloseAsync(c, input.EndState!.Value, input.Message, User.RequiredUserId(), cancellationToken))
        {
            return NotNow();
        }
        Flash(s["The case has been closed."]);
        return LocalRedirect(LangPath($"staff/cases/{id}"));
    }

    private async Task<IActionResult> TextActionAsync(long id, CaseTextInput input, IValidator<CaseTextInput> validator, string prefix, Func<Case, string, Task<bool>> act, string done, Action<StaffCasePageInputs, CaseTextInput> keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var c = await queries.ForStaffAsync(id, User, cancellationToken);
        if (c is null)
        {
            return NotFound();
        }
        if (!await validator.ValidateIntoAsync(input, ModelState, prefix))
        {
            return View("Show", await PageAsync(c, p => keep(p, input), cancellationToken));
        }
        if (!await act(c, input.Text!))
        {
            return NotNow();
        }
        Flash(done);
        return LocalRedirect(LangPath($"staff/cases/{id}"));
    }

    private async Task<IActionResult> ActAsync(long id, Func<Case, Task<string?>> act, CancellationToken cancellationToken)
    {
        var c = await queries.ForStaffAsync(id, User, cancellationToken);
        if (c is null)
        {
            return NotFound();
        }
        var done = await act(c);
        if (done is null)
        {
            return NotNow();
        }
        Flash(done);
        return LocalRedirect(LangPath($"staff/cases/{id}"));
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
