using EParticipation.Web.Areas.Ideas.Services;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Ideas.Controllers;

/// <summary>Moderators approve or reject ideas sent to pre-moderated challenges.</summary>
[Area("Ideas")]
[Authorize(Policy = Policies.Moderator)]
[Route(PortalRoute.Prefix + "/" + IdeasModule.Path + "/moderation")]
public sealed class IdeaModerationController(IdeaModeration moderation, IStringLocalizer<IdeasResource> t) : PortalController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await moderation.PendingAsync(cancellationToken));

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Decide(int id, string decision, CancellationToken cancellationToken)
    {
        if (!await moderation.DecideAsync(id, decision == "approve", cancellationToken))
        {
            return MessagePage(t["Another moderator decided first"], t["This idea is no longer waiting for a decision."], t["Back to the queue"], LangPath("ideas/moderation"), StatusCodes.Status409Conflict);
        }
        Flash(decision == "approve" ? t["The idea is published."] : t["The idea was rejected."]);
        return LocalRedirect(LangPath("ideas/moderation"));
    }
}
