using System.Security.Claims;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Models;
using EParticipation.Web.Areas.Consultations.Services;
using EParticipation.Web.Platform.Comments;
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
/// What a signed-in participant does on a consultation: comment, edit or withdraw their comment,
/// support or report others', answer the questionnaire, follow. The services refuse anything on a
/// consultation that is not open, whatever the page showed.
/// </summary>
[Area("Consultations")]
[Authorize]
[Route(PortalRoute.Prefix + "/" + ConsultationsModule.Path)]
public sealed class ParticipationController(
    ConsultationQueries queries,
    ParticipationService participation,
    QuestionnaireService questionnaires,
    TimeProvider clock,
    IStringLocalizer<ConsultationsResource> t) : PortalController
{
    [HttpGet("{id:int}/comment")]
    public async Task<IActionResult> Comment(int id, int? article, CancellationToken cancellationToken)
    {
        var consultation = await queries.FindAsync(id, cancellationToken);
        if (consultation is null || !consultation.IsPublishedAt(Now))
        {
            return NotFound();
        }
        if (!consultation.AcceptsParticipationAt(Now))
        {
            return NotOpen(consultation);
        }
        var articles = await queries.ArticlesAsync(id, cancellationToken);
        var input = new CommentInput
        {
            ArticleId = articles.Any(a => a.Id == article) ? article : null,
            SubmissionKey = Guid.NewGuid(),
            DisplayName = User.FindFirstValue(PortalClaims.FullName),
        };
        return View(new CommentFormPage(consultation, articles, input));
    }

    [HttpPost("{id:int}/comments")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> Comment(int id, [Bind(Prefix = "NewComment")] CommentInput input, [FromServices] IValidator<CommentInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await validator.ValidateIntoAsync(input, ModelState, "NewComment"))
        {
            var shown = await queries.FindAsync(id, cancellationToken);
            if (shown is null || !shown.IsPublishedAt(Now))
            {
                return NotFound();
            }
            var articles = await queries.ArticlesAsync(id, cancellationToken);
            return View(new CommentFormPage(shown, articles, input));
        }
        // The service checks, as it stores the comment, that the consultation exists and is open
        // (not found: 404; not open: 409), so the consultation is not loaded twice on the busiest post.
        var result = await participation.AddCommentAsync(id, User.RequiredUserId(), input, cancellationToken);
        if (!result.Succeeded)
        {
            return Refused(result, result.Outcome == ParticipationOutcome.NotOpen ? await queries.FindAsync(id, cancellationToken) : null);
        }
        Flash(result.Comment?.Status == CommentStatus.Pending
            ? t["Thank you. Your comment will appear once a moderator has approved it."]
            : t["Thank you. Your comment has been published."]);
        // To the comment itself, in the participant's own list, where its status (published or
        // waiting for a moderator) shows.
        return LocalRedirect(LangPath($"consultations/{id}#my-comment-{result.Comment!.Id}"));
    }

    [HttpGet("{id:int}/comments/{commentId:long}/edit")]
    public async Task<IActionResult> EditComment(int id, long commentId, CancellationToken cancellationToken)
    {
        var page = await EditPageAsync(id, commentId, null, cancellationToken);
        return page.Result ?? View(page.Page);
    }

    [HttpPost("{id:int}/comments/{commentId:long}/edit")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> EditComment(int id, long commentId, CommentEditInput input, [FromServices] IValidator<CommentEditInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            var page = await EditPageAsync(id, commentId, input, cancellationToken);
            return page.Result ?? View(page.Page);
        }
        var result = await participation.EditCommentAsync(id, commentId, User.RequiredUserId(), input, cancellationToken);
        if (!result.Succeeded)
        {
            return Refused(result, null);
        }
        Flash(t["Your comment has been changed."]);
        return LocalRedirect(LangPath($"consultations/{id}#my-comments"));
    }

    [HttpPost("{id:int}/comments/{commentId:long}/withdraw")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> WithdrawComment(int id, long commentId, CancellationToken cancellationToken)
    {
        var result = await participation.WithdrawCommentAsync(id, commentId, User.RequiredUserId(), cancellationToken);
        if (!result.Succeeded)
        {
            return Refused(result, null);
        }
        Flash(t["Your comment has been withdrawn."]);
        return LocalRedirect(LangPath($"consultations/{id}#my-comments"));
    }

    [HttpPost("{id:int}/comments/{commentId:long}/support")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> Support(int id, long commentId, CancellationToken cancellationToken)
    {
        var result = await participation.SupportAsync(id, commentId, User.RequiredUserId(), cancellationToken);
        if (!result.Succeeded)
        {
            return Refused(result, null);
        }
        Flash(result.Outcome == ParticipationOutcome.AlreadyDone ? t["You already support this comment."] : t["Thank you for your support."]);
        return LocalRedirect(LangPath($"consultations/{id}#comment-{commentId}"));
    }

    [HttpGet("{id:int}/comments/{commentId:long}/report")]
    public async Task<IActionResult> Report(int id, long commentId, CancellationToken cancellationToken)
    {
        var page = await ReportPageAsync(id, commentId, new ReportInput(), cancellationToken);
        return page.Result ?? View(page.Page);
    }

    [HttpPost("{id:int}/comments/{commentId:long}/report")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> Report(int id, long commentId, ReportInput input, [FromServices] IValidator<ReportInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            var page = await ReportPageAsync(id, commentId, input, cancellationToken);
            return page.Result ?? View(page.Page);
        }
        var result = await participation.ReportAsync(id, commentId, User.RequiredUserId(), input, cancellationToken);
        if (!result.Succeeded)
        {
            return Refused(result, null);
        }
        Flash(result.Outcome == ParticipationOutcome.AlreadyDone
            ? t["You have already reported this comment. A moderator will review it."]
            : t["Thank you. A moderator will review the comment."]);
        return LocalRedirect(LangPath($"consultations/{id}"));
    }

    [HttpGet("{id:int}/questionnaire")]
    public async Task<IActionResult> Questionnaire(int id, CancellationToken cancellationToken)
    {
        var consultation = await queries.FindAsync(id, cancellationToken);
        if (consultation is null || !consultation.IsPublishedAt(Now) || consultation.Questions.Count == 0)
        {
            return NotFound();
        }
        if (!consultation.AcceptsParticipationAt(Now))
        {
            return NotOpen(consultation);
        }
        var form = await queries.QuestionnaireFormAsync(consultation, User.RequiredUserId(), cancellationToken);
        return View((consultation, form));
    }

    [HttpPost("{id:int}/questionnaire")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> AnswerQuestionnaire(int id, CancellationToken cancellationToken)
    {
        var consultation = await queries.FindAsync(id, cancellationToken);
        if (consultation is null || !consultation.IsPublishedAt(Now) || consultation.Questions.Count == 0)
        {
            return NotFound();
        }
        var form = await Request.ReadFormAsync(cancellationToken);
        var submission = questionnaires.Read(consultation.Questions, name => form[name]);
        if (!submission.IsValid)
        {
            foreach (var (field, message) in submission.Errors)
            {
                ModelState.AddModelError(field, message);
            }
            return View("Questionnaire", (consultation, new QuestionnaireForm(consultation.Questions, submission.Values, false, null)));
        }
        var result = await questionnaires.SaveAnswersAsync(id, User.RequiredUserId(), submission.Answers, cancellationToken);
        if (!result.Succeeded)
        {
            return Refused(result, consultation);
        }
        Flash(result.Outcome == ParticipationOutcome.AlreadyDone
            ? t["Your answers have been changed."]
            : t["Thank you. Your answers have been saved. You can change them until the consultation closes."]);
        return LocalRedirect(LangPath($"consultations/{id}#questionnaire"));
    }

    [HttpPost("{id:int}/follow")]
    public async Task<IActionResult> Follow(int id, CancellationToken cancellationToken)
    {
        var consultation = await queries.FindAsync(id, cancellationToken);
        if (consultation is null || !consultation.IsPublishedAt(Now))
        {
            return NotFound();
        }
        await participation.FollowAsync(User.RequiredUserId(), id, cancellationToken);
        Flash(t["You are following this consultation. We will email you about changes to it and its report."]);
        return LocalRedirect(LangPath($"consultations/{id}"));
    }

    [HttpPost("{id:int}/unfollow")]
    public async Task<IActionResult> Unfollow(int id, CancellationToken cancellationToken)
    {
        await participation.UnfollowAsync(User.RequiredUserId(), id, cancellationToken);
        Flash(t["You no longer follow this consultation."]);
        return LocalRedirect(LangPath($"consultations/{id}"));
    }

    [HttpGet("my-participation")]
    public async Task<IActionResult> MyParticipation(int? page, CancellationToken cancellationToken) =>
        View(await queries.MyParticipationAsync(User.RequiredUserId(), PagingExtensions.ClampPage(page), cancellationToken));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<(IActionResult? Result, CommentEditPage? Page)> EditPageAsync(int id, long commentId, CommentEditInput? input, CancellationToken cancellationToken)
    {
        var consultation = await queries.FindAsync(id, cancellationToken);
        var comment = consultation is null ? null : await queries.CommentAsync(commentId, cancellationToken);
        if (consultation is null || comment is null || comment.ConsultationId != id || comment.Status == CommentStatus.Withdrawn)
        {
            return (NotFound(), null);
        }
        if (comment.AuthorId != User.RequiredUserId())
        {
            return (Forbid(), null);
        }
        if (!consultation.AcceptsParticipationAt(Now))
        {
            return (NotOpen(consultation), null);
        }
        if (!comment.AuthorMayChange)
        {
            return (Refused(new ParticipationResult(ParticipationOutcome.AlreadyModerated), consultation), null);
        }
        input ??= new CommentEditInput { DisplayName = comment.DisplayName, Body = comment.Body };
        return (null, new CommentEditPage(consultation, comment, comment.Article?.Number, input));
    }

    private async Task<(IActionResult? Result, ReportPage? Page)> ReportPageAsync(int id, long commentId, ReportInput input, CancellationToken cancellationToken)
    {
        var consultation = await queries.FindAsync(id, cancellationToken);
        var comment = consultation is null ? null : await queries.CommentAsync(commentId, cancellationToken);
        if (consultation is null || comment is null || comment.ConsultationId != id || comment.Status != CommentStatus.Published)
        {
            return (NotFound(), null);
        }
        if (!consultation.AcceptsParticipationAt(Now))
        {
            return (NotOpen(consultation), null);
        }
        if (comment.AuthorId == User.RequiredUserId())
        {
            return (Refused(new ParticipationResult(ParticipationOutcome.OwnComment), consultation), null);
        }
        var view = new CommentView(comment.Id, comment.ConsultationId, comment.ArticleId, comment.DisplayName, comment.Body, comment.CreatedAt, comment.EditedAt, comment.SupportCount, comment.Status);
        return (null, new ReportPage(consultation, view, input));
    }

    private ViewResult NotOpen(Consultation consultation) =>
        MessagePage(t["This consultation is not open"],
            consultation.StatusAt(Now) == ConsultationStatus.Planned
                ? t["Comments and answers are accepted once the consultation opens."]
                : t["This consultation has closed: comments and answers are no longer accepted."],
            t["Back to the consultation"], LangPath($"consultations/{consultation.Id}"), statusCode: StatusCodes.Status409Conflict);

    // A refusal the participant can understand; the status code tells scripts and tests what happened.
    private IActionResult Refused(ParticipationResult result, Consultation? consultation)
    {
        var back = consultation is null ? LangPath("consultations") : LangPath($"consultations/{consultation.Id}");
        ViewResult Message(string title, string message, int status) => MessagePage(title, message, t["Back to the consultation"], back, statusCode: status);
        return result.Outcome switch
        {
            ParticipationOutcome.NotOpen when consultation is not null => NotOpen(consultation),
            ParticipationOutcome.NotOpen => Message(t["This consultation is not open"], t["This consultation has closed: comments and answers are no longer accepted."], StatusCodes.Status409Conflict),
            ParticipationOutcome.NotYours => Forbid(),
            ParticipationOutcome.AlreadyModerated => Message(t["This comment can no longer be changed"], t["A moderator has already reviewed this comment, so it can no longer be edited or withdrawn."], StatusCodes.Status409Conflict),
            ParticipationOutcome.OwnComment => Message(t["This is your own comment"], t["You cannot support or report your own comment."], StatusCodes.Status409Conflict),
            _ => NotFound(),
        };
    }
}
