using EParticipation.Web.Platform.Identity;
using Microsoft.AspNetCore.Authorization;

namespace EParticipation.Web.Platform.Agencies;

/// <summary>
/// Resource-based check used by every staff screen: the record asked for must belong to the
/// staff member's own agency, whatever id came in the address.
/// <c>await authorization.AuthorizeAsync(User, record, SameAgencyRequirement.Instance)</c>
/// </summary>
public sealed class SameAgencyRequirement : IAuthorizationRequirement
{
    public static SameAgencyRequirement Instance { get; } = new();
}

public sealed class SameAgencyHandler : AuthorizationHandler<SameAgencyRequirement, IAgencyOwned>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SameAgencyRequirement requirement, IAgencyOwned resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resource);
        if (context.User.IsStaffOf(resource.AgencyId))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
