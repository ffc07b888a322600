using EParticipation.Web.Areas.ServiceRatings.Domain;
using EParticipation.Web.Areas.ServiceRatings.Models;
using EParticipation.Web.Areas.ServiceRatings.Services;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.ServiceRatings.Controllers;

/// <summary>An agency's publishers keep its services: add, edit, retire, restore. Another agency's service is 404.</summary>
[Area("ServiceRatings")]
[Authorize(Policy = Policies.AgencyPublisher)]
[Route(PortalRoute.Prefix + "/" + ServiceRatingsModule.Path + "/manage")]
public sealed class ManageServicesController(AppDbContext db, ServiceEditor editor, IStringLocalizer<ServiceRatingsResource> t) : PortalController
{
    private int AgencyId => User.AgencyId()!.Value;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        var services = await db.GovernmentServices.AsNoTracking().Where(s => s.AgencyId == AgencyId).OrderBy(s => s.IsRetired).ThenBy(s => s.Code).ToListAsync(cancellationToken);
        return View(new ManageListPage(agency, services));
    }

    [HttpGet("new")]
    public async Task<IActionResult> New(CancellationToken cancellationToken) =>
        View("Edit", new ServiceEditPage(null, new ServiceInput(), await SectorsAsync(cancellationToken), false));

    [HttpPost("new")]
    public async Task<IActionResult> New([Bind(Prefix = "Input")] ServiceInput input, [FromServices] IValidator<ServiceInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            return Invalid(new ServiceEditPage(null, input, await SectorsAsync(cancellationToken), false));
        }
        var code = await db.Agencies.Where(a => a.Id == AgencyId).Select(a => a.Code).SingleAsync(cancellationToken);
        var service = await editor.CreateAsync(AgencyId, code, input, cancellationToken);
        Flash(t["The service has been added to the catalogue."]);
        return LocalRedirect(LangPath($"{ServiceRatingsModule.Path}/{service.Id}"));
    }

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var service = await db.GovernmentServices.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (service is null || service.AgencyId != AgencyId)
        {
            return NotFound();
        }
        return View(new ServiceEditPage(service, ServiceInput.From(service, await SectorCodeAsync(service, cancellationToken)), await SectorsAsync(cancellationToken), false));
    }

    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, [Bind(Prefix = "Input")] ServiceInput input, [FromServices] IValidator<ServiceInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var service = await db.GovernmentServices.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (service is null || service.AgencyId != AgencyId)
        {
            return NotFound();
        }
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            return Invalid(new ServiceEditPage(service, input, await SectorsAsync(cancellationToken), false));
        }
        if (!await editor.UpdateAsync(service, input, cancellationToken))
        {
            // Someone saved it meanwhile: show what is stored now, keep what this publisher typed.
            var current = await db.GovernmentServices.AsNoTracking().SingleAsync(s => s.Id == id, cancellationToken);
            input.Version = current.Version;
            var conflict = View(new ServiceEditPage(current, input, await SectorsAsync(cancellationToken), true));
            conflict.StatusCode = StatusCodes.Status409Conflict;
            return conflict;
        }
        Flash(t["Saved."]);
        return LocalRedirect(LangPath($"{ServiceRatingsModule.Path}/manage"));
    }

    [HttpPost("{id:int}/retire")]
    public Task<IActionResult> Retire(int id, CancellationToken cancellationToken) => SetRetiredAsync(id, true, cancellationToken);

    [HttpPost("{id:int}/restore")]
    public Task<IActionResult> Restore(int id, CancellationToken cancellationToken) => SetRetiredAsync(id, false, cancellationToken);

    private async Task<IActionResult> SetRetiredAsync(int id, bool retired, CancellationToken cancellationToken)
    {
        var service = await db.GovernmentServices.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (service is null || service.AgencyId != AgencyId)
        {
            return NotFound();
        }
        await editor.SetRetiredAsync(service, retired, cancellationToken);
        Flash(retired ? t["The service has been retired: it has left the catalogue, its ratings are kept."] : t["The service is back in the catalogue."]);
        return LocalRedirect(LangPath($"{ServiceRatingsModule.Path}/manage"));
    }

    private ViewResult Invalid(ServiceEditPage page)
    {
        var view = View("Edit", page);
        view.StatusCode = StatusCodes.Status400BadRequest;
        return view;
    }

    private Task<List<FilterOption>> SectorsAsync(CancellationToken cancellationToken) =>
        db.Sectors.AsNoTracking().OrderBy(s => s.SortOrder).Select(s => new FilterOption(s.Code, s.Name)).ToListAsync(cancellationToken);

    private Task<string?> SectorCodeAsync(GovernmentService service, CancellationToken cancellationToken) =>
        db.Sectors.Where(s => s.Id == service.SectorId).Select(s => s.Code).SingleOrDefaultAsync(cancellationToken);
}
