using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Models;
using EParticipation.Web.Areas.Consultations.Services;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Consultations.Controllers;

/// <summary>
/// The questionnaire builder. The legislation office builds the questionnaire of its agency's
/// consultations (domain.md); for strategies, policies, initiatives and services the agency's
/// publishers may build it too. Questions are frozen once the first answer arrives.
/// </summary>
[Area("Consultations")]
[Authorize(Policy = Policies.AgencyStaff)]
[Route(PortalRoute.Prefix + "/" + ConsultationsModule.Path + "/manage/{id:int}/questionnaire")]
public sealed class ManageQuestionnaireController(ConsultationEditor editor, TimeProvider clock, IStringLocalizer<ConsultationsResource> t) : PortalController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int id, CancellationToken cancellationToken)
    {
        var (consultation, denied) = await OwnAsync(id, cancellationToken);
        return denied ?? View(await PageAsync(consultation!, new QuestionInput { Type = QuestionType.SingleChoice }, cancellationToken));
    }

    [HttpPost("")]
    public async Task<IActionResult> Add(int id, [Bind(Prefix = "NewQuestion")] QuestionInput input, [FromServices] IValidator<QuestionInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (consultation, denied) = await OwnAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        if (await editor.IsQuestionnaireFrozenAsync(id, cancellationToken))
        {
            return Frozen(id);
        }
        if (!await validator.ValidateIntoAsync(input, ModelState, "NewQuestion"))
        {
            return View("Index", await PageAsync(consultation!, input, cancellationToken));
        }
        await editor.AddQuestionAsync(consultation!, input, cancellationToken);
        Flash(t["The question has been added."]);
        return LocalRedirect(LangPath($"consultations/manage/{id}/questionnaire"));
    }

    [HttpGet("{questionId:int}")]
    public async Task<IActionResult> Edit(int id, int questionId, CancellationToken cancellationToken)
    {
        var (consultation, question, refused) = await EditableQuestionAsync(id, questionId, cancellationToken);
        return refused ?? View(new QuestionEditPage(consultation!, QuestionInput.From(question!)));
    }

    [HttpPost("{questionId:int}")]
    public async Task<IActionResult> Edit(int id, int questionId, QuestionInput input, [FromServices] IValidator<QuestionInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (consultation, question, refused) = await EditableQuestionAsync(id, questionId, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }
        input.Id = questionId;
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            return View(new QuestionEditPage(consultation!, input));
        }
        await editor.UpdateQuestionAsync(consultation!, question!, input, cancellationToken);
        Flash(t["The question has been saved."]);
        return LocalRedirect(LangPath($"consultations/manage/{id}/questionnaire"));
    }

    [HttpPost("{questionId:int}/move")]
    public async Task<IActionResult> Move(int id, int questionId, string? direction, CancellationToken cancellationToken)
    {
        var (consultation, question, refused) = await EditableQuestionAsync(id, questionId, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }
        await editor.MoveQuestionAsync(consultation!, question!, direction == "up" ? -1 : 1, cancellationToken);
        return LocalRedirect(LangPath($"consultations/manage/{id}/questionnaire#question-{questionId}"));
    }

    [HttpPost("{questionId:int}/delete")]
    public async Task<IActionResult> Delete(int id, int questionId, CancellationToken cancellationToken)
    {
        var (consultation, question, refused) = await EditableQuestionAsync(id, questionId, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }
        await editor.DeleteQuestionAsync(consultation!, question!, cancellationToken);
        Flash(t["The question has been deleted."]);
        return LocalRedirect(LangPath($"consultations/manage/{id}/questionnaire"));
    }

    // One question of a questionnaire the user may build, while no answer has frozen it.
    private async Task<(Consultation? Consultation, Question? Question, IActionResult? Refused)> EditableQuestionAsync(int id, int questionId, CancellationToken cancellationToken)
    {
        var (consultation, denied) = await OwnAsync(id, cancellationToken);
        var question = consultation?.Questions.SingleOrDefault(q => q.Id == questionId);
        if (denied is not null || question is null)
        {
            return (null, null, denied ?? NotFound());
        }
        return await editor.IsQuestionnaireFrozenAsync(id, cancellationToken) ? (null, null, Frozen(id)) : (consultation, question, null);
    }

    /// <summary>Who may build this consultation's questionnaire: see the class summary.</summary>
    public static bool MayBuild(System.Security.Claims.ClaimsPrincipal user, Consultation consultation) => ConsultationRoles.MayDoLegislationWork(user, consultation);

    private async Task<(Consultation? Consultation, IActionResult? Denied)> OwnAsync(int id, CancellationToken cancellationToken)
    {
        var consultation = await editor.LoadAsync(id, cancellationToken);
        if (consultation is null)
        {
            return (null, NotFound());
        }
        return MayBuild(User, consultation) ? (consultation, null) : (null, DeniedForAgency(consultation.AgencyId));
    }

    private async Task<QuestionnairePage> PageAsync(Consultation consultation, QuestionInput input, CancellationToken cancellationToken) =>
        new(consultation, consultation.StatusAt(clock.GetUtcNow().UtcDateTime), consultation.Questions.OrderBy(q => q.Position).ToList(), input,
            await editor.IsQuestionnaireFrozenAsync(consultation.Id, cancellationToken), User.IsStaffOf(consultation.AgencyId, Roles.AgencyPublisher));

    private ViewResult Frozen(int id)
    {
        return MessagePage(t["The questionnaire can no longer change"], t["Participants have started answering, so the questions stay as they were answered."],
            t["Back to the questionnaire"], LangPath($"consultations/manage/{id}/questionnaire"), statusCode: StatusCodes.Status409Conflict);
    }
}
