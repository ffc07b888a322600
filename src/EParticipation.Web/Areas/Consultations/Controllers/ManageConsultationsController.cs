using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Models;
using EParticipation.Web.Areas.Consultations.Services;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Attachments;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Consultations.Controllers;

/// <summary>
/// Agency publishers' screens: their agency's consultations, details and schedule, the draft's
/// articles, documents, and a preview. Every consultation asked for by id is loaded and checked
/// against the staff member's agency and role; an id from the address is never trusted.
/// </summary>
[Area("Consultations")]
[Authorize(Policy = Policies.AgencyStaff)]
[Route(PortalRoute.Prefix + "/" + ConsultationsModule.Path + "/manage")]
public sealed class ManageConsultationsController(
    AppDbContext db,
    ConsultationEditor editor,
    ConsultationQueries queries,
    ConsultationLookups lookups,
    AttachmentStore attachments,
    TimeProvider clock,
    IStringLocalizer<ConsultationsResource> t) : PortalController
{
    [HttpGet("")]
    public Task<IActionResult> Index(CancellationToken cancellationToken) => ListAsync(questionnairesOnly: false, cancellationToken);

    /// <summary>The legislation office's way in: the consultations whose questionnaire they build.</summary>
    [HttpGet("questionnaires")]
    public Task<IActionResult> Questionnaires(CancellationToken cancellationToken) => ListAsync(questionnairesOnly: true, cancellationToken);

    [HttpGet("new")]
    [Authorize(Policy = Policies.AgencyPublisher)]
    public async Task<IActionResult> Create()
    {
        var now = Platform.Calendar.DualDate.ToSaudiTime(clock.GetUtcNow().UtcDateTime).Date;
        var input = new ConsultationInput { OpensAt = now.AddDays(7).AddHours(8), ClosesAt = now.AddDays(37).AddHours(8) };
        return View("Edit", await EditPageAsync(input, null));
    }

    [HttpPost("new")]
    [Authorize(Policy = Policies.AgencyPublisher)]
    public async Task<IActionResult> Create(ConsultationInput input, [FromServices] IValidator<ConsultationInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        input.Id = null;
        input.PublishedAtUtc = null;
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            return View("Edit", await EditPageAsync(input, null));
        }
        var consultation = await editor.CreateAsync(input, User.AgencyId()!.Value, User.RequiredUserId(), cancellationToken);
        Flash(t["The consultation has been created. Add the draft's articles next."]);
        return LocalRedirect(LangPath($"consultations/manage/{consultation.Id}/articles"));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var (consultation, denied) = await OwnAsync(id, cancellationToken);
        return denied ?? View(await EditPageAsync(ConsultationInput.From(consultation!), consultation));
    }

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Edit(int id, ConsultationInput input, [FromServices] IValidator<ConsultationInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (consultation, denied) = await OwnAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        var status = consultation!.StatusAt(Now);
        if (status == ConsultationStatus.Archived)
        {
            return MessagePage(t["This consultation can no longer change"], t["Its summary report has been published and the consultation archived, so its details stay as they were."],
                t["Back to the consultation"], LangPath($"consultations/manage/{id}"), statusCode: StatusCodes.Status409Conflict);
        }
        input.Id = id;
        input.PublishedAtUtc = consultation.PublishAt;
        input.KeepFixedParts(consultation, status);
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            return View(await EditPageAsync(input, consultation));
        }
        if (!await editor.UpdateAsync(consultation, input, cancellationToken))
        {
            // Nothing overwritten: the page says so, keeps this editor's changes in the form with the
            // new version, and links to what was saved.
            var (current, _) = await OwnAsync(id, cancellationToken);
            if (current is null)
            {
                return NotFound();
            }
            input.Version = current.Version;
            var conflict = View(await EditPageAsync(input, current) with { Conflict = true });
            conflict.StatusCode = StatusCodes.Status409Conflict;
            return conflict;
        }
        Flash(t["The consultation has been saved."]);
        return LocalRedirect(LangPath($"consultations/manage/{id}"));
    }

    /// <summary>The public page as it will look, for any staff member of the agency, before or after publication.</summary>
    [HttpGet("{id:int}/preview")]
    public async Task<IActionResult> Preview(int id, CancellationToken cancellationToken)
    {
        var consultation = await queries.FindAsync(id, cancellationToken);
        if (consultation is null)
        {
            return NotFound();
        }
        if (!User.IsStaffOf(consultation.AgencyId))
        {
            return DeniedForAgency(consultation.AgencyId);
        }
        var page = await queries.PageAsync(consultation, null, preview: true, cancellationToken);
        return View("~/Areas/Consultations/Views/Consultations/Show.cshtml", page);
    }

    [HttpGet("{id:int}/articles")]
    public async Task<IActionResult> Articles(int id, CancellationToken cancellationToken)
    {
        var (consultation, denied) = await OwnAsync(id, cancellationToken);
        return denied ?? View(ArticlesPage(consultation!, new ArticleInput()));
    }

    [HttpPost("{id:int}/articles")]
    public async Task<IActionResult> AddArticle(int id, [Bind(Prefix = "NewArticle")] ArticleInput input, [FromServices] IValidator<ArticleInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (consultation, denied) = await OwnAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        if (IsTextLocked(consultation!))
        {
            return TextLocked(consultation!);
        }
        if (!await validator.ValidateIntoAsync(input, ModelState, "NewArticle"))
        {
            return View("Articles", ArticlesPage(consultation!, input));
        }
        var article = await editor.AddArticleAsync(consultation!, input, cancellationToken);
        Flash(t["Article {0} has been added.", article.Number]);
        return LocalRedirect(LangPath($"consultations/manage/{id}/articles#article-{article.Id}"));
    }

    [HttpGet("{id:int}/articles/{articleId:int}")]
    public async Task<IActionResult> EditArticle(int id, int articleId, CancellationToken cancellationToken)
    {
        var (consultation, article, refused) = await EditableArticleAsync(id, articleId, cancellationToken);
        return refused ?? View(new ArticleEditPage(consultation!, ArticleInput.From(article!)));
    }

    [HttpPost("{id:int}/articles/{articleId:int}")]
    public async Task<IActionResult> EditArticle(int id, int articleId, ArticleInput input, [FromServices] IValidator<ArticleInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (consultation, article, refused) = await EditableArticleAsync(id, articleId, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }
        input.Id = articleId;
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            return View(new ArticleEditPage(consultation!, input));
        }
        await editor.UpdateArticleAsync(consultation!, article!, input, cancellationToken);
        Flash(t["Article {0} has been saved.", article!.Number]);
        return LocalRedirect(LangPath($"consultations/manage/{id}/articles#article-{article!.Id}"));
    }

    [HttpPost("{id:int}/articles/{articleId:int}/move")]
    public async Task<IActionResult> MoveArticle(int id, int articleId, string? direction, CancellationToken cancellationToken)
    {
        var (consultation, article, refused) = await EditableArticleAsync(id, articleId, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }
        await editor.MoveArticleAsync(consultation!, article!, direction == "up" ? -1 : 1, cancellationToken);
        Flash(t["The article is now number {0}.", article!.Number]);
        return LocalRedirect(LangPath($"consultations/manage/{id}/articles#article-{article!.Id}"));
    }

    [HttpPost("{id:int}/articles/{articleId:int}/delete")]
    public async Task<IActionResult> DeleteArticle(int id, int articleId, CancellationToken cancellationToken)
    {
        var (consultation, article, refused) = await EditableArticleAsync(id, articleId, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }
        Flash(await editor.DeleteArticleAsync(consultation!, article!, cancellationToken)
            ? t["The article has been deleted."]
            : t["The article has comments and cannot be deleted."]);
        return LocalRedirect(LangPath($"consultations/manage/{id}/articles"));
    }

    [HttpGet("{id:int}/documents")]
    public async Task<IActionResult> Documents(int id, CancellationToken cancellationToken)
    {
        var (consultation, denied) = await OwnAsync(id, cancellationToken);
        return denied ?? View(new DocumentsPage(consultation!, consultation!.StatusAt(Now), new DocumentInput(), attachments.MaxBytes));
    }

    [HttpPost("{id:int}/documents")]
    public async Task<IActionResult> AddDocument(int id, DocumentInput input, [FromServices] IValidator<DocumentInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (consultation, denied) = await OwnAsync(id, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }
        if (await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            var problem = await editor.AddDocumentAsync(consultation!, input, cancellationToken);
            if (problem == AttachmentProblem.None)
            {
                Flash(t["The document has been added."]);
                return LocalRedirect(LangPath($"consultations/manage/{id}/documents"));
            }
            ModelState.AddModelError("Input." + nameof(DocumentInput.File), problem switch
            {
                AttachmentProblem.TooLarge => t["The file is larger than {0} MB. Upload a smaller file.", Megabytes(attachments.MaxBytes)],
                AttachmentProblem.Empty => t["The file is empty."],
                AttachmentProblem.UnsupportedType => t["Upload a PDF or an Office document (.docx, .xlsx, .pptx, .doc, .xls or .ppt)."],
                AttachmentProblem.StorageUnavailable => t["The document could not be stored just now, and nothing was saved. Try again in a few minutes; if it happens again, tell the portal's support team."],
                _ => t["The file's content is not a PDF or Office document of the type its name says. Upload the original document."],
            });
        }
        var page = View("Documents", new DocumentsPage(consultation!, consultation!.StatusAt(Now), input, attachments.MaxBytes));
        page.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return page;
    }

    [HttpPost("{id:int}/documents/{documentId:int}/delete")]
    public async Task<IActionResult> DeleteDocument(int id, int documentId, CancellationToken cancellationToken)
    {
        var (consultation, denied) = await OwnAsync(id, cancellationToken);
        var document = consultation?.Documents.SingleOrDefault(d => d.Id == documentId);
        if (denied is not null || document is null)
        {
            return denied ?? NotFound();
        }
        await editor.DeleteDocumentAsync(consultation!, document, cancellationToken);
        Flash(t["The document has been deleted."]);
        return LocalRedirect(LangPath($"consultations/manage/{id}/documents"));
    }

    public static string Megabytes(long bytes) =>
        (bytes / (1024d * 1024d)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<IActionResult> ListAsync(bool questionnairesOnly, CancellationToken cancellationToken)
    {
        var agencyId = User.AgencyId()!.Value;
        var now = Now;
        var query = db.Consultations.AsNoTracking().Where(c => c.AgencyId == agencyId);
        if (questionnairesOnly && !User.IsInRole(Roles.AgencyPublisher))
        {
            query = query.Where(c => c.Kind == ConsultationKind.Law || c.Kind == ConsultationKind.Regulation);
        }
        var rows = await query
            .OrderByDescending(c => c.CreatedAt)
            .Take(500)
            .Select(c => new { Consultation = c, Articles = c.Articles.Count })
            .ToListAsync(cancellationToken);
        var list = rows.Select(r => new ManageRow(r.Consultation.Id, r.Consultation.Title, r.Consultation.Kind, r.Consultation.StatusAt(now), r.Consultation.PublishAt,
            r.Consultation.OpensAt, r.Consultation.ClosesAt, r.Articles, r.Consultation.CommentCount, r.Consultation.ResponseCount)).ToList();
        return View("Index", new ManageListPage(list, questionnairesOnly, User.IsInRole(Roles.AgencyPublisher)));
    }

    // The consultation, when it belongs to the publisher's own agency; otherwise the refusal to return.
    private async Task<(Consultation? Consultation, IActionResult? Denied)> OwnAsync(int id, CancellationToken cancellationToken)
    {
        var consultation = await editor.LoadAsync(id, cancellationToken);
        if (consultation is null)
        {
            return (null, NotFound());
        }
        if (!User.IsStaffOf(consultation.AgencyId, Roles.AgencyPublisher))
        {
            return (null, DeniedForAgency(consultation.AgencyId));
        }
        return (consultation, null);
    }

    private async Task<ConsultationEditPage> EditPageAsync(ConsultationInput input, Consultation? consultation) =>
        new(input, await lookups.SectorsAsync(), await lookups.TargetGroupsAsync(), consultation, consultation?.StatusAt(Now));

    private ArticlesPage ArticlesPage(Consultation consultation, ArticleInput input) =>
        new(consultation, consultation.StatusAt(Now), consultation.Articles.OrderBy(a => a.Number).ToList(), input, IsTextLocked(consultation));

    // The agency's own consultation and one of its articles, while its text may still change.
    private async Task<(Consultation? Consultation, Article? Article, IActionResult? Refused)> EditableArticleAsync(int id, int articleId, CancellationToken cancellationToken)
    {
        var (consultation, denied) = await OwnAsync(id, cancellationToken);
        var article = consultation?.Articles.SingleOrDefault(a => a.Id == articleId);
        if (denied is not null || article is null)
        {
            return (null, null, denied ?? NotFound());
        }
        return IsTextLocked(consultation!) ? (null, null, TextLocked(consultation!)) : (consultation, article, null);
    }

    // Comments point at article numbers and text: once the consultation has opened, the draft's text stays as commented on.
    private bool IsTextLocked(Consultation consultation) => consultation.StatusAt(Now) is not (ConsultationStatus.Draft or ConsultationStatus.Planned);

    private ViewResult TextLocked(Consultation consultation)
    {
        return MessagePage(t["The draft's text can no longer change"], t["This consultation has opened: participants comment on its articles as published, so they cannot be added, edited, reordered or deleted."],
            t["Back to the articles"], LangPath($"consultations/manage/{consultation.Id}/articles"), statusCode: StatusCodes.Status409Conflict);
    }
}
