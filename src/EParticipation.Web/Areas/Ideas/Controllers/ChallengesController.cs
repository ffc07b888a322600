using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Areas.Ideas.Services;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace EParticipation.Web.Areas.Ideas.Controllers;

/// <summary>The public challenges: the list by status and a challenge's page with its ideas.</summary>
[Area("Ideas")]
[Route(PortalRoute.Prefix + "/" + IdeasModule.ChallengesPath)]
public sealed class ChallengesController(IdeaQueries queries) : PortalController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(ChallengeStatus? status, CancellationToken cancellationToken) =>
        View(await queries.ChallengesAsync(status, cancellationToken));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var page = await queries.ChallengePageAsync(id, cancellationToken);
        return page is null ? NotFound() : View(page);
    }
}
