using EParticipation.Web.Areas.Ideas.Models;
using EParticipation.Web.Areas.Ideas.Services;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Ideas.Controllers;

/// <summary>An agency publisher's challenges: only their own agency's (another agency's id is "not found").</summary>
[Area("Ideas")]
[Authorize(Policy = Policies.AgencyPublisher)]
[Route(PortalRoute.Prefix + "/" + IdeasModule.ChallengesPath + "/manage")]
public sealed class ManageChallengesController(ChallengeEditor editor, AppDbContext db, TimeProvider clock, IStringLocalizer<IdeasResource> t) : PortalController
{
    private int AgencyId => User.AgencyId()!.Value;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var list = await db.Challenges.AsNoTracking().Where(c => c.AgencyId == AgencyId).OrderByDescending(c => c.OpensAt).ToListAsync(cancellationToken);
        return View(list.Select(c => new ChallengeCard(c, c.StatusAt(now))).ToList());
    }

    [HttpGet("new")]
    public async Task<IActionResult> New(CancellationToken cancellationToken) =>
        View("Edit", await PageAsync(new ChallengeInput(), null, false, cancellationToken));

    [HttpPost("new")]
    public async Task<IActionResult> New([Bind(Prefix = "Input")] ChallengeInput input, [FromServices] IValidator<ChallengeInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input") || !await ReferencesExistAsync(input, cancellationToken))
        {
            return View("Edit", await PageAsync(input, null, false, cancellationToken));
        }
        var challenge = await editor.CreateAsync(AgencyId, input, User.RequiredUserId(), cancellationToken);
        Flash(t["The challenge has been saved."]);
        return LocalRedirect(LangPath($"challenges/manage/{challenge.Id}"));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var challenge = await editor.FindAsync(id, cancellationToken);
        if (challenge is null || challenge.AgencyId != AgencyId)
        {
            return NotFound();
        }
        return View(await PageAsync(ChallengeEditor.ToInput(challenge), challenge, false, cancellationToken));
    }

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Edit(int id, [Bind(Prefix = "Input")] ChallengeInput input, [FromServices] IValidator<ChallengeInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var challenge = await editor.FindAsync(id, cancellationToken);
        if (challenge is null || challenge.AgencyId != AgencyId)
        {
            return NotFound();
        }
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input") || !await ReferencesExistAsync(input, cancellationToken))
        {
            return View(await PageAsync(input, challenge, false, cancellationToken));
        }
        if (!await editor.UpdateAsync(challenge, input, cancellationToken))
        {
            var current = await editor.FindAsync(id, cancellationToken);
            input.Version = current!.Version;
            var conflict = View(await PageAsync(input, current, true, cancellationToken));
            conflict.StatusCode = StatusCodes.Status409Conflict;
            return conflict;
        }
        Flash(t["The challenge has been saved."]);
        return LocalRedirect(LangPath($"challenges/manage/{id}"));
    }

    private async Task<bool> ReferencesExistAsync(ChallengeInput input, CancellationToken cancellationToken)
    {
        var ok = true;
        if (!await db.Sectors.AnyAsync(s => s.Id == input.SectorId, cancellationToken))
        {
            ModelState.AddModelError("Input.SectorId", t["Choose the sector."]);
            ok = false;
        }
        var groups = input.TargetGroupIds.Distinct().ToList();
        if (groups.Count > 0 && await db.TargetGroups.CountAsync(g => groups.Contains(g.Id), cancellationToken) != groups.Count)
        {
            ModelState.AddModelError("Input.TargetGroupIds", t["Choose target groups from the list."]);
            ok = false;
        }
        return ok;
    }

    private async Task<ChallengeEditPage> PageAsync(ChallengeInput input, Domain.Challenge? challenge, bool conflict, CancellationToken cancellationToken) =>
        new(input, challenge,
            await db.Sectors.AsNoTracking().OrderBy(s => s.SortOrder).ToListAsync(cancellationToken),
            await db.TargetGroups.AsNoTracking().OrderBy(g => g.SortOrder).ToListAsync(cancellationToken),
            conflict);
}
