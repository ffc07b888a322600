using EParticipation.Web.Areas.ServiceRatings.Services;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace EParticipation.Web.Areas.ServiceRatings.Controllers;

/// <summary>The public performance dashboard: the whole portal, one agency, one service.</summary>
[Area("ServiceRatings")]
[Route(PortalRoute.Prefix + "/" + ServiceRatingsModule.DashboardPath)]
public sealed class DashboardController(DashboardQueries queries) : PortalController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await queries.PortalAsync(cancellationToken));

    [HttpGet("agencies/{code}")]
    public async Task<IActionResult> Agency(string code, CancellationToken cancellationToken) =>
        await queries.AgencyAsync(code, cancellationToken) is { } page ? View(page) : NotFound();

    [HttpGet("services/{id:int}")]
    public async Task<IActionResult> Service(int id, CancellationToken cancellationToken) =>
        await queries.ServiceAsync(id, cancellationToken) is { } page ? View(page) : NotFound();
}
