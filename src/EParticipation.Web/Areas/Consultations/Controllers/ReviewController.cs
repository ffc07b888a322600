using System.Security.Claims;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Models;
using EParticipation.Web.Areas.Consultations.Services;
using EParticipation.Web.Platform.Comments;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Consultations.Controllers;

/// <summary>
/// The review of a closed consultation's comments: every submission with filters and search, a
/// disposition and short public response per comment or per group of near-identical comments, the
/// grouping itself, and the bulk "mark the remaining" action. Law and regulation drafts are reviewed
/// by the agency's legislation office; strategies, policies, initiatives and services by its
/// publishers (legislation reviewers may too). The consultation's agency is checked on every request.
/// </summary>
[Area("Consultations")]
[Authorize(Policy = Policies.AgencyStaff)]
[Route(PortalRoute.Prefix + "/" + ConsultationsModule.Path + "/manage")]
public sealed class ReviewController(CommentReview review, TimeProvider clock, IStringLocalizer<ConsultationsResource> t) : PortalController
{
    /// <summary>How many of a group's comments its own page lists; the comment list shows them all, a page at a time.</summary>
    public const int GroupPageMembers = 50;

    /// <summary>Who reviews this consultation's comments, exports them and writes its report: see the class summary.</summary>
    public static bool MayReview(ClaimsPrincipal user, Consultation consultation) => ConsultationRoles.MayDoLegislationWork(user, consultation);

    /// <summary>
    /// Who writes and publishes the summary report: the reviewers above and, for every kind, the
    /// agency's publishers (domain.md: publishers publish summary reports; the legislation office
    /// decides each comment's disposition, which the report then states).
    /// </summary>
    public static bool MayWriteReport(ClaimsPrincipal user, Consultation consultation) =>
        MayReview(user, consultation) || user.IsStaffOf(consultation.AgencyId, Roles.AgencyPublisher);

    /// <summary>The agency's closed and archived consultations this staff member reviews.</summary>
    [HttpGet("reviews")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var agencyId = User.AgencyId()!.Value;
        var legislation = User.IsInRole(Roles.LegislationReviewer);
        var others = legislation || User.IsInRole(Roles.AgencyPublisher);
        return View(await review.ListAsync(agencyId, legislation, others, cancellationToken));
    }

    [HttpGet("{id:int}/review")]
    public async Task<IActionResult> Review(int id, [FromQuery] ReviewQuery query, CancellationToken cancellationToken)
    {
        var (consultation, denied) = await ReviewableAsync(id, cancellationToken);
        return denied ?? View(await review.PageAsync(consultation!, consultation!.StatusAt(Now), query, cancellationToken));
    }

    [HttpPost("{id:int}/review/group")]
    public async Task<IActionResult> Group(int id, CancellationToken cancellationToken)
    {
        var (consultation, denied) = await DecidableAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        var (groups, comments) = await review.RegroupAsync(consultation!, cancellationToken);
        Flash(groups == 0 ? t["No near-identical comments were found."] : t["{0} groups of near-identical comments were found, covering {1} comments.", groups, comments]);
        return LocalRedirect(LangPath($"consultations/manage/{id}/review?view=groups"));
    }

    /// <summary>One comment with its form; where a failed save of the list's inline form lands.</summary>
    [HttpGet("{id:int}/review/comments/{commentId:long}")]
    public async Task<IActionResult> Comment(int id, long commentId, string? @return, CancellationToken cancellationToken)
    {
        var (consultation, denied) = await ReviewableAsync(id, cancellationToken);
        var item = denied is null ? await review.ItemAsync(id, commentId, cancellationToken) : null;
        if (denied is not null || item is null)
        {
            return denied ?? NotFound();
        }
        return View(new CommentReviewPage(consultation!, item, DispositionInput.From(item.Disposition, item.Response, @return, item.ReviewVersion), CanDecide(consultation!) && item.Status == CommentStatus.Published));
    }

