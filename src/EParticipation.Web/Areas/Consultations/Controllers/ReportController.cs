using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Services;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace EParticipation.Web.Areas.Consultations.Controllers;

/// <summary>
/// What anyone can read after a consultation: its published summary report ("you said, we did") and
/// its published comments as a CSV file (open data, like the API). Not rate-limited: the report is
/// public, and the file is cached for an hour once the report is out.
/// </summary>
[Area("Consultations")]
[Route(PortalRoute.Prefix + "/" + ConsultationsModule.Path)]
public sealed class ReportController(CommentReview review, SummaryReports reports, ConsultationExports exports, TimeProvider clock) : PortalController
{
    [HttpGet("{id:int}/report")]
    public async Task<IActionResult> Show(int id, int? article, int? page, CancellationToken cancellationToken)
    {
        var consultation = await review.FindAsync(id, cancellationToken);
        var report = consultation is not null && consultation.StatusAt(clock.GetUtcNow().UtcDateTime) == ConsultationStatus.Archived
            ? await reports.FindAsync(id, cancellationToken)
            : null;
        if (consultation is null || report is null)
        {
            return NotFound();
        }
        return View(await reports.PageAsync(consultation, report, article, PagingExtensions.ClampPage(page), preview: false, cancellationToken));
    }

    /// <summary>The published comments of a closed or archived consultation, as the API gives them; 404 before closing.</summary>
    [HttpGet("{id:int}/comments.csv")]
    public async Task<IActionResult> CommentsCsv(int id, CancellationToken cancellationToken)
    {
        var consultation = await review.FindAsync(id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var status = consultation?.StatusAt(now);
        if (consultation is null || status is not (ConsultationStatus.Closed or ConsultationStatus.Archived))
        {
            return NotFound();
        }
        var archived = status == ConsultationStatus.Archived;
        return new StreamedFile("text/csv; charset=utf-8", ConsultationExports.FileName(id, "comments", "csv", now),
            (stream, ct) => exports.WritePublicCommentsCsvAsync(stream, consultation, archived, ct),
            archived ? "public, max-age=3600" : "public, max-age=300");
    }
}
