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
/// reports, and published but not yet reviewed (post-moderation). Platform moderators see every
/// agency's comments; a moderator who belongs to an agency sees and decides only that agency's (any
/// other comment is "not found"), as in the one queue at /moderation/comments.
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
        return View(await moderation.QueueAsync(which, PagingExtensions.ClampPage(page), User.AgencyId(), cancellationToken));
    }

    // An agency's moderator may act only on comments on that agency's consultations.
    private async Task<bool> OutsideTheirAgencyAsync(long commentId, CancellationToken cancellationToken) =>
        User.AgencyId() is { } agency && await moderation.AgencyOfAsync(commentId, cancellationToken) != agency;

    [HttpPost("{commentId:long}/approve")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> Approve(long commentId, string? queue, bool overrideDecision, CancellationToken cancellationToken)
    {
        if (await OutsideTheirAgencyAsync(commentId, cancellationToken))
        {
            return NotFound();
        }
        var outcome = await moderation.ApproveAsync(commentId, User.RequiredUserId(), overrideDecision, cancellationToken);
        return await AfterAsync(outcome, commentId, queue, "approve", null, t["The comment has been approved and its author told."], cancellationToken);
    }

    /// <summary>
    /// After a decision: done; already what this moderator wanted; or the other way, decided by someone
    /// else first, when the page shows that decision and lets this moderator apply theirs on purpose.
    /// </summary>
    private async Task<IActionResult> AfterAsync(ModerationOutcome outcome, long commentId, string? queue, string attempted, string? reason, string done, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case ModerationOutcome.NotFound:
                return NotFound();
            case ModerationOutcome.AlreadyTheSame:
                Flash(t["Another moderator had already made the same decision on this comment."]);
                return LocalRedirect(LangPath("consultations/moderation" + QueueQuery(queue)));
            case ModerationOutcome.AlreadyDecided:
                var decided = await moderation.DecidedAsync(commentId, cancellationToken);
                if (decided is not { } d)
                {
                    return NotFound();
                }
                ViewData["Queue"] = queue;
                var page = View("Conflict", new ModerationConflictPage(d.Comment, d.DecidedBy, attempted, new RejectInput { Reason = reason }));
                page.StatusCode = StatusCodes.Status409Conflict;
                return page;
            default:
                Flash(done);
                return LocalRedirect(LangPath("consultations/moderation" + QueueQuery(queue)));
        }
    }

    [HttpGet("{commentId:long}/reject")]
    public async Task<IActionResult> Reject(long commentId, string? queue, CancellationToken cancellationToken)
    {
        if (await OutsideTheirAgencyAsync(commentId, cancellationToken))
        {
            return NotFound();
        }
        var comment = await moderation.FindInQueueAsync(commentId, cancellationToken);
        ViewData["Queue"] = queue;
        return comment is null ? NotFound() : View(new RejectPage(comment, new RejectInput()));
    }

    [HttpPost("{commentId:long}/reject")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> Reject(long commentId, string? queue, bool overrideDecision, RejectInput input, [FromServices] IValidator<RejectInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await OutsideTheirAgencyAsync(commentId, cancellationToken))
        {
            return NotFound();
        }
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            var comment = await moderation.FindInQueueAsync(commentId, cancellationToken);
            ViewData["Queue"] = queue;
            return comment is null ? NotFound() : View(new RejectPage(comment, input));
        }
        var outcome = await moderation.RejectAsync(commentId, User.RequiredUserId(), input.Reason!.Trim(), overrideDecision, cancellationToken);
        return await AfterAsync(outcome, commentId, queue, "reject", input.Reason, t["The comment has been rejected and its author told why."], cancellationToken);
    }

    private static string QueueQuery(string? queue) =>
        Enum.TryParse<ModerationList>(queue, ignoreCase: true, out var q) && Enum.IsDefined(q) ? "?queue=" + q.ToString().ToLowerInvariant() : "";
}
