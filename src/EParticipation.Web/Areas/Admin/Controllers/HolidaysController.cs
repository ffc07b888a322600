using EParticipation.Web.Areas.Admin.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Cases;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Admin.Controllers;

/// <summary>
/// The public-holiday table that business-day response targets skip. Each change recomputes the due
/// days of open cases in the same transaction (each moved date a timeline entry on its case).
/// </summary>
[Route(PortalRoute.Prefix + "/admin/holidays")]
public sealed class HolidaysController(AppDbContext db, AuditLog audit, CaseWorkflow cases, IStringLocalizer<SharedResource> s) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index() =>
        View(await db.PublicHolidays.AsNoTracking().OrderBy(h => h.StartDate).ToListAsync());

    [HttpGet("new")]
    public IActionResult Create() => View("Edit", new HolidayInput());

    [HttpPost("new")]
    public async Task<IActionResult> Create(HolidayInput input, [FromServices] IValidator<HolidayInput> validator)
    {
        input.Id = null;
        if (!await validator.ValidateIntoAsync(input, ModelState))
        {
            return View("Edit", input);
        }
        var holiday = new PublicHoliday();
        Apply(input, holiday);
        // The audit entry needs the new id: two saves, one transaction, so both commit or neither.
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.PublicHolidays.Add(holiday);
        await db.SaveChangesAsync();
        audit.Record("holiday.created", nameof(PublicHoliday), holiday.Id, summary: $"{holiday.StartDate:yyyy-MM-dd}..{holiday.EndDate:yyyy-MM-dd}");
        await db.SaveChangesAsync();
        await RecomputeDueDatesAsync();
        await transaction.CommitAsync();
        Flash(s["The holiday has been added."]);
        return LocalRedirect(LangPath("admin/holidays"));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id)
    {
        var holiday = await db.PublicHolidays.FindAsync(id);
        return holiday is null ? NotFound() : View(HolidayInput.From(holiday));
    }

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Edit(int id, HolidayInput input, [FromServices] IValidator<HolidayInput> validator)
    {
        var holiday = await db.PublicHolidays.FindAsync(id);
        if (holiday is null)
        {
            return NotFound();
        }
        input.Id = id;
        if (!await validator.ValidateIntoAsync(input, ModelState))
        {
            return View(input);
        }
        Apply(input, holiday);
        await using var transaction = await db.Database.BeginTransactionAsync();
        audit.Record("holiday.updated", nameof(PublicHoliday), holiday.Id, summary: $"{holiday.StartDate:yyyy-MM-dd}..{holiday.EndDate:yyyy-MM-dd}");
        await db.SaveChangesAsync();
        await RecomputeDueDatesAsync();
        await transaction.CommitAsync();
        Flash(s["The holiday has been saved."]);
        return LocalRedirect(LangPath("admin/holidays"));
    }

    [HttpPost("{id:int}/delete")]
    public async Task<IActionResult> Delete(int id)
    {
        var holiday = await db.PublicHolidays.FindAsync(id);
        if (holiday is null)
        {
            return NotFound();
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.PublicHolidays.Remove(holiday);
        audit.Record("holiday.deleted", nameof(PublicHoliday), holiday.Id, summary: $"{holiday.Name.Ar} {holiday.StartDate:yyyy-MM-dd}..{holiday.EndDate:yyyy-MM-dd}");
        await db.SaveChangesAsync();
        await RecomputeDueDatesAsync();
        await transaction.CommitAsync();
        Flash(s["The holiday has been deleted."]);
        return LocalRedirect(LangPath("admin/holidays"));
    }

    /// <summary>The table as saved so far in this transaction decides the open cases' due days.</summary>
    private async Task RecomputeDueDatesAsync()
    {
        var changed = await cases.RecomputeDueDatesAsync(await db.PublicHolidays.AsNoTracking().ToListAsync());
        if (changed > 0)
        {
            audit.Record("cases.due-dates-recomputed", nameof(PublicHoliday), "*", summary: $"{changed} open cases");
        }
        await db.SaveChangesAsync();
    }

    private static void Apply(HolidayInput input, PublicHoliday holiday)
    {
        holiday.Name = new LocalizedText(input.NameAr!.Trim(), input.NameEn!.Trim());
        holiday.StartDate = input.StartDate!.Value;
        holiday.EndDate = input.EndDate!.Value;
    }
}
