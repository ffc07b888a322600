using System.Globalization;
using EParticipation.Web.Areas.ServiceRatings.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Moderation;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.ServiceRatings.Controllers;

/// <summary>
/// Rating comments are published at once and moderated afterwards through the platform's reports
/// (Platform/Moderation/ContentReports, content type "service-rating"): enough reporters hide a
/// comment; a moderator here hides it or keeps it, which closes its reports.
/// </summary>
[Area("ServiceRatings")]
[Authorize(Policy = Policies.Moderator)]
[Route(PortalRoute.Prefix + "/" + ServiceRatingsModule.Path + "/moderation")]
public sealed class RatingModerationController(AppDbContext db, ContentReports reports, AuditLog audit, IStringLocalizer<ServiceRatingsResource> t) : PortalController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var reported = await db.ContentReports.AsNoTracking()
            .Where(r => r.ContentType == ServiceRatingsModule.CommentContentType && r.ResolvedAt == null)
            .Select(r => r.ContentId).Distinct().ToListAsync(cancellationToken);
        var ids = reported.Select(id => long.Parse(id, CultureInfo.InvariantCulture)).ToList();
        var comments = await db.ServiceRatings.AsNoTracking().Where(r => ids.Contains(r.Id) && r.Comment != null)
            .OrderBy(r => r.SubmittedAt)
            .Select(r => new ReportedComment(r.Id, r.ServiceId, r.Comment!, r.CommentHidden, r.SubmittedAt))
            .ToListAsync(cancellationToken);
        var open = await reports.OpenReportsAsync(ServiceRatingsModule.CommentContentType, reported, cancellationToken);
        return View(comments.Select(c => c with { Reports = open[c.Id.ToString(CultureInfo.InvariantCulture)].Count() }).ToList());
    }

    [HttpPost("{id:long}/hide")]
    public Task<IActionResult> Hide(long id, CancellationToken cancellationToken) => DecideAsync(id, true, cancellationToken);

    [HttpPost("{id:long}/keep")]
    public Task<IActionResult> Keep(long id, CancellationToken cancellationToken) => DecideAsync(id, false, cancellationToken);

    private async Task<IActionResult> DecideAsync(long id, bool hide, CancellationToken cancellationToken)
    {
        var rating = await db.ServiceRatings.SingleOrDefaultAsync(r => r.Id == id && r.Comment != null, cancellationToken);
        if (rating is null)
        {
            return NotFound();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        rating.CommentHidden = hide;
        audit.Record(hide ? "service-rating.comment-hidden" : "service-rating.comment-kept", "ServiceRating", rating.Id);
        await db.SaveChangesAsync(cancellationToken);
        await reports.ResolveAsync(ServiceRatingsModule.CommentContentType, id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Flash(hide ? t["The comment is hidden."] : t["The comment stays published."]);
        return LocalRedirect(LangPath(ServiceRatingsModule.Path + "/moderation"));
    }
}
