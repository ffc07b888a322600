using EParticipation.Web.Areas.Events.Domain;
using EParticipation.Web.Areas.Events.Models;
using EParticipation.Web.Areas.Events.Services;
using EParticipation.Web.Platform.Attachments;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Security;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Events.Controllers;

/// <summary>
/// A hackathon team's own submission: its leader and members write it until the deadline, then it
/// is read-only; once the results are published the team reads the judges' feedback here. Anyone
/// who is not in the team answers 404, for the page and for its files (judges and the agency's
/// staff download the files too).
/// </summary>
[Area("Events")]
[Authorize]
[Route(PortalRoute.Prefix + "/" + EventsModule.Path + "/{id:int}")]
public sealed class HackathonController(
    EventQueries queries,
    Hackathons hackathons,
    TimeProvider clock,
    IStringLocalizer<EventsResource> t) : PortalController
{
    [HttpGet("submission")]
    public async Task<IActionResult> Submission(int id, CancellationToken cancellationToken)
    {
        var (e, team) = await TeamAsync(id, cancellationToken);
        if (e is null || team is null)
        {
            return NotFound();
        }
        var submission = await hackathons.SubmissionOfAsync(team.Id, cancellationToken);
        var input = new SubmissionInput { Version = submission?.Version ?? 0, Title = submission?.Title, Summary = submission?.Summary, Link = submission?.Link };
        return View(await PageAsync(e, team, submission, input, cancellationToken));
    }

    [HttpPost("submission")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> Submission(int id, [Bind(Prefix = "Input")] SubmissionInput input, [FromServices] IValidator<SubmissionInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (e, team) = await TeamAsync(id, cancellationToken);
        if (e is null || team is null)
        {
            return NotFound();
        }
        if (!e.AcceptsSubmissionsAt(Now))
        {
            return Closed(e);
        }
        var submission = await hackathons.SubmissionOfAsync(team.Id, cancellationToken);
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            return WithStatus(View(await PageAsync(e, team, submission, input, cancellationToken)), StatusCodes.Status422UnprocessableEntity);
        }
        var result = await hackathons.SaveSubmissionAsync(e, team, input, User.RequiredUserId(), cancellationToken);
        switch (result.Outcome)
        {
            case HackathonOutcome.Done:
                Flash(t["Your team's submission has been saved. You can change it until the deadline."]);
                return LocalRedirect(LangPath($"events/{id}/submission"));
            case HackathonOutcome.Closed:
                return Closed(e);
            case HackathonOutcome.Conflict:
                var current = await hackathons.SubmissionOfAsync(team.Id, cancellationToken);
                input.Version = current?.Version ?? 0;
                return WithStatus(View(await PageAsync(e, team, current, input, cancellationToken) with { Conflict = true }), StatusCodes.Status409Conflict);
            default:
                ModelState.AddModelError("Input.Files", result.Outcome == HackathonOutcome.TooManyFiles
                    ? t["Attach at most {0} files.", SubmissionInputValidator.MaxFiles]
                    : result.Problem switch
                    {
                        AttachmentProblem.TooLarge => t["The file {0} is too large.", result.FileName ?? ""],
                        AttachmentProblem.Empty => t["The file {0} is empty.", result.FileName ?? ""],
                        AttachmentProblem.StorageUnavailable => t["The file could not be stored just now. Please try again later."],
                        _ => t["The file {0} is not a PDF, Word, Excel, PowerPoint, PNG or JPEG file.", result.FileName ?? ""],
                    });
                return WithStatus(View(await PageAsync(e, team, submission, input, cancellationToken)), StatusCodes.Status422UnprocessableEntity);
        }
    }

    [HttpPost("submission/files/{fileId:int}/delete")]
    public async Task<IActionResult> DeleteFile(int id, int fileId, CancellationToken cancellationToken)
    {
        var (e, team) = await TeamAsync(id, cancellationToken);
        if (e is null || team is null)
        {
            return NotFound();
        }
        var result = await hackathons.DeleteFileAsync(e, team, fileId, cancellationToken);
        if (result.Outcome == HackathonOutcome.Closed)
        {
            return Closed(e);
        }
        if (result.Outcome != HackathonOutcome.Done)
        {
            return NotFound();
        }
        Flash(t["The file has been removed."]);
        return LocalRedirect(LangPath($"events/{id}/submission"));
    }

    /// <summary>A submission's file: for its team, the event's judges and the agency's staff; 404 for anyone else.</summary>
    [HttpGet("submissions/{submissionId:int}/files/{fileId:int}")]
    public async Task<IActionResult> File(int id, int submissionId, int fileId, [FromServices] AttachmentStore store, CancellationToken cancellationToken)
    {
        var e = await queries.FindAsync(id, cancellationToken);
        var submission = e is null ? null : await hackathons.SubmissionAsync(id, submissionId, cancellationToken);
        if (e is null || submission is null)
        {
            return NotFound();
        }
        var userId = User.RequiredUserId();
        var allowed = submission.Registration!.Status == RegistrationStatus.Confirmed && submission.Registration.Attendees.Any(a => a.UserId == userId)
            || User.IsStaffOf(e.AgencyId);
        var file = submission.Files.SingleOrDefault(f => f.Id == fileId);
        return !allowed || file is null ? NotFound() : store.Download(file.StorageKey, file.FileName, file.ContentType, Response);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<(PortalEvent? Event, EventRegistration? Team)> TeamAsync(int id, CancellationToken cancellationToken)
    {
        var e = await queries.FindAsync(id, cancellationToken);
        if (e is null || !e.TakesSubmissions)
        {
            return (null, null);
        }
        return (e, await hackathons.TeamOfAsync(id, User.RequiredUserId(), cancellationToken));
    }

    private async Task<SubmissionPage> PageAsync(PortalEvent e, EventRegistration team, HackathonSubmission? submission, SubmissionInput input, CancellationToken cancellationToken)
    {
        IReadOnlyList<string>? feedback = e.ResultsPublishedAt is not null && submission is not null
            ? await hackathons.FeedbackAsync(submission.Id, cancellationToken)
            : null;
        return new SubmissionPage(e, team, submission, input, await hackathons.CriteriaAsync(e.Id, cancellationToken), e.AcceptsSubmissionsAt(Now), feedback)
        {
            NotYetOpen = Now < e.StartsAt,
        };
    }

    private ViewResult Closed(PortalEvent e) =>
        e.SubmissionsCloseAt is { } close && Now >= close
            ? MessagePage(t["Submissions are closed"], t["The deadline for submissions was {0}. Your team's submission can no longer be changed.", DualDate.FormatWithTime(close, Lang)], t["Back to your team's submission"], LangPath($"events/{e.Id}/submission"), StatusCodes.Status409Conflict)
            : MessagePage(t["Submissions are not open yet"], t["Teams submit their results from the start of the hackathon, {0}.", DualDate.FormatWithTime(e.StartsAt, Lang)], t["Back to the event"], LangPath($"events/{e.Id}"), StatusCodes.Status409Conflict);

    private static ViewResult WithStatus(ViewResult view, int status)
    {
        view.StatusCode = status;
        return view;
    }
}
