using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Seeding;
using EParticipation.Web.Platform.Web;

namespace EParticipation.Web.Platform.Cases;

public static class CasesSetup
{
    /// <summary>The one case workflow: its services, the officers' queue in the staff workspace, "My cases".</summary>
    public static IServiceCollection AddCases(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        // The platform adds it once for every module that files cases (and for the holidays screen, which recomputes due dates).
        if (services.Any(d => d.ServiceType == typeof(CaseWorkflow)))
        {
            return services;
        }
        services.AddSingleton<TrackingNumbers>();
        services.AddScoped<CaseEmails>();
        services.AddScoped<CaseWorkflow>();
        services.AddScoped<CaseQueries>();
        services.AddScoped<CaseDeadlines>();
        services.AddScoped<CaseStats>();
        services.AddScoped<IPersonalDataContributor, CasesPersonalData>();
        services.AddDataSeeder<CaseDerivedFieldsSeeder>();
        services.Configure<CaseOptions>(configuration.GetSection(CaseOptions.Section));
        if ((configuration.GetSection(CaseOptions.Section).Get<CaseOptions>() ?? new()).DeadlinesEnabled)
        {
            services.AddHostedService<CaseDeadlineService>();
        }
        services.AddNavigationItem(new NavigationItem("Case queue", "staff/cases", 200, typeof(SharedResource), NavigationPlace.StaffWorkspace, Roles.CaseOfficer));
        services.AddSingleton(new AccountLink("My cases", "account/cases", 20, typeof(SharedResource)));
        return services;
    }
}
