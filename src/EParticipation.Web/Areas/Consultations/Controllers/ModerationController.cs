using EParticipation.Web.Areas.Consultations.Models;
using EParticipation.Web.Areas.Consultations.Services;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Security;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Consultations.Controllers;

/// <summary>
/// The moderators' queue of consultation comments: awaiting approval (pre-moderation), hidden after
/// reports, and published but not yet reviewed (post-moderation). Moderators are platform staff and
/// see every agency's comments.
/// </summary>
[Area("Consultations")]
[Authorize(Policy = Policies.Moderator)]
[Route(PortalRoute.Prefix + "/" + ConsultationsModule.Path + "/moderation")]
public sealed class ModerationController(CommentModeration moderation, IStringLocalizer<ConsultationsResource> t) : PortalController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? queue, int? page, CancellationToken cancellationToken)
    {
        var which = Enum.TryParse<ModerationList>(queue, ignoreCase: true, out var q) && Enum.IsDefined(q) ? q : ModerationList.Pending;
        return View(await moderation.QueueAsync(which, PagingExtensions.ClampPage(page), cancellationToken));
    }

    [HttpPost("{commentId:long}/approve")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> Approve(long commentId, string? queue, CancellationToken cancellationToken)
    {
        if (!await moderation.ApproveAsync(commentId, User.RequiredUserId(), cancellationToken))
        {
            return NotFound();
        }
        Flash(t["The comment has been approved and its author told."]);
        return LocalRedirect(LangPath("consultations/moderation" + QueueQuery(queue)));
    }

    [HttpGet("{commentId:long}/reject")]
    public async Task<IActionResult> Reject(long commentId, string? queue, CancellationToken cancellationToken)
    {
        var comment = await moderation.FindInQueueAsync(commentId, cancellationToken);
        ViewData["Queue"] = queue;
        return comment is null ? NotFound() : View(new RejectPage(comment, new RejectInput()));
    }

    [HttpPost("{commentId:long}/reject")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> Reject(long commentId, string? queue, RejectInput input, [FromServices] IValidator<RejectInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            var comment = await moderation.FindInQueueAsync(commentId, cancellationToken);
            ViewData["Queue"] = queue;
            return comment is null ? NotFound() : View(new RejectPage(comment, input));
        }
        if (!await moderation.RejectAsync(commentId, User.RequiredUserId(), input.Reason!.Trim(), cancellationToken))
        {
            return NotFound();
        }
        Flash(t["The comment has been rejected and its author told why."]);
        return LocalRedirect(LangPath("consultations/moderation" + QueueQuery(queue)));
    }

    private static string QueueQuery(string? queue) =>
        Enum.TryParse<ModerationList>(queue, ignoreCase: true, out var q) && Enum.IsDefined(q) ? "?queue=" + q.ToString().ToLowerInvariant() : "";
}
