using EParticipation.Web.Areas.Admin.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Calendar;
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
    public async Task<IActionResult> Index([FromQuery] AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            var action = query.Action.Trim();
            q = q.Where(a => a.Action.StartsWith(action));
        }
        if (query.AgencyId is { } agencyId)
        {
            q = q.Where(a => a.AgencyId == agencyId);
        }
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var actor = query.Actor.Trim().ToUpperInvariant();
            // Translated to SQL's upper(): the same case-insensitive match on every provider.
#pragma warning disable CA1304, CA1311, CA1862
            q = q.Where(a => a.UserEmail != null && a.UserEmail.ToUpper().Contains(actor));
#pragma warning restore CA1304, CA1311, CA1862
        }
        if (!string.IsNullOrWhiteSpace(query.EntityType))
        {
            var type = query.EntityType.Trim();
            q = q.Where(a => a.EntityType == type);
        }
        if (!string.IsNullOrWhiteSpace(query.EntityId))
        {
            var id = query.EntityId.Trim();
            q = q.Where(a => a.EntityId == id);
        }
        // The days are Saudi calendar days: from their Saudi midnight, in UTC as stored.
        if (query.From is { } from)
        {
            var start = SaudiMidnightUtc(from);
            q = q.Where(a => a.OccurredAt >= start);
        }
        if (query.To is { } to)
        {
            var end = SaudiMidnightUtc(to.AddDays(1));
            q = q.Where(a => a.OccurredAt < end);
        }
        var page = await q.OrderByDescending(a => a.Id).ToPagedAsync(PagingExtensions.ClampPage(query.Page), 50);
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Code).Select(a => new { a.Id, a.Name }).ToListAsync();
        var items = agencies.Select(a => new SelectListItem(a.Name.Current, a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Id == query.AgencyId)).ToList();
        var types = await db.AuditEntries.AsNoTracking().Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync();
        return View(new AuditPage(page, query, items, types));
    }

    private static DateTime SaudiMidnightUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), DualDate.SaudiTime);
}
