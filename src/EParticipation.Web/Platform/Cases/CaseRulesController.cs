using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace EParticipation.Web.Platform.Cases;

/// <summary>The public page that explains the 10-working-day rule, with today's example.</summary>
[Route(PortalRoute.Prefix + "/cases/response-time")]
public sealed class CaseRulesController(WorkingDays workingDays, TimeProvider clock) : PortalController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var calendar = await workingDays.CalendarAsync(cancellationToken);
        return View(calendar.AddWorkingDays(clock.GetUtcNow().UtcDateTime, CaseRules.ResponseWorkingDays));
    }
}