    /// <summary>Saves a comment's disposition, then goes back to the same filtered list at the next comment still without one.</summary>
    [HttpPost("{id:int}/review/comments/{commentId:long}")]
    public async Task<IActionResult> Decide(int id, long commentId, [Bind(Prefix = "Input")] DispositionInput input, [FromServices] IValidator<DispositionInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (consultation, denied) = await DecidableAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            var item = await review.ItemAsync(id, commentId, cancellationToken);
            if (item is null)
            {
                return NotFound();
            }
            var page = View("Comment", new CommentReviewPage(consultation!, item, input, item.Status == CommentStatus.Published));
            page.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return page;
        }
        var outcome = await review.DecideAsync(consultation!, commentId, input.Disposition!.Value, input.Response, User.RequiredUserId(), input.Version, cancellationToken);
        if (outcome == DecisionOutcome.NotFound)
        {
            return NotFound();
        }
        if (outcome == DecisionOutcome.Conflict)
        {
            // Nothing was overwritten: the page shows the answer saved meanwhile above this reviewer's
            // own, kept in the form with the new version, to save again if they still mean it.
            var current = await review.ItemAsync(id, commentId, cancellationToken);
            if (current is null)
            {
                return NotFound();
            }
            input.Version = current.ReviewVersion;
            var conflict = View("Comment", new CommentReviewPage(consultation!, current, input, CanDecide: true, Conflict: true));
            conflict.StatusCode = StatusCodes.Status409Conflict;
            return conflict;
        }
        var query = ReviewQuery.Parse(input.Return);
        var next = await review.NextUndecidedAsync(id, query, commentId, cancellationToken);
        if (next is { } n)
        {
            Flash(t["The disposition of comment {0} has been saved. Next: comment {1}, the next one without a disposition.", commentId, n.Id]);
            return LocalRedirect(LangPath($"consultations/manage/{id}/review{query.ToQueryString(n.Page)}#comment-{n.Id}"));
        }
        Flash(t["The disposition of comment {0} has been saved. Every comment in this list now has a disposition.", commentId]);
        var back = await review.PageOfAsync(id, query, commentId, cancellationToken);
        return LocalRedirect(LangPath($"consultations/manage/{id}/review{query.ToQueryString(back)}#comment-{commentId}"));
    }

    [HttpGet("{id:int}/review/groups/{groupId:long}")]
    public async Task<IActionResult> GroupPage(int id, long groupId, CancellationToken cancellationToken)
    {
        var (consultation, denied) = await ReviewableAsync(id, cancellationToken);
        var group = denied is null ? await review.GroupAsync(id, groupId, GroupPageMembers, cancellationToken) : null;
        if (denied is not null || group is null)
        {
            return denied ?? NotFound();
        }
        var first = group.Value.Group.Representative;
        var input = DispositionInput.From(group.Value.Group.CommonDisposition, first?.Response ?? new(), "?view=groups");
        return View(new GroupReviewPage(consultation!, group.Value.Group, group.Value.Members, input, CanDecide(consultation!)));
    }

    /// <summary>Answers every comment of a group at once.</summary>
    [HttpPost("{id:int}/review/groups/{groupId:long}")]
    public async Task<IActionResult> DecideGroup(int id, long groupId, [Bind(Prefix = "Input")] DispositionInput input, [FromServices] IValidator<DispositionInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (consultation, denied) = await DecidableAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            var group = await review.GroupAsync(id, groupId, GroupPageMembers, cancellationToken);
            if (group is null)
            {
                return NotFound();
            }
            var page = View("GroupPage", new GroupReviewPage(consultation!, group.Value.Group, group.Value.Members, input, true));
            page.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return page;
        }
        var count = await review.DecideGroupAsync(consultation!, groupId, input.Disposition!.Value, input.Response, User.RequiredUserId(), cancellationToken);
        if (count == 0)
        {
            return NotFound();
        }
        Flash(t["The disposition and response have been given to the {0} comments of the group.", count]);
        var query = ReviewQuery.Parse(input.Return);
        return LocalRedirect(LangPath($"consultations/manage/{id}/review{query.ToQueryString(query.Page)}#group-{groupId}"));
    }

    [HttpGet("{id:int}/review/remaining")]
    public async Task<IActionResult> Remaining(int id, CancellationToken cancellationToken)
    {
        var (consultation, denied) = await DecidableAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        var counts = await review.CountsAsync(id, cancellationToken);
        return View(new RemainingPage(consultation!, counts.Undecided, new RemainingInput { Expected = counts.Undecided, Disposition = CommentDisposition.OutOfScope }));
    }

    /// <summary>Marks every comment still without a disposition the same way, after an explicit confirmation.</summary>
    [HttpPost("{id:int}/review/remaining")]
    public async Task<IActionResult> Remaining(int id, [Bind(Prefix = "Input")] RemainingInput input, [FromServices] IValidator<RemainingInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (consultation, denied) = await DecidableAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        if (await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            var (outcome, count) = await review.MarkRemainingAsync(consultation!, input.Disposition!.Value, input.Response, input.Expected, User.RequiredUserId(), cancellationToken);
            if (outcome == RemainingOutcome.Done)
            {
                Flash(t["{0} remaining comments have been marked “{1}” with your response.", count, t["disposition-" + input.Disposition]]);
                return LocalRedirect(LangPath($"consultations/manage/{id}/report"));
            }
            ModelState.AddModelError("Input." + nameof(RemainingInput.Confirm),
                t["The number of comments without a disposition has changed to {0} since this page was opened. Check the number and confirm again.", count]);
            input.Expected = count;
            input.Confirm = false;
        }
        var counts = await review.CountsAsync(id, cancellationToken);
        var result = View(new RemainingPage(consultation!, counts.Undecided, input));
        result.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return result;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private bool CanDecide(Consultation consultation) => consultation.StatusAt(Now) == ConsultationStatus.Closed;

    // The consultation, when this staff member reviews it and it has closed (closed or archived).
    private async Task<(Consultation? Consultation, IActionResult? Denied)> ReviewableAsync(int id, CancellationToken cancellationToken)
    {
        var consultation = await review.FindAsync(id, cancellationToken);
        if (consultation is null)
        {
            return (null, NotFound());
        }
        if (!MayReview(User, consultation))
        {
            return (null, DeniedForAgency(consultation.AgencyId));
        }
        return consultation.StatusAt(Now) is ConsultationStatus.Closed or ConsultationStatus.Archived
            ? (consultation, null)
            : (null, NotClosed(consultation));
    }

    // As above, and still closed: once the report is published, the decisions are frozen.
    private async Task<(Consultation? Consultation, IActionResult? Denied)> DecidableAsync(int id, CancellationToken cancellationToken)
    {
        var (consultation, denied) = await ReviewableAsync(id, cancellationToken);
        if (denied is not null)
        {
            return (null, denied);
        }
        if (consultation!.StatusAt(Now) == ConsultationStatus.Archived)
        {
            return (null, MessagePage(t["The review is closed"], t["The summary report has been published, so the dispositions and responses can no longer change."],
                t["Back to the review"], LangPath($"consultations/manage/{id}/review"), statusCode: StatusCodes.Status409Conflict));
        }
        return (consultation, null);
    }

    private ViewResult NotClosed(Consultation consultation)
    {
        return MessagePage(t["The review starts when the consultation closes"],
            t["Comments are reviewed once everyone has had their say: this consultation has not closed yet."],
            t["Back to the consultation"], LangPath($"consultations/manage/{consultation.Id}/preview"), statusCode: StatusCodes.Status409Conflict);
    }
}
