using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Services;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EParticipation.Web.Areas.Consultations.Controllers;

/// <summary>
/// Staff exports of a consultation's submissions: comments and questionnaire answers, as CSV (UTF-8
/// with a byte order mark, for Excel) and JSON. The same people as the review may download them, at
/// any time once the consultation is public; each download is audited, since the file leaves the
/// portal. Not rate-limited: only a handful of staff can reach them.
/// </summary>
[Area("Consultations")]
[Authorize(Policy = Policies.AgencyStaff)]
[Route(PortalRoute.Prefix + "/" + ConsultationsModule.Path + "/manage/{id:int}/export")]
public sealed class ReviewExportsController(CommentReview review, ConsultationExports exports, AuditLog audit, AppDbContext db, TimeProvider clock) : PortalController
{
    [HttpGet("comments.csv")]
    public Task<IActionResult> CommentsCsv(int id, CancellationToken cancellationToken) =>
        ExportAsync(id, "comments", "csv", exports.WriteCommentsCsvAsync, cancellationToken);

    [HttpGet("comments.json")]
    public Task<IActionResult> CommentsJson(int id, CancellationToken cancellationToken) =>
        ExportAsync(id, "comments", "json", exports.WriteCommentsJsonAsync, cancellationToken);

    [HttpGet("answers.csv")]
    public Task<IActionResult> AnswersCsv(int id, CancellationToken cancellationToken) =>
        ExportAsync(id, "answers", "csv", exports.WriteAnswersCsvAsync, cancellationToken);

    [HttpGet("answers.json")]
    public Task<IActionResult> AnswersJson(int id, CancellationToken cancellationToken) =>
        ExportAsync(id, "answers", "json", exports.WriteAnswersJsonAsync, cancellationToken);

    private async Task<IActionResult> ExportAsync(int id, string what, string extension, Func<Stream, Consultation, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var consultation = await review.FindAsync(id, cancellationToken);
        if (consultation is null)
        {
            return NotFound();
        }
        if (!ReviewController.MayReview(User, consultation))
        {
            return DeniedForAgency(consultation.AgencyId);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        audit.Record("consultation.export", nameof(Consultation), consultation.Id, consultation.AgencyId, $"{what}.{extension}");
        await db.SaveChangesAsync(cancellationToken);
        return new StreamedFile(extension == "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
            ConsultationExports.FileName(consultation.Id, what, extension, now),
            (stream, ct) => write(stream, consultation, ct));
    }
}

/// <summary>
/// A download written straight to the response as it is produced, so a large export is never held in
/// memory. Private: staff files must not sit in shared caches.
/// </summary>
public sealed class StreamedFile(string contentType, string fileName, Func<Stream, CancellationToken, Task> write, string cacheControl = "private, no-store") : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.ContentType = contentType;
        response.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        response.Headers.CacheControl = cacheControl;
        await write(response.Body, context.HttpContext.RequestAborted);
    }
}
