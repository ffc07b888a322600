using EParticipation.Web.Areas.ServiceRatings.Services;
using Microsoft.AspNetCore.Mvc;

namespace EParticipation.Web.Areas.ServiceRatings.Controllers;

/// <summary>
/// The dashboard's series as open data: JSON (both languages in every document) and CSV. The same
/// figures as the pages, with the same suppression: a figure under the minimum sample is null.
/// </summary>
[ApiController]
[Route("api/v1/dashboard")]
public sealed class DashboardApiController(DashboardQueries queries) : ControllerBase
{
    [HttpGet("")]
    public async Task<IActionResult> Portal(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "public, max-age=60";
        return Ok(await queries.PortalAsync(cancellationToken));
    }

    [HttpGet("agencies.csv")]
    public async Task<IActionResult> AgenciesCsv(CancellationToken cancellationToken) =>
        File(DashboardCsv.Agencies((await queries.PortalAsync(cancellationToken)).Agencies), "text/csv; charset=utf-8", "dashboard-agencies.csv");

    [HttpGet("referrals.csv")]
    public async Task<IActionResult> ReferralsCsv(CancellationToken cancellationToken) =>
        File(DashboardCsv.Referrals((await queries.PortalAsync(cancellationToken)).Referrals), "text/csv; charset=utf-8", "dashboard-referrals.csv");

    [HttpGet("agencies/{code}")]
    public async Task<IActionResult> Agency(string code, CancellationToken cancellationToken) =>
        await queries.AgencyAsync(code, cancellationToken) is { } a ? Ok(a) : NotFound();

    [HttpGet("agencies/{code}/services.csv")]
    public async Task<IActionResult> ServicesCsv(string code, CancellationToken cancellationToken) =>
        await queries.AgencyAsync(code, cancellationToken) is { } a
            ? File(DashboardCsv.Services(a.Services), "text/csv; charset=utf-8", $"dashboard-{a.Code}-services.csv")
            : NotFound();

    /// <summary>The national channels the agency runs and the participants referred to each (no rows for an agency that runs none).</summary>
    [HttpGet("agencies/{code}/referrals.csv")]
    public async Task<IActionResult> AgencyReferralsCsv(string code, CancellationToken cancellationToken) =>
        await queries.AgencyAsync(code, cancellationToken) is { } a
            ? File(DashboardCsv.Referrals(a.Referrals), "text/csv; charset=utf-8", $"dashboard-{a.Code}-referrals.csv")
            : NotFound();

    [HttpGet("services/{id:int}")]
    public async Task<IActionResult> Service(int id, CancellationToken cancellationToken) =>
        await queries.ServiceAsync(id, cancellationToken) is { } s ? Ok(s) : NotFound();
}
