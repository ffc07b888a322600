using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Security;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Platform.Comments;

/// <summary>
/// The moderators' one queue of comments, every module's together (<see cref="CommentQueueService"/>):
/// awaiting approval (pre-moderation) and reported (published with an open report, or hidden after
/// reports). Each row says what it is on and links to it; a decision goes to the owning module.
/// A moderator who belongs to an agency sees that agency's items only.
/// </summary>
[Authorize(Policy = Policies.Moderator)]
[Route(PortalRoute.Prefix + "/moderation/comments")]
public sealed class CommentModerationController(CommentQueueService queue, IStringLocalizer<SharedResource> s) : PortalController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? list, CancellationToken cancellationToken)
    {
        var kind = Enum.TryParse<CommentQueueKind>(list, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : CommentQueueKind.Pending;
        return View(await queue.PageAsync(kind, User.AgencyId(), cancellationToken));
    }

    [HttpPost("{source}/{id:long}/decide")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> Decide(string source, long id, string decision, string? reason, string? list, CancellationToken cancellationToken)
    {
        var approve = decision == "approve";
        var back = "moderation/comments" + ListQuery(list);
        if (!approve && string.IsNullOrWhiteSpace(reason))
        {
            Flash(s["Give the reason for rejecting the comment; its author is told."]);
            return LocalRedirect(LangPath(back + "#comment-" + source + "-" + id));
        }
        var reasonText = reason?.Trim();
        if (reasonText is { Length: > ModeratedComment.RejectionReasonMaxLength })
        {
            reasonText = reasonText[..ModeratedComment.RejectionReasonMaxLength];
        }
        var outcome = await queue.DecideAsync(source, id, User.AgencyId(), User.RequiredUserId(), approve, reasonText, cancellationToken);
        switch (outcome)
        {
            case CommentOutcome.NotFound:
                return NotFound();
            case CommentOutcome.Conflict:
                return MessagePage(s["Another moderator decided first"], s["This comment was decided while you were looking at it. Your decision was not applied."], s["Back to the queue"], LangPath(back), StatusCodes.Status409Conflict);
            case CommentOutcome.AlreadyDone:
                Flash(s["Another moderator had already made the same decision on this comment."]);
                return LocalRedirect(LangPath(back));
            default:
                Flash(approve ? s["The comment is published."] : s["The comment was rejected."]);
                return LocalRedirect(LangPath(back));
        }
    }

    private static string ListQuery(string? list) =>
        Enum.TryParse<CommentQueueKind>(list, ignoreCase: true, out var k) && Enum.IsDefined(k) && k != CommentQueueKind.Pending ? "?list=" + k.ToString().ToLowerInvariant() : "";
}
