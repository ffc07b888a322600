using EParticipation.Web.Areas.Admin.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Notifications;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Admin.Controllers;

/// <summary>The email outbox: what waits, what went, what failed and why; a failed message can be sent again.</summary>
[Route(PortalRoute.Prefix + "/admin/outbox")]
public sealed class OutboxController(AppDbContext db, AuditLog audit, OutboxSignal signal, TimeProvider clock, IStringLocalizer<SharedResource> s) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(OutboxQuery query)
    {
        var q = db.OutboxMessages.AsNoTracking();
        if (query.Status is { } status)
        {
            q = q.Where(m => m.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(query.To))
        {
            var to = query.To.Trim();
            q = q.Where(m => m.ToAddress.Contains(to));
        }
        var page = await q.OrderByDescending(m => m.Id)
            .Select(m => new OutboxRow(m.Id, m.ToAddress, m.Subject, m.Category, m.Status, m.AttemptCount, m.CreatedAt, m.SentAt, m.NextAttemptAt, m.LastError))
            .ToPagedAsync(Platform.Web.PagingExtensions.ClampPage(query.Page), 50);
        var counts = await db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return View(new OutboxPage(page, query, counts));
    }

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Details(long id)
    {
        var message = await db.OutboxMessages.AsNoTracking().Include(m => m.Attempts).SingleOrDefaultAsync(m => m.Id == id);
        return message is null ? NotFound() : View(message);
    }

    [HttpPost("{id:long}/resend")]
    public async Task<IActionResult> Resend(long id)
    {
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == id);
        if (message is null)
        {
            return NotFound();
        }
        if (message.Status == OutboxStatus.Sent)
        {
            Flash(s["This email was already sent."]);
            return LocalRedirect(LangPath($"admin/outbox/{id}"));
        }
        // Back in the queue with a fresh set of attempts; the Message-ID stays, so a receiver sees a retry.
        message.Status = OutboxStatus.Pending;
        message.AttemptCount = 0;
        message.NextAttemptAt = clock.GetUtcNow().UtcDateTime;
        message.ClaimedBy = null;
        message.ClaimedUntil = null;
        audit.Record("outbox.resend", nameof(OutboxMessage), message.Id, summary: message.Category);
        await db.SaveChangesAsync();
        signal.Notify();
        Flash(s["The email is queued to be sent again."]);
        return LocalRedirect(LangPath($"admin/outbox/{id}"));
    }
}
