using System.Globalization;
using System.Security.Claims;

namespace EParticipation.Web.Platform.Identity;

public static class ClaimsPrincipalExtensions
{
    public static Guid? UserId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
    }

    public static Guid RequiredUserId(this ClaimsPrincipal user) =>
        user.UserId() ?? throw new InvalidOperationException("The request is not signed in.");

    /// <summary>The key of the server-side session the request is signed in with.</summary>
    public static string? SessionId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(PortalClaims.SessionId);
    }

    /// <summary>The agency a staff member works for, or null for participants and platform staff.</summary>
    public static int? AgencyId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return int.TryParse(user.FindFirstValue(PortalClaims.AgencyId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>
    /// True when the user is staff of exactly this agency. Every staff screen checks the record it
    /// was asked for with this, whatever id came in the address.
    /// </summary>
    public static bool IsStaffOf(this ClaimsPrincipal user, int agencyId) =>
        user.AgencyId() == agencyId && Roles.AgencyRoles.Any(user.IsInRole);

    public static bool IsStaffOf(this ClaimsPrincipal user, int agencyId, string role) =>
        user.AgencyId() == agencyId && user.IsInRole(role);
}
