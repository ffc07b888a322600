using System.Globalization;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Models;
using EParticipation.Web.Areas.Consultations.Services;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Comments;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Consultations.Controllers;

/// <summary>
/// The read-only open-data API of consultations (no language in the address: both languages are in
/// every document). Only what is already public is served: published consultations, and the published
/// comments of closed and archived ones with their display names; never an email, an account id, a
/// participant's account type, or a comment that is pending, hidden, rejected or withdrawn.
/// <para>
/// Comments of a planned or open consultation are refused with 409 and a problem document: they are
/// still changing (edits, withdrawals, moderation), and open data is the record after closing. A
/// draft (not yet public) is 404, like any unknown id. Responses are cacheable by anyone
/// (Cache-Control public); there is no rate limit, as for the public pages.
/// </para>
/// </summary>
[ApiController]
[Route("api/v1/consultations")]
public sealed class OpenDataController(AppDbContext db, ConsultationLookups lookups, PortalLinks links, TimeProvider clock) : ControllerBase
{
    public const int DefaultPageSize = 20;

    public static IReadOnlyList<string> Statuses { get; } = ["planned", "open", "closed", "archived"];

    /// <summary>Published consultations, newest opening first; filter by status, agency code and sector code.</summary>
    [HttpGet("")]
    public async Task<IActionResult> List(string? status, string? agency, string? sector, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size, problem) = Paging(page, pageSize);
        if (problem is not null)
        {
            return problem;
        }
        if (status is not null && !Statuses.Contains(status))
        {
            return BadQuery(nameof(status), "status is one of planned, open, closed, archived.");
        }
        var agencies = await lookups.AgenciesAsync();
        var sectors = await lookups.SectorsAsync();
        var agencyId = agency is null ? null : agencies.FirstOrDefault(a => a.Code == agency)?.Id;
        if (agency is not null && agencyId is null)
        {
            return BadQuery(nameof(agency), "agency is the code of an agency, for example hrsd.");
        }
        var sectorId = sector is null ? null : sectors.FirstOrDefault(s => s.Code == sector)?.Id;
        if (sector is not null && sectorId is null)
        {
            return BadQuery(nameof(sector), "sector is the code of a sector, for example health.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Consultations.AsNoTracking().Where(Consultation.PublishedAt(now));
        query = status switch
        {
            "planned" => query.Where(Consultation.PlannedAt(now)),
            "open" => query.Where(Consultation.OpenAt(now)),
            "closed" => query.Where(Consultation.PastAt(now)).Where(c => c.ReportPublishedAt == null || c.ReportPublishedAt > now),
            "archived" => query.Where(Consultation.PastAt(now)).Where(c => c.ReportPublishedAt != null && c.ReportPublishedAt <= now),
            _ => query,
        };
        if (agencyId is { } a)
        {
            query = query.Where(c => c.AgencyId == a);
        }
        if (sectorId is { } s)
        {
            query = query.Where(c => c.SectorId == s);
        }
        var rows = await query
            .OrderByDescending(c => c.OpensAt).ThenByDescending(c => c.Id)
            .Select(c => new
            {
                Consultation = c,
                Groups = c.TargetGroups.Select(t => t.TargetGroup!.Code).ToList(),
            })
            .AsSplitQuery()
            .ToPagedAsync(number, size, cancellationToken);
        var items = rows.Items.Select(r =>
        {
            var c = r.Consultation;
            var consultationStatus = c.StatusAt(now);
            var past = consultationStatus is ConsultationStatus.Closed or ConsultationStatus.Archived;
            var id = c.Id.ToString(CultureInfo.InvariantCulture);
            return new ApiConsultation(
                c.Id,
                Bilingual.From(c.Title),
                Bilingual.From(c.Summary),
                ReviewQuery.Code(c.Kind),
                ReviewQuery.Code(consultationStatus),
                Lookup(agencies, c.AgencyId),
                Lookup(sectors, c.SectorId),
                r.Groups,
                Iso(c.PublishAt),
                Iso(c.OpensAt)!,
                Iso(c.ClosesAt)!,
                consultationStatus == ConsultationStatus.Archived ? Iso(c.ReportPublishedAt) : null,
                c.CommentCount,
                new ApiConsultationLinks(
                    new Bilingual(links.Absolute($"/ar/consultations/{id}"), links.Absolute($"/en/consultations/{id}")),
                    consultationStatus == ConsultationStatus.Archived ? new Bilingual(links.Absolute($"/ar/consultations/{id}/report"), links.Absolute($"/en/consultations/{id}/report")) : null,
                    past ? links.Absolute($"/api/v1/consultations/{id}/comments") : null,
                    past ? links.Absolute($"/ar/consultations/{id}/comments.csv") : null));
        }).ToList();
        Response.Headers.CacheControl = "public, max-age=60";
        var filters = new Dictionary<string, string?> { ["status"] = status, ["agency"] = agency, ["sector"] = sector };
        return new JsonResult(Page(rows, "/api/v1/consultations", filters, items), ConsultationExports.Json);
    }

    /// <summary>The published comments of a closed or archived consultation, oldest first.</summary>
    [HttpGet("{id:int}/comments")]
    public async Task<IActionResult> Comments(int id, int? article, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size, problem) = Paging(page, pageSize);
        if (problem is not null)
        {
            return problem;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var consultation = await db.Consultations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        var status = consultation?.StatusAt(now);
        if (consultation is null || status == ConsultationStatus.Draft)
        {
            return Problem(statusCode: StatusCodes.Status404NotFound, title: "No such consultation", detail: $"There is no published consultation {id}.");
        }
        if (status is ConsultationStatus.Planned or ConsultationStatus.Open)
        {
            return Problem(statusCode: StatusCodes.Status409Conflict, title: "Comments are published after closing",
                detail: $"Consultation {id} is {ReviewQuery.Code(status.Value)}: its comments become open data when it closes, on {Iso(consultation.ClosesAt)}.");
        }
        var archived = status == ConsultationStatus.Archived;
        var comments = db.ConsultationComments.AsNoTracking()
            .Where(c => c.ConsultationId == id && c.Status == CommentStatus.Published);
        if (article is { } number2)
        {
            comments = comments.Where(c => c.Article != null && c.Article.Number == number2);
        }
        var rows = await comments
            .OrderBy(c => c.Id)
            .Select(c => new { c.Id, Article = c.Article == null ? (int?)null : c.Article.Number, c.DisplayName, c.Body, c.CreatedAt, c.SupportCount, c.Disposition, c.Response, c.GroupId })
            .ToPagedAsync(number, size, cancellationToken);
        var items = rows.Items.Select(c => new ApiComment(
            c.Id, c.Article, Platform.Identity.AuthorNames.Show(c.DisplayName), c.Body, ConsultationExports.SaudiDate(c.CreatedAt), c.SupportCount,
            archived && c.Disposition is { } d ? ReviewQuery.Code(d) : null,
            archived && c.Disposition is not null ? Bilingual.From(c.Response) : null,
            c.GroupId)).ToList();
        Response.Headers.CacheControl = archived ? "public, max-age=3600" : "public, max-age=300";
        var filters = new Dictionary<string, string?> { ["article"] = article?.ToString(CultureInfo.InvariantCulture) };
        var paged = Page(rows, $"/api/v1/consultations/{id}/comments", filters, items);
        return new JsonResult(new ApiCommentsPage(paged.Page, paged.PageSize, paged.Total, paged.PageCount, paged.Links,
            new ApiCommentsConsultation(id, Bilingual.From(consultation.Title), ReviewQuery.Code(status!.Value), archived ? Iso(consultation.ReportPublishedAt) : null),
            items), ConsultationExports.Json);
    }

    private (int Page, int PageSize, IActionResult? Problem) Paging(int? page, int? pageSize)
    {
        if (page is < 1)
        {
            return (0, 0, BadQuery(nameof(page), "page starts at 1."));
        }
        if (pageSize is < 1 or > PagingExtensions.MaxPageSize)
        {
            return (0, 0, BadQuery(nameof(pageSize), $"pageSize is between 1 and {PagingExtensions.MaxPageSize}."));
        }
        return (page ?? 1, pageSize ?? DefaultPageSize, null);
    }

    private ObjectResult BadQuery(string parameter, string message)
    {
        ModelState.AddModelError(parameter, message);
        return ValidationProblem(ModelState) as ObjectResult ?? throw new InvalidOperationException();
    }

    private ApiPage<T> Page<TRow, T>(Paged<TRow> rows, string path, IReadOnlyDictionary<string, string?> filters, IReadOnlyList<T> items)
    {
        string Link(int number)
        {
            var query = filters.Where(f => !string.IsNullOrEmpty(f.Value)).ToDictionary(f => f.Key, f => f.Value);
            query["page"] = number.ToString(CultureInfo.InvariantCulture);
            query["pageSize"] = rows.PageSize.ToString(CultureInfo.InvariantCulture);
            return links.Absolute(QueryHelpers.AddQueryString(path, query));
        }
        var linkSet = new PageLinks(Link(rows.Page), Link(1), Link(rows.PageCount),
            rows.Page > 1 ? Link(rows.Page - 1) : null,
            rows.Page < rows.PageCount ? Link(rows.Page + 1) : null);
        return new ApiPage<T>(rows.Page, rows.PageSize, rows.Total, rows.PageCount, linkSet, items);
    }

    private static CodeAndName Lookup(IReadOnlyList<LookupItem> items, int id) =>
        items.FirstOrDefault(i => i.Id == id) is { } item ? new CodeAndName(item.Code, Bilingual.From(item.Name)) : new CodeAndName("", new Bilingual("", ""));

    private static string? Iso(DateTime? utc) =>
        utc is { } value ? DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : null;
}
