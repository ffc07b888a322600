using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Agencies;

/// <summary>
/// The agency staff's workspace: their agency, its team, and the staff screens each module adds.
/// An agency's page is shown only to that agency's staff.
/// </summary>
[Authorize(Policy = Policies.AgencyStaff)]
[Route(PortalRoute.Prefix + "/staff")]
public sealed class StaffController(AppDbContext db, IEnumerable<NavigationItem> navigation) : PortalController
{
    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var agencyId = User.AgencyId()!.Value;
        var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == agencyId);
        var links = navigation
            .Where(n => n.Place == NavigationPlace.StaffWorkspace && (n.Role is null || User.IsInRole(n.Role)))
            .OrderBy(n => n.Order)
            .ToList();
        return View(new StaffHomeModel(agency, links));
    }

    [HttpGet("agencies/{id:int}")]
    public async Task<IActionResult> Agency(int id)
    {
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id);
        if (agency is null)
        {
            return NotFound();
        }
        if (!User.IsStaffOf(agency.Id))
        {
            return DeniedForAgency(agency.Id);
        }
        var team = await db.Users.AsNoTracking()
            .Where(u => u.AgencyId == id)
            .OrderBy(u => u.FullName)
            .Select(u => new TeamMember(u.FullName, u.Email!,
                db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList()))
            .ToListAsync();
        return View(new AgencyProfileModel(agency, team));
    }
}

public sealed record StaffHomeModel(Agency Agency, IReadOnlyList<NavigationItem> Links);

public sealed record TeamMember(string Name, string Email, List<string> Roles);

public sealed record AgencyProfileModel(Agency Agency, IReadOnlyList<TeamMember> Team);
