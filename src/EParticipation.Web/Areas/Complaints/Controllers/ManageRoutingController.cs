using EParticipation.Web.Areas.Complaints.Domain;
using EParticipation.Web.Areas.Complaints.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Complaints.Controllers;

/// <summary>
/// The administrators' screen for the routing table and the referral channels' wording. It lives
/// with the module (the module owns its admin) under /admin/complaint-routing. Every change is audited.
/// </summary>
[Area("Complaints")]
[Authorize(Policy = Policies.Administrator)]
[Route(PortalRoute.Prefix + "/admin/complaint-routing")]
public sealed class ManageRoutingController(AppDbContext db, AuditLog audit, IStringLocalizer<ComplaintsResource> t) : PortalController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var routes = await db.ComplaintRoutes.AsNoTracking().Include(r => r.Channel).OrderBy(r => r.ParentId ?? r.Id).ThenBy(r => r.ParentId == null ? 0 : 1).ThenBy(r => r.Order).ToListAsync(cancellationToken);
        var channels = await db.ComplaintChannels.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var counts = await db.ComplaintReferralCounts.AsNoTracking().GroupBy(c => c.RouteCode).Select(g => new { g.Key, Total = g.Sum(c => c.Count) }).ToDictionaryAsync(g => g.Key, g => g.Total, cancellationToken);
        return View(new RoutingAdminPage(routes, channels, counts));
    }

    [HttpGet("routes/{id:int}")]
    public async Task<IActionResult> EditRoute(int id, CancellationToken cancellationToken)
    {
        var route = await db.ComplaintRoutes.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return route is null ? NotFound() : View(await RouteFormAsync(RouteInput.From(route), cancellationToken));
    }

    [HttpGet("routes/new")]
    public async Task<IActionResult> NewRoute(CancellationToken cancellationToken) =>
        View("EditRoute", await RouteFormAsync(new RouteInput { IsActive = true, Target = RouteTarget.Referral, Order = 100 }, cancellationToken));

    [HttpPost("routes/new")]
    public Task<IActionResult> NewRoute([Bind(Prefix = "Input")] RouteInput input, [FromServices] IValidator<RouteInput> validator, CancellationToken cancellationToken) =>
        SaveRouteAsync(null, input, validator, cancellationToken);

    [HttpPost("routes/{id:int}")]
    public Task<IActionResult> EditRoute(int id, [Bind(Prefix = "Input")] RouteInput input, [FromServices] IValidator<RouteInput> validator, CancellationToken cancellationToken) =>
        SaveRouteAsync(id, input, validator, cancellationToken);

    [HttpGet("channels/{id:int}")]
    public async Task<IActionResult> EditChannel(int id, CancellationToken cancellationToken)
    {
        var channel = await db.ComplaintChannels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return channel is null ? NotFound() : View(ChannelInput.From(channel));
    }

    [HttpPost("channels/{id:int}")]
    public async Task<IActionResult> EditChannel(int id, [Bind(Prefix = "")] ChannelInput input, [FromServices] IValidator<ChannelInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var channel = await db.ComplaintChannels.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (channel is null)
        {
            return NotFound();
        }
        input.Id = id;
        if (!await validator.ValidateIntoAsync(input, ModelState))
        {
            return View(input);
        }
        channel.Name = new LocalizedText(input.NameAr!.Trim(), input.NameEn?.Trim() ?? "");
        channel.Handles = new LocalizedText(input.HandlesAr!.Trim(), input.HandlesEn?.Trim() ?? "");
        channel.HowToReach = new LocalizedText(input.HowToReachAr!.Trim(), input.HowToReachEn?.Trim() ?? "");
        channel.Prepare = new LocalizedText(input.PrepareAr?.Trim() ?? "", input.PrepareEn?.Trim() ?? "");
        channel.Url = string.IsNullOrWhiteSpace(input.Url) ? null : input.Url.Trim();
        audit.Record("complaint-channel.updated", nameof(ReferralChannel), channel.Code);
        await db.SaveChangesAsync(cancellationToken);
        Flash(t["The channel has been saved."]);
        return LocalRedirect(LangPath("admin/complaint-routing"));
    }

    private async Task<IActionResult> SaveRouteAsync(int? id, RouteInput input, IValidator<RouteInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ComplaintRoute? route = null;
        if (id is not null)
        {
            route = await db.ComplaintRoutes.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (route is null)
            {
                return NotFound();
            }
        }
        input.Id = id;
        var valid = await validator.ValidateIntoAsync(input, ModelState, "Input");
        if (await db.ComplaintRoutes.AnyAsync(r => r.Code == input.Code && r.Id != id, cancellationToken))
        {
            ModelState.AddModelError("Input.Code", t["Another route already has this code."]);
            valid = false;
        }
        if (input.ParentId is { } parentId && (parentId == id || !await db.ComplaintRoutes.AnyAsync(r => r.Id == parentId && r.Target == RouteTarget.Choose, cancellationToken)))
        {
            ModelState.AddModelError("Input.ParentId", t["The parent must be a route that asks a further question."]);
            valid = false;
        }
        if (!valid)
        {
            return View("EditRoute", await RouteFormAsync(input, cancellationToken));
        }
        if (route is null)
        {
            route = new ComplaintRoute();
            db.ComplaintRoutes.Add(route);
        }
        route.Code = input.Code!.Trim();
        route.ParentId = input.ParentId;
        route.Order = input.Order;
        route.Label = new LocalizedText(input.LabelAr!.Trim(), input.LabelEn?.Trim() ?? "");
        route.Hint = new LocalizedText(input.HintAr?.Trim() ?? "", input.HintEn?.Trim() ?? "");
        route.Target = input.Target!.Value;
        route.ChannelId = route.Target == RouteTarget.Referral ? input.ChannelId : null;
        route.AgencyId = route.Target == RouteTarget.AgencyCase ? input.AgencyId : null;
        route.IsActive = input.IsActive;
        audit.Record(id is null ? "complaint-route.created" : "complaint-route.updated", nameof(ComplaintRoute), route.Code, summary: $"{route.Target} {input.ChannelId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""}".Trim());
        await db.SaveChangesAsync(cancellationToken);
        Flash(t["The route has been saved."]);
        return LocalRedirect(LangPath("admin/complaint-routing"));
    }

    private async Task<RouteFormPage> RouteFormAsync(RouteInput input, CancellationToken cancellationToken)
    {
        var parents = await db.ComplaintRoutes.AsNoTracking().Where(r => r.Target == RouteTarget.Choose && r.Id != input.Id).OrderBy(r => r.Order).Select(r => new { r.Id, r.Label }).ToListAsync(cancellationToken);
        var channels = await db.ComplaintChannels.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.Code).Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken);
        return new RouteFormPage(input,
            parents.Select(p => (p.Id, p.Label)).ToList(),
            channels.Select(c => (c.Id, c.Name)).ToList(),
            agencies.Select(a => (a.Id, a.Name)).ToList());
    }
}
