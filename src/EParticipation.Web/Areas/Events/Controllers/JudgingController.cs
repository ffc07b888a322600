using EParticipation.Web.Areas.Events.Domain;
using EParticipation.Web.Areas.Events.Models;
using EParticipation.Web.Areas.Events.Services;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Participation;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Events.Controllers;

/// <summary>
/// Staff's hackathon screens. The agency's publishers set the judging criteria (while the event is
/// upcoming), name judges among the agency's staff, see the ranking, publish the results and link a
/// winner to an idea. Judges score every submission per criterion with feedback and see only their
/// own scores. Another agency's event, or an event the staff member does not judge, answers 404.
/// </summary>
[Area("Events")]
[Authorize(Policy = Policies.AgencyStaff)]
[Route(PortalRoute.Prefix + "/" + EventsModule.Path + "/manage/{id:int}")]
public sealed class JudgingController(
    AppDbContext db,
    Hackathons hackathons,
    TimeProvider clock,
    IStringLocalizer<EventsResource> t) : PortalController
{
    [HttpGet("hackathon")]
    [Authorize(Policy = Policies.AgencyPublisher)]
    public async Task<IActionResult> Index(int id, CancellationToken cancellationToken)
    {
        var (e, denied) = await OwnAsync(id, Roles.AgencyPublisher, cancellationToken);
        return denied ?? View(await ManagePageAsync(e!, new CriterionInput(), cancellationToken));
    }

    [HttpPost("hackathon/criteria")]
    [Authorize(Policy = Policies.AgencyPublisher)]
    public async Task<IActionResult> AddCriterion(int id, [Bind(Prefix = "NewCriterion")] CriterionInput input, [FromServices] IValidator<CriterionInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (e, denied) = await OwnAsync(id, Roles.AgencyPublisher, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        if (!e!.CriteriaEditableAt(Now))
        {
            return CriteriaLocked(e);
        }
        if (!await validator.ValidateIntoAsync(input, ModelState, "NewCriterion"))
        {
            return WithStatus(View("Index", await ManagePageAsync(e, input, cancellationToken)), StatusCodes.Status422UnprocessableEntity);
        }
        var result = await hackathons.AddCriterionAsync(e, input, cancellationToken);
        if (result.Outcome == HackathonOutcome.Closed)
        {
            return CriteriaLocked(e);
        }
        Flash(t["The criterion has been added."]);
        return LocalRedirect(LangPath($"events/manage/{id}/hackathon"));
    }

    [HttpGet("hackathon/criteria/{criterionId:int}")]
    [Authorize(Policy = Policies.AgencyPublisher)]
    public async Task<IActionResult> EditCriterion(int id, int criterionId, CancellationToken cancellationToken)
    {
        var (e, denied) = await OwnAsync(id, Roles.AgencyPublisher, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        var criterion = await db.HackathonCriteria.AsNoTracking().SingleOrDefaultAsync(c => c.Id == criterionId && c.EventId == id, cancellationToken);
        return criterion is null ? NotFound() : View(new CriterionEditPage(e!, criterionId, CriterionInput.From(criterion)));
    }

    [HttpPost("hackathon/criteria/{criterionId:int}")]
    [Authorize(Policy = Policies.AgencyPublisher)]
    public async Task<IActionResult> EditCriterion(int id, int criterionId, [Bind(Prefix = "Input")] CriterionInput input, [FromServices] IValidator<CriterionInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (e, denied) = await OwnAsync(id, Roles.AgencyPublisher, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        if (!await db.HackathonCriteria.AnyAsync(c => c.Id == criterionId && c.EventId == id, cancellationToken))
        {
            return NotFound();
        }
        if (!e!.CriteriaEditableAt(Now))
        {
            return CriteriaLocked(e);
        }
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            return WithStatus(View(new CriterionEditPage(e, criterionId, input)), StatusCodes.Status422UnprocessableEntity);
        }
        var result = await hackathons.UpdateCriterionAsync(e, criterionId, input, cancellationToken);
        switch (result.Outcome)
        {
            case HackathonOutcome.Done:
                Flash(t["The criterion has been saved."]);
                return LocalRedirect(LangPath($"events/manage/{id}/hackathon"));
            case HackathonOutcome.Conflict:
                var current = await db.HackathonCriteria.AsNoTracking().SingleOrDefaultAsync(c => c.Id == criterionId, cancellationToken);
                if (current is null)
                {
                    return NotFound();
                }
                input.Version = current.Version;
                return WithStatus(View(new CriterionEditPage(e, criterionId, input) { Conflict = true }), StatusCodes.Status409Conflict);
            case HackathonOutcome.Closed:
                return CriteriaLocked(e);
            default:
                return NotFound();
        }
    }

    [HttpPost("hackathon/criteria/{criterionId:int}/delete")]
    [Authorize(Policy = Policies.AgencyPublisher)]
    public async Task<IActionResult> DeleteCriterion(int id, int criterionId, CancellationToken cancellationToken)
    {
        var (e, denied) = await OwnAsync(id, Roles.AgencyPublisher, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        var result = await hackathons.DeleteCriterionAsync(e!, criterionId, cancellationToken);
        if (result.Outcome == HackathonOutcome.Closed)
        {
            return CriteriaLocked(e!);
        }
        if (result.Outcome != HackathonOutcome.Done)
        {
            return NotFound();
        }
        Flash(t["The criterion has been removed."]);
        return LocalRedirect(LangPath($"events/manage/{id}/hackathon"));
    }

    [HttpPost("hackathon/judges")]
    [Authorize(Policy = Policies.AgencyPublisher)]
    public async Task<IActionResult> AddJudge(int id, string? judgeEmail, CancellationToken cancellationToken)
    {
        var (e, denied) = await OwnAsync(id, Roles.AgencyPublisher, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        var result = await hackathons.AddJudgeAsync(e!, judgeEmail ?? "", cancellationToken);
        switch (result.Outcome)
        {
            case HackathonOutcome.Done:
                Flash(t["The judge has been added."]);
                return LocalRedirect(LangPath($"events/manage/{id}/hackathon#judges"));
            case HackathonOutcome.Already:
                Flash(t["This person is already a judge of the event."]);
                return LocalRedirect(LangPath($"events/manage/{id}/hackathon#judges"));
            default:
                ModelState.AddModelError("judgeEmail", t["No staff account of your agency has this email address."]);
                return WithStatus(View("Index", await ManagePageAsync(e!, new CriterionInput(), cancellationToken)), StatusCodes.Status422UnprocessableEntity);
        }
    }

    [HttpPost("hackathon/judges/{judgeId:int}/delete")]
    [Authorize(Policy = Policies.AgencyPublisher)]
    public async Task<IActionResult> RemoveJudge(int id, int judgeId, CancellationToken cancellationToken)
    {
        var (e, denied) = await OwnAsync(id, Roles.AgencyPublisher, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        if ((await hackathons.RemoveJudgeAsync(e!, judgeId, cancellationToken)).Outcome != HackathonOutcome.Done)
        {
            return NotFound();
        }
        Flash(t["The judge has been removed."]);
        return LocalRedirect(LangPath($"events/manage/{id}/hackathon#judges"));
    }

    [HttpPost("hackathon/publish")]
    [Authorize(Policy = Policies.AgencyPublisher)]
    public async Task<IActionResult> Publish(int id, CancellationToken cancellationToken)
    {
        var (e, denied) = await OwnAsync(id, Roles.AgencyPublisher, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        var result = await hackathons.PublishAsync(e!, cancellationToken);
        switch (result.Outcome)
        {
            case HackathonOutcome.TooEarly:
                return MessagePage(t["The results cannot be published yet"], t["Results are published after the submission deadline."], t["Back to judging and results"], LangPath($"events/manage/{id}/hackathon"), StatusCodes.Status409Conflict);
            case HackathonOutcome.Already:
                Flash(t["The results were already published."]);
                break;
            default:
                Flash(t["The results have been published and every team has been emailed."]);
                break;
        }
        return LocalRedirect(LangPath($"events/manage/{id}/hackathon#results"));
    }

    [HttpPost("hackathon/submissions/{submissionId:int}/idea")]
    [Authorize(Policy = Policies.AgencyPublisher)]
    public async Task<IActionResult> LinkIdea(int id, int submissionId, string? ideaId, CancellationToken cancellationToken)
    {
        var (e, denied) = await OwnAsync(id, Roles.AgencyPublisher, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        int? wanted = null;
        if (!string.IsNullOrWhiteSpace(ideaId))
        {
            // An id, or the idea's address ("…/ideas/42").
            var digits = ideaId.Trim().TrimEnd('/').Split('/').Last();
            if (!int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                return IdeaProblem(e!, t["Enter the number of a published idea, or its address."]);
            }
            wanted = parsed;
        }
        var result = await hackathons.LinkIdeaAsync(e!, submissionId, wanted, HttpContext.RequestServices.GetService<IIdeaDirectory>(), cancellationToken);
        switch (result.Outcome)
        {
            case HackathonOutcome.Done:
                Flash(wanted is null ? t["The link to the idea has been removed."] : t["The winning result now links to the idea."]);
                return LocalRedirect(LangPath($"events/manage/{id}/hackathon#results"));
            case HackathonOutcome.NotAWinner:
                return NotFound();
            default:
                if (!await db.HackathonSubmissions.AnyAsync(s => s.Id == submissionId && s.EventId == id, cancellationToken))
                {
                    return NotFound();
                }
                return IdeaProblem(e!, t["There is no published idea with the number {0}.", wanted ?? 0]);
        }
    }

    [HttpGet("judging")]
    public async Task<IActionResult> Judging(int id, CancellationToken cancellationToken)
    {
        var (e, denied) = await JudgeAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        var me = User.RequiredUserId();
        var rows = await db.HackathonSubmissions.AsNoTracking().Include(s => s.Registration).ThenInclude(r => r!.Attendees)
            .Where(s => s.EventId == id).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var reviewed = await db.HackathonReviews.Where(r => r.JudgeId == me && db.HackathonSubmissions.Any(s => s.Id == r.SubmissionId && s.EventId == id))
            .Select(r => r.SubmissionId).ToListAsync(cancellationToken);
        var criteria = await db.HackathonCriteria.CountAsync(c => c.EventId == id, cancellationToken);
        return View(new JudgingPage(e!, rows.Select(s => new JudgingRow(s, Hackathons.TeamName(s.Registration!), reviewed.Contains(s.Id))).ToList(), criteria));
    }

    [HttpGet("judging/{submissionId:int}")]
    public async Task<IActionResult> Review(int id, int submissionId, CancellationToken cancellationToken)
    {
        var (e, denied) = await JudgeAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        var submission = await hackathons.SubmissionAsync(id, submissionId, cancellationToken);
        if (submission is null)
        {
            return NotFound();
        }
        var review = await hackathons.ReviewAsync(submissionId, User.RequiredUserId(), cancellationToken);
        var criteria = await hackathons.CriteriaAsync(id, cancellationToken);
        var input = new ReviewInput
        {
            Version = review?.Version ?? 0,
            Feedback = review?.Feedback,
            Scores = criteria.ToDictionary(c => c.Id, c => review?.Scores.SingleOrDefault(s => s.CriterionId == c.Id)?.Score),
        };
        return View(new ReviewPage(e!, submission, Hackathons.TeamName(submission.Registration!), criteria, input, e!.ResultsPublishedAt is not null));
    }

    [HttpPost("judging/{submissionId:int}")]
    public async Task<IActionResult> Review(int id, int submissionId, [Bind(Prefix = "Input")] ReviewInput input, [FromServices] IValidator<ReviewInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (e, denied) = await JudgeAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        var submission = await hackathons.SubmissionAsync(id, submissionId, cancellationToken);
        if (submission is null)
        {
            return NotFound();
        }
        var criteria = await hackathons.CriteriaAsync(id, cancellationToken);
        var team = Hackathons.TeamName(submission.Registration!);
        if (e!.ResultsPublishedAt is not null)
        {
            return ReviewsClosed(e);
        }
        var valid = await validator.ValidateIntoAsync(input, ModelState, "Input");
        foreach (var c in criteria)
        {
            if (!input.Scores.TryGetValue(c.Id, out var score) || score is null || score < 0 || score > c.MaxScore)
            {
                ModelState.AddModelError($"Input.Scores[{c.Id}]", t["Give “{0}” a score from 0 to {1}.", c.Name.Current, c.MaxScore]);
                valid = false;
            }
        }
        if (!valid)
        {
            return WithStatus(View(new ReviewPage(e, submission, team, criteria, input, false)), StatusCodes.Status422UnprocessableEntity);
        }
        var result = await hackathons.SaveReviewAsync(e, submission, User.RequiredUserId(), criteria, input, cancellationToken);
        switch (result.Outcome)
        {
            case HackathonOutcome.Done:
                Flash(t["Your scores and feedback have been saved."]);
                return LocalRedirect(LangPath($"events/manage/{id}/judging"));
            case HackathonOutcome.Conflict:
                input.Version = (await hackathons.ReviewAsync(submissionId, User.RequiredUserId(), cancellationToken))?.Version ?? 0;
                return WithStatus(View(new ReviewPage(e, submission, team, criteria, input, false) { Conflict = true }), StatusCodes.Status409Conflict);
            default:
                return ReviewsClosed(e);
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<(PortalEvent? Event, IActionResult? Denied)> OwnAsync(int id, string? role, CancellationToken cancellationToken)
    {
        var e = await db.Events.AsNoTracking().Include(x => x.Agency).SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (e is null || e.Kind != EventKind.Hackathon)
        {
            return (null, NotFound());
        }
        var allowed = role is null ? User.IsStaffOf(e.AgencyId) : User.IsStaffOf(e.AgencyId, role);
        return allowed ? (e, null) : (null, DeniedForAgency(e.AgencyId));
    }

    /// <summary>The event, when the signed-in staff member is one of its judges; 404 otherwise.</summary>
    private async Task<(PortalEvent? Event, IActionResult? Denied)> JudgeAsync(int id, CancellationToken cancellationToken)
    {
        var (e, denied) = await OwnAsync(id, null, cancellationToken);
        if (denied is not null)
        {
            return (null, NotFound());
        }
        return await hackathons.IsJudgeAsync(id, User.RequiredUserId(), cancellationToken) ? (e, null) : (null, NotFound());
    }

    private async Task<HackathonManagePage> ManagePageAsync(PortalEvent e, CriterionInput input, CancellationToken cancellationToken)
    {
        var criteria = await hackathons.CriteriaAsync(e.Id, cancellationToken);
        var judges = (await hackathons.JudgesAsync(e.Id, cancellationToken)).Select(j => new JudgeRow(j.Judge.Id, j.Name, j.Email)).ToList();
        var ranking = await hackathons.RankingAsync(e.Id, cancellationToken);
        var ideas = new Dictionary<int, ParticipationLink>();
        if (HttpContext.RequestServices.GetService<IIdeaDirectory>() is { } directory)
        {
            foreach (var r in ranking.Where(r => r.Submission.IdeaId is not null))
            {
                if (await directory.FindAsync(r.Submission.IdeaId!.Value, cancellationToken) is { } idea)
                {
                    ideas[r.Submission.Id] = idea;
                }
            }
        }
        var now = Now;
        var canPublish = e.ResultsPublishedAt is null && e.SubmissionsCloseAt is { } close && now >= close;
        return new HackathonManagePage(e, criteria, judges, ranking, e.CriteriaEditableAt(now), canPublish, input, ideas);
    }

    private ViewResult IdeaProblem(PortalEvent e, string message) =>
        MessagePage(t["The idea could not be linked"], message, t["Back to judging and results"], LangPath($"events/manage/{e.Id}/hackathon#results"), StatusCodes.Status422UnprocessableEntity);

    private ViewResult CriteriaLocked(PortalEvent e) =>
        MessagePage(t["The criteria can no longer change"], t["The judging criteria are fixed once the hackathon starts: teams work to the criteria they were shown."], t["Back to judging and results"], LangPath($"events/manage/{e.Id}/hackathon"), StatusCodes.Status409Conflict);

    private ViewResult ReviewsClosed(PortalEvent e) =>
        MessagePage(t["The results are published"], t["Scores and feedback no longer change once the results are published."], t["Back to the submissions"], LangPath($"events/manage/{e.Id}/judging"), StatusCodes.Status409Conflict);

    private static ViewResult WithStatus(ViewResult view, int status)
    {
        view.StatusCode = status;
        return view;
    }
}
