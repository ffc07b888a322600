using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Web;

namespace EParticipation.Web.Areas.Admin;

/// <summary>Platform administration: agencies, users and roles, public holidays, audit log.</summary>
public static class AdminModule
{
    public static IServiceCollection AddAdministration(this IServiceCollection services) =>
        services.AddNavigationItem(new NavigationItem("Administration", "admin", 900, typeof(SharedResource), NavigationPlace.Main, Roles.Administrator));
}
