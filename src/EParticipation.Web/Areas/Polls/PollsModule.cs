using EParticipation.Web.Areas.Polls.Services;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Seeding;
using EParticipation.Web.Platform.Web;

namespace EParticipation.Web.Areas.Polls;

/// <summary>
/// Opinion polls (as the Ministry of Justice runs them online): an agency asks one question with 2 to
/// 10 options between two dates; each confirmed account votes once and may change its vote until
/// closing; results appear to a person after they vote and to everyone after closing (or before, if
/// the poll says so); closed polls' results are open data.
/// </summary>
public static class PollsModule
{
    public const string Path = "polls";

    public static IServiceCollection AddPolls(this IServiceCollection services)
    {
        services.AddScoped<PollVoting>();
        services.AddScoped<PollQueries>();
        services.AddScoped<PollEditor>();
        services.AddScoped<IPersonalDataContributor, PollsPersonalData>();
        services.AddDataSeeder<PollsDemoSeeder>();
        services.AddNavigationItem(new NavigationItem("Polls", Path, 600, typeof(PollsResource)));
        services.AddNavigationItem(new NavigationItem("Manage polls", Path + "/manage", 600, typeof(PollsResource), NavigationPlace.StaffWorkspace, Roles.AgencyPublisher));
        return services;
    }
}
