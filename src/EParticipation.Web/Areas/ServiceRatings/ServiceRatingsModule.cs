using EParticipation.Web.Platform.Participation;
using EParticipation.Web.Areas.ServiceRatings.Services;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Moderation;
using EParticipation.Web.Platform.Seeding;
using EParticipation.Web.Platform.Web;

namespace EParticipation.Web.Areas.ServiceRatings;

/// <summary>
/// Service ratings (Watani): the catalogue of government services, citizens' ratings with an optional
/// suggestion that becomes a case, "was this information useful?" on every page, and the public
/// performance dashboard with honest figures (sample sizes, Wilson intervals, nothing below a minimum).
/// </summary>
public static class ServiceRatingsModule
{
    public const string Path = "services";

    public const string DashboardPath = "dashboard";

    /// <summary>Moderation reports of rating comments (Platform/Moderation) carry this content type.</summary>
    public const string CommentContentType = "service-rating";

    public static IServiceCollection AddServiceRatings(this IServiceCollection services)
    {
        services.AddContentModeration();
        services.AddSingleton<GovernmentServiceCache>();
        services.AddSingleton<Platform.Caching.IInvalidatable>(sp => sp.GetRequiredService<GovernmentServiceCache>());
        services.AddSingleton<GovernmentServiceChangeInterceptor>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<GovernmentServiceChangeInterceptor>());
        services.AddScoped<ServiceCatalogue>();
        services.AddScoped<IServiceDirectory>(sp => sp.GetRequiredService<ServiceCatalogue>());
        services.AddScoped<RatingAggregates>();
        services.AddScoped<RatingSubmission>();
        services.AddScoped<DashboardQueries>();
        services.AddScoped<PageFeedbackService>();
        services.AddScoped<ServiceEditor>();
        services.AddDataSeeder<ServiceCatalogueSeeder>();
        services.AddDataSeeder<ServiceRatingsDemoSeeder>();
        services.AddNavigationItem(new NavigationItem("Rate services", Path, 220, typeof(ServiceRatingsResource), Group: NavigationGroup.Services));
        services.AddNavigationItem(new NavigationItem("Performance dashboard", DashboardPath, 230, typeof(ServiceRatingsResource), Group: NavigationGroup.Services));
        services.AddNavigationItem(new NavigationItem("Our agency's services", Path + "/manage", 240, typeof(ServiceRatingsResource), NavigationPlace.StaffWorkspace, Roles.AgencyPublisher));
        services.AddNavigationItem(new NavigationItem("Page usefulness", "page-feedback/results", 251, typeof(ServiceRatingsResource), NavigationPlace.StaffWorkspace, Roles.AgencyPublisher));
        services.AddNavigationItem(new NavigationItem("Reported rating comments", Path + "/moderation", 810, typeof(ServiceRatingsResource), NavigationPlace.StaffWorkspace, Roles.Moderator));
        return services;
    }
}
