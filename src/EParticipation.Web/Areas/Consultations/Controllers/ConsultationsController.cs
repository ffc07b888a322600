using System.Security.Claims;
using System.Text.Encodings.Web;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Models;
using EParticipation.Web.Areas.Consultations.Services;
using EParticipation.Web.Platform.Attachments;
using EParticipation.Web.Platform.Caching;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace EParticipation.Web.Areas.Consultations.Controllers;

/// <summary>What anyone can read: the list with its tabs and filters, a consultation, its comments and documents.</summary>
[Area("Consultations")]
[Route(PortalRoute.Prefix + "/" + ConsultationsModule.Path)]
public sealed class ConsultationsController(ConsultationQueries queries, AttachmentStore attachments, TimeProvider clock, HtmlEncoder encoder) : PortalController
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ConsultationListQuery query, CancellationToken cancellationToken)
    {
        // The same for everyone, signed in or not: served from the public cache (PublicPageCache).
        // Visitors get the whole page from a kept copy when there is one.
        var list = await queries.PublicListAsync(query, cancellationToken);
        FragmentSlot.Use(ViewData, list.Fragment);
        return list.Serve(HttpContext, () => View(list.Value));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, int? article, CancellationToken cancellationToken)
    {
        if (User.UserId() is null)
        {
            // Everyone who is not signed in sees the same page (no comment form, nothing of theirs).
            var cached = await queries.PublicPageAsync(id, cancellationToken);
            if (cached is null)
            {
                return NotFound();
            }
            FragmentSlot.Use(ViewData, cached.Fragment);
            return cached.Serve(HttpContext, () => View(cached.Value));
        }
        // What everyone sees comes from the public cache as for visitors; only what is the
        // participant's own (their comments, supports, reports, follow, answers) is read for them.
        var cachedForParticipant = await queries.ParticipantPageAsync(id, User.RequiredUserId(), cancellationToken);
        if (cachedForParticipant is null)
        {
            return NotFound();
        }
        FragmentSlot.Use(ViewData, cachedForParticipant.Fragment);
        var page = cachedForParticipant.Value;
        page.NewComment.ArticleId = article is { } a && page.Articles.Any(x => x.Id == a) ? a : null;
        // A new key for every form shown, and the name on the profile, so it need not be typed for every
        // comment (the participant may change it).
        var submissionKey = Guid.NewGuid();
        var name = User.FindFirstValue(PortalClaims.FullName);
        var copy = cachedForParticipant.Pages is not null && page.NothingOfTheParticipant
            ? CachedPages.KeyForParticipant(HttpContext, page.IsFollowing ? "following" : "not-following")
            : null;
        if (copy is null)
        {
            page.NewComment.SubmissionKey = submissionKey;
            page.NewComment.DisplayName = name;
            return View(page);
        }
        // The page every participant with nothing of their own on it sees, kept once: rendered with
        // placeholders where the key and the name go, and written with this participant's.
        page.NewComment.SubmissionKey = SubmissionKeyPlaceholder;
        page.NewComment.DisplayName = NamePlaceholder;
        return cachedForParticipant.Pages!.Serve(copy, () => View(page),
        [
            new PageSlot(SubmissionKeyPlaceholder.ToString(), submissionKey.ToString()),
            new PageSlot(NamePlaceholder, encoder.Encode(name ?? "")),
        ]);
    }

    // Text HTML encoding leaves as it is and that no page shows otherwise.
    private static readonly Guid SubmissionKeyPlaceholder = new("0e9a51a7-5107-4e11-9a5e-c0ffee5107ed");
    private const string NamePlaceholder = "ep-slot-display-name-5d1f0c";

    /// <summary>All published comments on one article (or on the whole draft), a page at a time.</summary>
    [HttpGet("{id:int}/comments")]
    public async Task<IActionResult> Comments(int id, int? article, int? page, CancellationToken cancellationToken)
    {
        var consultation = await queries.FindAsync(id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (consultation is null || !consultation.IsPublishedAt(now))
        {
            return NotFound();
        }
        Article? target = null;
        if (article is { } articleId)
        {
            target = await queries.ArticleAsync(id, articleId, cancellationToken);
            if (target is null)
            {
                return NotFound();
            }
        }
        var comments = await queries.CommentsAsync(id, target?.Id, PagingExtensions.ClampPage(page), cancellationToken);
        return View(new ArticleCommentsPage(consultation, target, comments, consultation.StatusAt(now)));
    }

    /// <summary>
    /// A document of a published consultation, for anyone; of a draft, only for its agency's staff
    /// (the preview). Everyone else gets "not found", so a draft's existence is not given away.
    /// </summary>
    [HttpGet("{id:int}/documents/{documentId:int}")]
    public async Task<IActionResult> Document(int id, int documentId, CancellationToken cancellationToken)
    {
        var consultation = await queries.FindAsync(id, cancellationToken);
        if (consultation is null)
        {
            return NotFound();
        }
        if (!consultation.IsPublishedAt(clock.GetUtcNow().UtcDateTime) && !User.IsStaffOf(consultation.AgencyId))
        {
            return NotFound();
        }
        var document = consultation.Documents.SingleOrDefault(d => d.Id == documentId);
        return document is null
            ? NotFound()
            : attachments.Download(document.StorageKey, document.FileName, document.ContentType, Response);
    }
}
