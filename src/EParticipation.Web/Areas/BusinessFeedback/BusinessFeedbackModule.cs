using EParticipation.Web.Areas.BusinessFeedback.Services;
using EParticipation.Web.Platform.Web;

namespace EParticipation.Web.Areas.BusinessFeedback;

/// <summary>
/// Private-sector feedback (the national private-sector feedback platform): a business representative
/// says which regulation or procedure holds their business back, what it costs, and what should change.
/// Each becomes a case of kind business feedback for the agency, with the same clock and screens as a
/// complaint.
/// </summary>
public static class BusinessFeedbackModule
{
    public const string Path = "business-feedback";

    public static IServiceCollection AddBusinessFeedback(this IServiceCollection services)
    {
        services.AddScoped<FeedbackIntake>();
        services.AddNavigationItem(new NavigationItem("Business feedback", Path, 210, typeof(BusinessFeedbackResource), Group: NavigationGroup.Services));
        return services;
    }
}
