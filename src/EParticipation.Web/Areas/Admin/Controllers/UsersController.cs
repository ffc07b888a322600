using EParticipation.Web.Areas.Admin.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Identity.Sessions;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Admin.Controllers;

[Route(PortalRoute.Prefix + "/admin/users")]
public sealed class UsersController(
    AppDbContext db,
    UserManager<ApplicationUser> users,
    AuditLog audit,
    UserSessions sessions,
    TimeProvider clock,
    IStringLocalizer<SharedResource> s) : AdminController
{
    private const int PageSize = 25;

    [HttpGet("")]
    public async Task<IActionResult> Index(UserListQuery query)
    {
        var q = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var term = query.Q.Trim().ToUpperInvariant();
            q = q.Where(u => u.NormalizedEmail!.Contains(term) || u.FullName.Contains(query.Q.Trim()));
        }
        if (!string.IsNullOrEmpty(query.Role) && Roles.All.Contains(query.Role))
        {
            var roleId = await db.Roles.Where(r => r.Name == query.Role).Select(r => r.Id).SingleAsync();
            q = q.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        }
        var now = clock.GetUtcNow();
        var page = await q.OrderBy(u => u.Email)
            .Select(u => new UserRow(
                u.Id,
                u.FullName,
                u.Email!,
                u.AccountType.ToString(),
                u.EmailConfirmed,
                u.Agency == null ? null : (Lang == "en" ? u.Agency.Name.En : u.Agency.Name.Ar),
                u.LockoutEnd != null && u.LockoutEnd > now,
                db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList()))
            .ToPagedAsync(PagingExtensions.ClampPage(query.Page), PageSize);
        ViewData["Query"] = query;
        return View(page);
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Edit(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }
        var roles = await users.GetRolesAsync(user);
        return View(await PageFor(user, roles, new UserEditInput { Roles = [.. roles], AgencyId = user.AgencyId }));
    }

    [HttpPost("{id:guid}")]
    public async Task<IActionResult> Edit(Guid id, UserEditInput input, [FromServices] IValidator<UserEditInput> validator)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }
        var current = await users.GetRolesAsync(user);
        input.Roles = input.Roles.Distinct().ToList();
        if (input.AgencyId is { } agencyId && !await db.Agencies.AnyAsync(a => a.Id == agencyId))
        {
            ModelState.AddModelError(nameof(input.AgencyId), s["Choose an agency from the list."]);
        }
        if (user.Id == User.UserId() && current.Contains(Roles.Administrator) && !input.Roles.Contains(Roles.Administrator))
        {
            ModelState.AddModelError(nameof(input.Roles), s["You cannot remove your own administrator role."]);
        }
        if (!await validator.ValidateIntoAsync(input, ModelState))
        {
            return View(await PageFor(user, current, input));
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var removed = current.Except(input.Roles).ToList();
        var added = input.Roles.Except(current).ToList();
        if (removed.Count > 0)
        {
            await users.RemoveFromRolesAsync(user, removed);
        }
        if (added.Count > 0)
        {
            await users.AddToRolesAsync(user, added);
        }
        var agencyChanged = user.AgencyId != input.AgencyId;
        user.AgencyId = input.AgencyId;
        // The account's sessions end now: it signs in again with its new roles and agency.
        await users.UpdateSecurityStampAsync(user);
        if (agencyChanged || removed.Count > 0 || added.Count > 0)
        {
            await sessions.EndAllAsync(user.Id);
        }
        audit.Record("user.roles-changed", "User", user.Id, input.AgencyId,
            $"roles: {string.Join(",", input.Roles.Order())}" + (agencyChanged ? $"; agency: {input.AgencyId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}" : ""));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        Flash(s["The account has been saved."]);
        return LocalRedirect(LangPath($"admin/users/{id}"));
    }

    [HttpPost("{id:guid}/lock")]
    public async Task<IActionResult> Lock(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }
        if (user.Id == User.UserId())
        {
            Flash(s["You cannot lock your own account."]);
            return LocalRedirect(LangPath($"admin/users/{id}"));
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
        await sessions.EndAllAsync(user.Id);
        audit.Record("user.locked", "User", user.Id, user.AgencyId);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        Flash(s["The account is locked."]);
        return LocalRedirect(LangPath($"admin/users/{id}"));
    }

    [HttpPost("{id:guid}/unlock")]
    public async Task<IActionResult> Unlock(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        audit.Record("user.unlocked", "User", user.Id, user.AgencyId);
        await db.SaveChangesAsync();
        Flash(s["The account is unlocked."]);
        return LocalRedirect(LangPath($"admin/users/{id}"));
    }

    private async Task<UserEditPage> PageFor(ApplicationUser user, IList<string> current, UserEditInput input)
    {
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Code)
            .Select(a => new { a.Id, a.Name })
            .ToListAsync();
        var items = agencies.Select(a => new SelectListItem(a.Name.Current, a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Id == input.AgencyId)).ToList();
        var locked = user.LockoutEnd is { } end && end > clock.GetUtcNow();
        return new UserEditPage(user, [.. current], input, items, locked);
    }
}
