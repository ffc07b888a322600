using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Cases;

/// <summary>Who handles a case's emails on the agency's side: its assigned officer, or all of the agency's case officers.</summary>
public static class CaseOfficers
{
    /// <summary>The agency's case officers whose accounts still exist.</summary>
    public static async Task<List<ApplicationUser>> OfAgencyAsync(AppDbContext db, int agencyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var role = await db.Roles.Where(r => r.Name == Roles.CaseOfficer).Select(r => r.Id).SingleAsync(cancellationToken);
        return await db.Users.AsNoTracking()
            .Where(u => u.AgencyId == agencyId && u.DeletedAt == null && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == role))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The assigned officer, or every case officer of the agency while nobody is assigned.</summary>
    public static async Task<List<ApplicationUser>> ForCaseAsync(AppDbContext db, Case c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(c);
        if (c.AssignedToId is { } assigned)
        {
            return await db.Users.AsNoTracking().Where(u => u.Id == assigned && u.DeletedAt == null).ToListAsync(cancellationToken);
        }
        return await OfAgencyAsync(db, c.AgencyId, cancellationToken);
    }
}
