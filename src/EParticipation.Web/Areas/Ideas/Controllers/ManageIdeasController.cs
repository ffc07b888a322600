using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Areas.Ideas.Models;
using EParticipation.Web.Areas.Ideas.Services;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Ideas.Controllers;

/// <summary>
/// The Voice-of-Beneficiary analyst's workspace: the agency's queue, one idea's triage and progress,
/// bulk changes with a confirmation step, the CSV export. Another agency's idea is "not found".
/// </summary>
[Area("Ideas")]
[Authorize(Policy = Policies.VocAnalyst)]
[Route(PortalRoute.Prefix + "/" + IdeasModule.Path + "/manage")]
public sealed class ManageIdeasController(IdeaTriage triage, IStringLocalizer<IdeasResource> t) : PortalController
{
    private int AgencyId => User.AgencyId()!.Value;

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] QueueQuery query, CancellationToken cancellationToken) =>
        View(await triage.QueueAsync(AgencyId, query, cancellationToken));

    [HttpGet("export.csv")]
    public async Task<IActionResult> Export([FromQuery] QueueQuery query, CancellationToken cancellationToken) =>
        File(await triage.ExportCsvAsync(AgencyId, query, cancellationToken), "text/csv; charset=utf-8", "ideas.csv");

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var idea = await triage.FindAsync(id, AgencyId, cancellationToken);
        return idea is null ? NotFound() : View(new TriagePage(idea, new TriageInput { Version = idea.Version }, new ProgressInput { Version = idea.Version }, false));
    }

    [HttpPost("{id:int}/status")]
    public async Task<IActionResult> Status(int id, [Bind(Prefix = "Input")] TriageInput input, [FromServices] IValidator<TriageInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var idea = await triage.FindAsync(id, AgencyId, cancellationToken);
        if (idea is null)
        {
            return NotFound();
        }
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            return View("Show", new TriagePage(idea, input, new ProgressInput { Version = idea.Version }, false));
        }
        var outcome = await triage.MoveAsync(idea, input, User.RequiredUserId(), cancellationToken);
        switch (outcome)
        {
            case TriageOutcome.Conflict:
                return await ConflictAsync(id, input, null, cancellationToken);
            case TriageOutcome.NotAllowed:
                ModelState.AddModelError("Input.Status", t["This status cannot follow the idea's current status."]);
                return View("Show", new TriagePage(idea, input, new ProgressInput { Version = idea.Version }, false));
            case TriageOutcome.BadOriginal:
                ModelState.AddModelError("Input.DuplicateOfId", t["The original must be another published idea of your agency that is not itself a duplicate."]);
                return View("Show", new TriagePage(idea, input, new ProgressInput { Version = idea.Version }, false));
        }
        Flash(t["The idea's status is now: {0}", t["status-" + idea.Status]]);
        return LocalRedirect(LangPath($"ideas/manage/{id}"));
    }

    [HttpPost("{id:int}/progress")]
    public async Task<IActionResult> Progress(int id, [Bind(Prefix = "Progress")] ProgressInput input, [FromServices] IValidator<ProgressInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var idea = await triage.FindAsync(id, AgencyId, cancellationToken);
        if (idea is null)
        {
            return NotFound();
        }
        if (!await validator.ValidateIntoAsync(input, ModelState, "Progress"))
        {
            return View("Show", new TriagePage(idea, new TriageInput { Version = idea.Version }, input, false));
        }
        var outcome = await triage.ProgressAsync(idea, input, User.RequiredUserId(), cancellationToken);
        if (outcome == TriageOutcome.Conflict)
        {
            return await ConflictAsync(id, null, input, cancellationToken);
        }
        if (outcome == TriageOutcome.NotAllowed)
        {
            ModelState.AddModelError("Progress.NoteAr", t["Progress is reported on accepted ideas."]);
            return View("Show", new TriagePage(idea, new TriageInput { Version = idea.Version }, input, false));
        }
        Flash(t["The progress update is published on the idea's page."]);
        return LocalRedirect(LangPath($"ideas/manage/{id}"));
    }

    /// <summary>The first step of a bulk change: what would move, what would not, and a confirm button.</summary>
    [HttpPost("bulk")]
    public async Task<IActionResult> Bulk(List<int> ids, IdeaStatus? status, string? answerAr, string? answerEn, bool confirmed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0 || status is null || status == IdeaStatus.Duplicate || (string.IsNullOrWhiteSpace(answerAr) && string.IsNullOrWhiteSpace(answerEn)))
        {
            Flash(t["Choose ideas, a status (not duplicate) and write the public answer."]);
            return LocalRedirect(LangPath("ideas/manage"));
        }
        if (!confirmed)
        {
            var (movable, refused) = await triage.BulkPreviewAsync(AgencyId, ids, status.Value, cancellationToken);
            return View(new BulkPage(movable, status.Value, answerAr, answerEn, refused));
        }
        var moved = await triage.BulkMoveAsync(AgencyId, ids, status.Value, new LocalizedText(answerAr ?? "", answerEn ?? ""), User.RequiredUserId(), cancellationToken);
        Flash(t["{0} idea moved|{0} ideas moved"].ForCount(moved));
        return LocalRedirect(LangPath("ideas/manage"));
    }

    private async Task<IActionResult> ConflictAsync(int id, TriageInput? input, ProgressInput? progress, CancellationToken cancellationToken)
    {
        var current = await triage.FindAsync(id, AgencyId, cancellationToken);
        if (current is null)
        {
            return NotFound();
        }
        var triageInput = input ?? new TriageInput();
        triageInput.Version = current.Version;
        var progressInput = progress ?? new ProgressInput();
        progressInput.Version = current.Version;
        var view = View("Show", new TriagePage(current, triageInput, progressInput, true));
        view.StatusCode = StatusCodes.Status409Conflict;
        return view;
    }
}
