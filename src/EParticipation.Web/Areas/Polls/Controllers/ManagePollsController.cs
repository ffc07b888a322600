using EParticipation.Web.Areas.Polls.Domain;
using EParticipation.Web.Areas.Polls.Models;
using EParticipation.Web.Areas.Polls.Services;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Polls.Controllers;

/// <summary>
/// Agency publishers' screens: their agency's polls, a new poll, editing before it opens, closing it
/// early. Every poll asked for by id is checked against the publisher's agency (404 otherwise).
/// </summary>
[Area("Polls")]
[Authorize(Policy = Policies.AgencyPublisher)]
[Route(PortalRoute.Prefix + "/" + PollsModule.Path + "/manage")]
public sealed class ManagePollsController(PollEditor editor, PollQueries queries, TimeProvider clock, IStringLocalizer<PollsResource> t) : PortalController
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await queries.AgencyPollsAsync(User.AgencyId()!.Value, cancellationToken));

    [HttpGet("new")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        var today = DualDate.ToSaudiTime(Now).Date;
        var input = new PollInput { OpensAt = today.AddDays(1).AddHours(8), ClosesAt = today.AddDays(15).AddHours(8) }.WithEmptyRows();
        return View("Edit", await EditPageAsync(input, null, cancellationToken));
    }

    [HttpPost("new")]
    public async Task<IActionResult> Create(PollInput input, [FromServices] IValidator<PollInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        input.IsNew = true;
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            return Invalid(await EditPageAsync(input.WithEmptyRows(), null, cancellationToken));
        }
        var poll = await editor.CreateAsync(input, User.AgencyId()!.Value, User.RequiredUserId(), cancellationToken);
        Flash(t["The poll has been created."]);
        return LocalRedirect(LangPath($"{PollsModule.Path}/manage/{poll.Id}"));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var (poll, denied) = await OwnAsync(id, cancellationToken);
        return denied ?? View(await EditPageAsync(PollInput.From(poll!), poll, cancellationToken));
    }

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Edit(int id, PollInput input, [FromServices] IValidator<PollInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (poll, denied) = await OwnAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        if (poll!.StatusAt(Now) != PollStatus.Upcoming)
        {
            return MessagePage(t["This poll can no longer change"], t["A poll can be edited only before it opens: people vote on the question and options as they were shown."],
                t["Back to the poll"], LangPath($"{PollsModule.Path}/manage/{id}"), StatusCodes.Status409Conflict);
        }
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            return Invalid(await EditPageAsync(input.WithEmptyRows(), poll, cancellationToken));
        }
        if (!await editor.UpdateAsync(poll, input, cancellationToken))
        {
            var (current, _) = await OwnAsync(id, cancellationToken);
            if (current is null)
            {
                return NotFound();
            }
            input.Version = current.Version;
            var conflict = View(await EditPageAsync(input.WithEmptyRows(), current, cancellationToken) with { Conflict = true });
            conflict.StatusCode = StatusCodes.Status409Conflict;
            return conflict;
        }
        Flash(t["The poll has been saved."]);
        return LocalRedirect(LangPath($"{PollsModule.Path}/manage/{id}"));
    }

    [HttpPost("{id:int}/close")]
    public async Task<IActionResult> Close(int id, CancellationToken cancellationToken)
    {
        var (poll, denied) = await OwnAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        if (poll!.StatusAt(Now) != PollStatus.Open)
        {
            return MessagePage(t["This poll is not open"], t["Only an open poll can be closed early."],
                t["Back to the poll"], LangPath($"{PollsModule.Path}/manage/{id}"), StatusCodes.Status409Conflict);
        }
        await editor.CloseEarlyAsync(poll, cancellationToken);
        Flash(t["The poll has been closed. Its results are now public."]);
        return LocalRedirect(LangPath($"{PollsModule.Path}/manage/{id}"));
    }

    private ViewResult Invalid(PollEditPage page) => View("Edit", page);

    private async Task<PollEditPage> EditPageAsync(PollInput input, Poll? poll, CancellationToken cancellationToken) =>
        new(input, await queries.TargetGroupsAsync(cancellationToken), poll, poll?.StatusAt(Now));

    /// <summary>The poll, tracked, if it is this publisher's agency's; otherwise the refusal (404 for another agency's).</summary>
    private async Task<(Poll? Poll, IActionResult? Denied)> OwnAsync(int id, CancellationToken cancellationToken)
    {
        var poll = await editor.LoadAsync(id, cancellationToken);
        if (poll is null)
        {
            return (null, NotFound());
        }
        return User.IsStaffOf(poll.AgencyId, Roles.AgencyPublisher) ? (poll, null) : (null, DeniedForAgency(poll.AgencyId));
    }
}
