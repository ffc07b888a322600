using EParticipation.Web.Areas.Admin.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Admin.Controllers;

/// <summary>Read-only log of every staff action, newest first.</summary>
[Route(PortalRoute.Prefix + "/admin/audit")]
public sealed class AuditController(AppDbContext db) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(AuditQuery query)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            q = q.Where(a => a.Action.StartsWith(query.Action.Trim()));
        }
        if (query.AgencyId is { } agencyId)
        {
            q = q.Where(a => a.AgencyId == agencyId);
        }
        var page = await q.OrderByDescending(a => a.Id).ToPagedAsync(PagingExtensions.ClampPage(query.Page), 50);
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Code).Select(a => new { a.Id, a.Name }).ToListAsync();
        var items = agencies.Select(a => new SelectListItem(a.Name.Current, a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Id == query.AgencyId)).ToList();
        return View(new AuditPage(page, query, items));
    }
}
