using EParticipation.Web.Areas.Admin.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Notifications;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Admin.Controllers;

[Route(PortalRoute.Prefix + "/admin")]
public sealed class HomeController(AppDbContext db) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View(new AdminDashboard(
        await db.Agencies.CountAsync(),
        await db.Users.CountAsync(),
        await db.Users.CountAsync(u => u.AgencyId != null),
        await db.PublicHolidays.CountAsync(),
        await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Pending),
        await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Failed)));
}
