using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Platform.Comments;

/// <summary>
/// The moderators' queue of the platform's comments (every module that comments through
/// <see cref="CommentService"/>): pending comments under pre-moderation and comments hidden by reports.
/// </summary>
[Authorize(Policy = Policies.Moderator)]
[Route(PortalRoute.Prefix + "/moderation/comments")]
public sealed class CommentModerationController(CommentService comments, IStringLocalizer<SharedResource> s) : PortalController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await comments.QueueAsync(cancellationToken));

    [HttpPost("{id:long}/decide")]
    public async Task<IActionResult> Decide(long id, string decision, string? reason, ThreadCommentStatus seen, CancellationToken cancellationToken)
    {
        var approve = decision == "approve";
        if (!approve && string.IsNullOrWhiteSpace(reason))
        {
            Flash(s["Give the reason for rejecting the comment; its author is told."]);
            return LocalRedirect(LangPath("moderation/comments#comment-" + id));
        }
        var result = await comments.DecideAsync(id, User.RequiredUserId(), approve, reason, seen, cancellationToken);
        return result.Outcome switch
        {
            CommentOutcome.NotFound => NotFound(),
            CommentOutcome.Conflict => MessagePage(s["Another moderator decided first"], s["This comment was decided while you were looking at it. Your decision was not applied."], s["Back to the queue"], LangPath("moderation/comments"), StatusCodes.Status409Conflict),
            _ => Decided(approve),
        };
    }

    private LocalRedirectResult Decided(bool approved)
    {
        Flash(approved ? s["The comment is published."] : s["The comment was rejected."]);
        return LocalRedirect(LangPath("moderation/comments"));
    }
}
