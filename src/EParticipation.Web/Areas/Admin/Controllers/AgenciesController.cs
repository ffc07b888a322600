using EParticipation.Web.Areas.Admin.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Agencies;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Admin.Controllers;

[Route(PortalRoute.Prefix + "/admin/agencies")]
public sealed class AgenciesController(AppDbContext db, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> s) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index() =>
        View(await db.Agencies.AsNoTracking().OrderBy(a => a.Code).ToListAsync());

    [HttpGet("new")]
    public IActionResult Create() => View("Edit", new AgencyInput());

    [HttpPost("new")]
    public async Task<IActionResult> Create(AgencyInput input, [FromServices] IValidator<AgencyInput> validator)
    {
        input.Id = null;
        Trim(input);
        if (!await validator.ValidateIntoAsync(input, ModelState))
        {
            return View("Edit", input);
        }
        var agency = new Agency { CreatedAt = clock.GetUtcNow().UtcDateTime };
        Apply(input, agency);
        // The audit entry needs the new id: two saves, one transaction, so both commit or neither.
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Agencies.Add(agency);
        await db.SaveChangesAsync();
        audit.Record("agency.created", nameof(Agency), agency.Id, agency.Id, agency.Code);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        Flash(s["The agency has been added."]);
        return LocalRedirect(LangPath("admin/agencies"));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id)
    {
        var agency = await db.Agencies.FindAsync(id);
        return agency is null ? NotFound() : View(AgencyInput.From(agency));
    }

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Edit(int id, AgencyInput input, [FromServices] IValidator<AgencyInput> validator)
    {
        var agency = await db.Agencies.FindAsync(id);
        if (agency is null)
        {
            return NotFound();
        }
        input.Id = id;
        Trim(input);
        if (!await validator.ValidateIntoAsync(input, ModelState))
        {
            return View(input);
        }
        Apply(input, agency);
        audit.Record("agency.updated", nameof(Agency), agency.Id, agency.Id, agency.Code);
        await db.SaveChangesAsync();
        Flash(s["The agency has been saved."]);
        return LocalRedirect(LangPath("admin/agencies"));
    }

    private static void Trim(AgencyInput input)
    {
        input.Code = input.Code?.Trim().ToLowerInvariant();
        input.NameAr = input.NameAr?.Trim();
        input.NameEn = input.NameEn?.Trim();
        input.LegislationOfficeEmail = Blank(input.LegislationOfficeEmail);
        input.VocEmail = Blank(input.VocEmail);
        input.SupervisorEmail = Blank(input.SupervisorEmail);
        input.Website = Blank(input.Website);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Apply(AgencyInput input, Agency agency)
    {
        agency.Code = input.Code!;
        agency.Name = new LocalizedText(input.NameAr!, input.NameEn!);
        agency.LegislationOfficeEmail = input.LegislationOfficeEmail;
        agency.VocEmail = input.VocEmail;
        agency.SupervisorEmail = input.SupervisorEmail;
        agency.Website = input.Website;
        agency.IsActive = input.IsActive;
    }
}
