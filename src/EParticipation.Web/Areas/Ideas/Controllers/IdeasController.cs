using System.Globalization;
using System.Security.Claims;
using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Areas.Ideas.Models;
using EParticipation.Web.Areas.Ideas.Services;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Attachments;
using EParticipation.Web.Platform.Comments;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Moderation;
using EParticipation.Web.Platform.Notifications;
using EParticipation.Web.Platform.Security;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Ideas.Controllers;

/// <summary>Ideas: the list, an idea's page with its path, similar ideas, submitting, supporting, following and commenting.</summary>
[Area("Ideas")]
[Route(PortalRoute.Prefix + "/" + IdeasModule.Path)]
public sealed class IdeasController(
    IdeaQueries queries,
    IdeaSubmissions submissions,
    CommentService comments,
    Notifier notifier,
    AppDbContext db,
    TimeProvider clock,
    IStringLocalizer<IdeasResource> t) : PortalController
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] IdeaListQuery query, CancellationToken cancellationToken) =>
        View(await queries.ListAsync(query, cancellationToken));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var page = await queries.PageAsync(id, User.UserId(), cancellationToken);
        if (page is null)
        {
            return NotFound();
        }
        page.NewComment.DisplayName = User.FindFirstValue(PortalClaims.FullName);
        return View(page);
    }

    /// <summary>The similar-ideas list as a small HTML fragment, for the script on the form (the form shows the same list without script on its preview step).</summary>
    [HttpGet("similar")]
    public async Task<IActionResult> Similar(string? title, int? challenge, int? agency, CancellationToken cancellationToken)
    {
        var agencyId = challenge is { } c ? await db.Challenges.Where(x => x.Id == c).Select(x => (int?)x.AgencyId).SingleOrDefaultAsync(cancellationToken) : agency;
        return PartialView("_Similar", await queries.SimilarAsync(title, agencyId, cancellationToken));
    }

    [HttpGet("reality/{agency}")]
    public async Task<IActionResult> Reality(string agency, CancellationToken cancellationToken)
    {
        var page = await queries.RealityAsync(agency, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    [HttpGet("{id:int}/attachments/{attachmentId:int}")]
    public async Task<IActionResult> Attachment(int id, int attachmentId, [FromServices] AttachmentStore store, CancellationToken cancellationToken)
    {
        var idea = await queries.IdeaAsync(id, cancellationToken);
        if (idea is null || (!idea.IsPublic && idea.AuthorId != User.UserId() && !User.IsStaffOf(idea.AgencyId)))
        {
            return NotFound();
        }
        var file = idea.Attachments.SingleOrDefault(a => a.Id == attachmentId);
        return file is null ? NotFound() : store.Download(file.StorageKey, file.FileName, file.ContentType, Response);
    }

    [Authorize]
    [HttpGet("new")]
    public async Task<IActionResult> New(int? challenge, CancellationToken cancellationToken)
    {
        var input = new IdeaInput { ChallengeId = challenge, SubmissionKey = Guid.NewGuid(), DisplayName = User.FindFirstValue(PortalClaims.FullName) };
        var page = await FormAsync(input, preview: false, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }
        if (page.Challenge is { } c && !c.AcceptsIdeasAt(clock.GetUtcNow().UtcDateTime))
        {
            return MessagePage(t["This challenge does not take ideas now"], t["Ideas are taken while a challenge is open. You can still send your idea freely to the agency."], t["Submit an idea"], LangPath("ideas/new"), StatusCodes.Status409Conflict);
        }
        return View(page);
    }

    [Authorize]
    [HttpPost("new")]
    [EnableRateLimiting(RateLimits.IdeaSubmission)]
    [RequestFormLimits(MultipartBodyLengthLimit = 32 * 1024 * 1024)]
    public async Task<IActionResult> New([Bind(Prefix = "Input")] IdeaInput input, [FromServices] IValidator<IdeaInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var valid = await validator.ValidateIntoAsync(input, ModelState, "Input");
        if (!valid || !input.Confirmed)
        {
            // The preview (or the form again with its errors) lists similar ideas, so this works without script.
            var page = await FormAsync(input, preview: valid, cancellationToken);
            if (page is null)
            {
                return NotFound();
            }
            // Files are not kept between the steps: they are sent with the confirmation.
            return View(page);
        }
        var result = await submissions.SubmitAsync(input, User.RequiredUserId(), cancellationToken);
        switch (result.Outcome)
        {
            case SubmissionOutcome.NotFound:
                return NotFound();
            case SubmissionOutcome.NotOpen:
                return MessagePage(t["This challenge does not take ideas now"], t["Ideas are taken while a challenge is open. You can still send your idea freely to the agency."], t["Submit an idea"], LangPath("ideas/new"), StatusCodes.Status409Conflict);
            case SubmissionOutcome.BadAttachment:
                ModelState.AddModelError("Input.Files", result.Problem switch
                {
                    AttachmentProblem.TooLarge => t["The file {0} is too large.", result.FileName ?? ""],
                    AttachmentProblem.Empty => t["The file {0} is empty.", result.FileName ?? ""],
                    AttachmentProblem.StorageUnavailable => t["The file could not be stored just now. Please try again later."],
                    _ => t["The file {0} is not an image (PNG, JPEG) or PDF.", result.FileName ?? ""],
                });
                var again = await FormAsync(input, preview: true, cancellationToken);
                return again is null ? NotFound() : View(again);
        }
        Flash(result.Idea!.Visibility == IdeaVisibility.Pending
            ? t["Thank you. Your idea will appear once a moderator has approved it."]
            : t["Thank you. Your idea has been sent to the agency's Voice-of-Beneficiary team."]);
        return LocalRedirect(LangPath($"ideas/{result.Idea.Id}"));
    }

    [Authorize]
    [HttpPost("{id:int}/support")]
    [EnableRateLimiting(RateLimits.Support)]
    public async Task<IActionResult> Support(int id, CancellationToken cancellationToken)
    {
        var outcome = await submissions.SupportAsync(id, User.RequiredUserId(), cancellationToken);
        if (outcome == SupportOutcome.NotFound)
        {
            return NotFound();
        }
        Flash(outcome == SupportOutcome.AlreadyDone ? t["You already support this idea."] : t["Thank you for your support."]);
        return LocalRedirect(LangPath($"ideas/{id}#support"));
    }

    [Authorize]
    [HttpPost("{id:int}/support/withdraw")]
    [EnableRateLimiting(RateLimits.Support)]
    public async Task<IActionResult> WithdrawSupport(int id, CancellationToken cancellationToken)
    {
        await submissions.WithdrawSupportAsync(id, User.RequiredUserId(), cancellationToken);
        Flash(t["Your support has been withdrawn."]);
        return LocalRedirect(LangPath($"ideas/{id}#support"));
    }

    [Authorize]
    [HttpPost("{id:int}/follow")]
    public async Task<IActionResult> Follow(int id, bool follow, CancellationToken cancellationToken)
    {
        if (!await db.Ideas.AnyAsync(i => i.Id == id && i.Visibility == IdeaVisibility.Published, cancellationToken))
        {
            return NotFound();
        }
        var key = id.ToString(CultureInfo.InvariantCulture);
        if (follow)
        {
            await notifier.FollowAsync(User.RequiredUserId(), FollowKinds.Idea, key, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            Flash(t["You follow this idea: you will be told when its status changes."]);
        }
        else
        {
            await notifier.UnfollowAsync(User.RequiredUserId(), FollowKinds.Idea, key, cancellationToken);
            Flash(t["You no longer follow this idea."]);
        }
        return LocalRedirect(LangPath($"ideas/{id}"));
    }

    [Authorize]
    [HttpPost("{id:int}/comments")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> Comment(int id, [Bind(Prefix = "NewComment")] IdeaCommentInput input, [FromServices] IValidator<IdeaCommentInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await validator.ValidateIntoAsync(input, ModelState, "NewComment"))
        {
            var page = await queries.PageAsync(id, User.UserId(), cancellationToken);
            return page is null ? NotFound() : View("Show", page with { NewComment = input });
        }
        var result = await comments.AddAsync(IdeaCommentThread.Type, id.ToString(CultureInfo.InvariantCulture), User.RequiredUserId(), input.DisplayName!, input.Body!, input.SubmissionKey, cancellationToken);
        if (result.Outcome is CommentOutcome.NotFound or CommentOutcome.NotAllowed)
        {
            return NotFound();
        }
        Flash(result.Comment!.Status == CommentStatus.Pending ? t["Thank you. Your comment will appear once a moderator has approved it."] : t["Thank you. Your comment has been published."]);
        return LocalRedirect(LangPath($"ideas/{id}#comment-{result.Comment.Id}"));
    }

    [Authorize]
    [HttpPost("{id:int}/comments/{commentId:long}/withdraw")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> WithdrawComment(int id, long commentId, CancellationToken cancellationToken)
    {
        var result = await comments.WithdrawAsync(commentId, User.RequiredUserId(), cancellationToken);
        if (result.Outcome == CommentOutcome.NotFound || result.Comment?.ThreadId != id.ToString(CultureInfo.InvariantCulture))
        {
            return NotFound();
        }
        Flash(result.Succeeded ? t["Your comment has been withdrawn."] : t["A moderator has decided on this comment: it can no longer be withdrawn."]);
        return LocalRedirect(LangPath($"ideas/{id}#comments"));
    }

    [Authorize]
    [HttpPost("{id:int}/comments/{commentId:long}/report")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> ReportComment(int id, long commentId, ReportReason reason, string? details, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(reason))
        {
            return BadRequest();
        }
        var result = await comments.ReportAsync(commentId, User.RequiredUserId(), reason, details is { Length: > 500 } ? details[..500] : details, cancellationToken);
        if (result.Outcome == CommentOutcome.NotFound)
        {
            return NotFound();
        }
        Flash(result.Outcome == CommentOutcome.AlreadyDone ? t["You have already reported this comment."] : t["Thank you. A moderator will look at this comment."]);
        return LocalRedirect(LangPath($"ideas/{id}#comments"));
    }

    private async Task<IdeaFormPage?> FormAsync(IdeaInput input, bool preview, CancellationToken cancellationToken)
    {
        Challenge? challenge = null;
        if (input.ChallengeId is { } id)
        {
            challenge = await queries.ChallengeAsync(id, cancellationToken);
            if (challenge is null)
            {
                return null;
            }
        }
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.Code).ToListAsync(cancellationToken);
        var sectors = await db.Sectors.AsNoTracking().OrderBy(s => s.SortOrder).ToListAsync(cancellationToken);
        var similar = string.IsNullOrWhiteSpace(input.Title) ? [] : await queries.SimilarAsync(input.Title, challenge?.AgencyId ?? input.AgencyId, cancellationToken);
        return new IdeaFormPage(input, challenge, agencies, sectors, similar, preview);
    }
}
