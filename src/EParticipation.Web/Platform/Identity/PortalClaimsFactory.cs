using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EParticipation.Web.Platform.Identity;

/// <summary>Puts the agency, account type and name into the sign-in cookie.</summary>
public sealed class PortalClaimsFactory(
    UserManager<ApplicationUser> users,
    RoleManager<ApplicationRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, ApplicationRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.FullName, user.FullName));
        identity.AddClaim(new Claim(PortalClaims.AccountType, user.AccountType.ToString()));
        identity.AddClaim(new Claim(PortalClaims.Language, user.PreferredLanguage));
        if (user.AgencyId is { } agencyId)
        {
            identity.AddClaim(new Claim(PortalClaims.AgencyId, agencyId.ToString(CultureInfo.InvariantCulture)));
        }
        return identity;
    }
}
