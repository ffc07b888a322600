using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Models;
using EParticipation.Web.Areas.Consultations.Services;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Consultations.Controllers;

/// <summary>
/// The summary report editor: the narrative (bilingual Markdown) and each article's final text, a
/// preview of the public page, and publication. Written and published by the agency's publishers or
/// by whoever reviews the consultation (the legislation office for laws and regulations); publishing
/// still needs every comment to have the reviewers' disposition. Editable while the consultation is closed; publishing archives it and the
/// report is frozen from then on.
/// </summary>
[Area("Consultations")]
[Authorize(Policy = Policies.AgencyStaff)]
[Route(PortalRoute.Prefix + "/" + ConsultationsModule.Path + "/manage/{id:int}/report")]
public sealed class ManageReportController(CommentReview review, SummaryReports reports, TimeProvider clock, IStringLocalizer<ConsultationsResource> t) : PortalController
{
    [HttpGet("")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var (consultation, denied) = await OwnAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        var report = await reports.FindAsync(id, cancellationToken);
        var articles = await reports.ArticlesAsync(id, cancellationToken);
        return View(await EditPageAsync(consultation!, SummaryReports.InputFrom(report, articles), new PublishInput(), articles, report, cancellationToken));
    }

    [HttpPost("")]
    public async Task<IActionResult> Save(int id, [Bind(Prefix = "Input")] SummaryReportInput input, [FromServices] IValidator<SummaryReportInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (consultation, denied) = await OwnAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        if (Frozen(consultation!) is { } frozen)
        {
            return frozen;
        }
        var articles = await reports.ArticlesAsync(id, cancellationToken);
        // The form lists every article; an id that is not one of them is ignored by the service.
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            var page = View("Edit", await EditPageAsync(consultation!, input, new PublishInput(), articles, await reports.FindAsync(id, cancellationToken), cancellationToken));
            page.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return page;
        }
        if (!await reports.SaveAsync(consultation!, input, User.RequiredUserId(), cancellationToken))
        {
            // Nothing overwritten: the page shows the other save, and keeps this editor's text in the
            // form with the new version, to save again on purpose.
            var current = await reports.FindAsync(id, cancellationToken);
            input.Version = current?.Version ?? 0;
            var conflictPage = await EditPageAsync(consultation!, input, new PublishInput(), articles, current, cancellationToken);
            var conflict = View("Edit", conflictPage with { Conflict = current is null ? null : new ReportConflict(current, await reports.LastEditorAsync(current, cancellationToken)) });
            conflict.StatusCode = StatusCodes.Status409Conflict;
            return conflict;
        }
        Flash(t["The report has been saved. It is not public until you publish it."]);
        return LocalRedirect(LangPath($"consultations/manage/{id}/report"));
    }

    /// <summary>The public report page as it will look, with the responses, before publication.</summary>
    [HttpGet("preview")]
    public async Task<IActionResult> Preview(int id, int? article, int? page, CancellationToken cancellationToken)
    {
        var (consultation, denied) = await OwnAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        var report = await reports.FindAsync(id, cancellationToken) ?? new ConsultationReport { ConsultationId = id };
        return View("~/Areas/Consultations/Views/Report/Show.cshtml",
            await reports.PageAsync(consultation!, report, article, PagingExtensions.ClampPage(page), preview: true, cancellationToken));
    }

    [HttpPost("publish")]
    public async Task<IActionResult> Publish(int id, [Bind(Prefix = "Publish")] PublishInput input, [FromServices] IValidator<PublishInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (consultation, denied) = await OwnAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        if (Frozen(consultation!) is { } frozen)
        {
            return frozen;
        }
        if (await validator.ValidateIntoAsync(input, ModelState, "Publish"))
        {
            var (outcome, count) = await reports.PublishAsync(id, User.RequiredUserId(), cancellationToken);
            switch (outcome)
            {
                case PublishOutcome.Published:
                    Flash(t["The summary report has been published and the consultation archived. Its {0} follower is being told by email.|The summary report has been published and the consultation archived. Its {0} followers are being told by email."].ForCount(count));
                    return LocalRedirect(LangPath($"consultations/{id}/report"));
                case PublishOutcome.Undecided:
                    ModelState.AddModelError("Publish." + nameof(PublishInput.Confirm), t["{0} published comment has no disposition yet. Give it a disposition, or mark the remaining ones in bulk, before publishing.|{0} published comments have no disposition yet. Give each one a disposition, or mark the remaining ones in bulk, before publishing."].ForCount(count));
                    break;
                case PublishOutcome.NoNarrative:
                    ModelState.AddModelError("Publish." + nameof(PublishInput.Confirm), t["Write and save the report's narrative before publishing."]);
                    break;
                case PublishOutcome.AwaitingModeration:
                    ModelState.AddModelError("Publish." + nameof(PublishInput.Confirm), t["{0} comment still waits for a moderator's decision. Ask the moderators to approve or reject it before publishing.|{0} comments still wait for a moderator's decision. Ask the moderators to approve or reject them before publishing."].ForCount(count));
                    break;
                default:
                    return (IActionResult?)Frozen(consultation!) ?? NotFound();
            }
        }
        var report = await reports.FindAsync(id, cancellationToken);
        var articles = await reports.ArticlesAsync(id, cancellationToken);
        var result = View("Edit", await EditPageAsync(consultation!, SummaryReports.InputFrom(report, articles), input, articles, report, cancellationToken));
        result.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return result;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<ReportEditPage> EditPageAsync(Consultation consultation, SummaryReportInput input, PublishInput publish, IReadOnlyList<Article> articles, ConsultationReport? report, CancellationToken cancellationToken)
    {
        var counts = await review.CountsAsync(consultation.Id, cancellationToken);
        return new ReportEditPage(consultation, consultation.StatusAt(Now), articles, input, publish, counts.Undecided, counts.AwaitingModeration,
            await reports.FollowersAsync(consultation.Id, cancellationToken), report is { Narrative.IsEmpty: false });
    }

    private async Task<(Consultation? Consultation, IActionResult? Denied)> OwnAsync(int id, CancellationToken cancellationToken)
    {
        var consultation = await review.FindAsync(id, cancellationToken);
        if (consultation is null)
        {
            return (null, NotFound());
        }
        if (!ReviewController.MayWriteReport(User, consultation))
        {
            return (null, DeniedForAgency(consultation.AgencyId));
        }
        if (consultation.StatusAt(Now) is not (ConsultationStatus.Closed or ConsultationStatus.Archived))
        {
            return (null, MessagePage(t["The report is written after the consultation closes"],
                t["Comments are reviewed once everyone has had their say: this consultation has not closed yet."],
                t["Back to the consultation"], LangPath($"consultations/manage/{id}/preview"), statusCode: StatusCodes.Status409Conflict));
        }
        return (consultation, null);
    }

    // A published report is frozen; a correction would be a new version of it (not built yet).
    private ViewResult? Frozen(Consultation consultation)
    {
        if (consultation.StatusAt(Now) != ConsultationStatus.Archived)
        {
            return null;
        }
        return MessagePage(t["The report has been published"], t["A published report cannot be changed."],
            t["Read the summary report"], LangPath($"consultations/{consultation.Id}/report"), statusCode: StatusCodes.Status409Conflict);
    }
}
