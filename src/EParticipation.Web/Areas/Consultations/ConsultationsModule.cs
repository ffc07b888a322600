using EParticipation.Web.Areas.Consultations.Services;
using EParticipation.Web.Platform.Attachments;
using EParticipation.Web.Platform.Comments;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Moderation;
using EParticipation.Web.Platform.Seeding;
using EParticipation.Web.Platform.Web;

namespace EParticipation.Web.Areas.Consultations;

/// <summary>
/// Public consultations (Istitlaa for laws and regulations, Tafaul for strategies, policies,
/// initiatives and services): browsing, article-by-article comments, questionnaires, the agencies'
/// screens to publish them, the moderators' queue; after closing, the review of comments (grouping,
/// dispositions, exports), the summary report, and the open-data API.
/// </summary>
public static class ConsultationsModule
{
    public const string Path = "consultations";

    public static IServiceCollection AddConsultations(this IServiceCollection services)
    {
        services.AddAttachments();
        services.AddContentModeration();
        services.AddScoped<ConsultationLookups>();
        services.AddScoped<ConsultationQueries>();
        services.AddSingleton<PublicPageCache>();
        services.AddSingleton<Platform.Caching.IInvalidatable>(sp => sp.GetRequiredService<PublicPageCache>());
        // Comments follow the platform's rules (Platform/Comments); their queue is also the platform's one queue.
        services.AddPlatformComments();
        services.AddScoped<ICommentSource, ConsultationCommentSource>();
        services.AddScoped<CounterRecount>();
        services.AddSingleton<CounterRecountService>();
        services.AddHostedService(sp => sp.GetRequiredService<CounterRecountService>());
        services.AddSingleton<ConsultationChangeInterceptor>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<ConsultationChangeInterceptor>());
        services.AddScoped<ParticipationService>();
        services.AddScoped<QuestionnaireService>();
        services.AddScoped<ConsultationEditor>();
        services.AddScoped<CommentModeration>();
        services.AddScoped<ConsultationEmails>();
        services.AddScoped<CommentReview>();
        services.AddScoped<SummaryReports>();
        services.AddScoped<ConsultationExports>();
        services.AddScoped<Platform.Identity.IPersonalDataContributor, ConsultationsPersonalData>();
        services.AddScoped<Platform.Notifications.IFollowedItems, ConsultationFollows>();
        services.AddDataSeeder<ConsultationsDemoSeeder>();

        services.AddNavigationItem(new NavigationItem("Consultations", Path, 100, typeof(ConsultationsResource)));
        services.AddNavigationItem(new NavigationItem("Manage consultations", Path + "/manage", 100, typeof(ConsultationsResource), NavigationPlace.StaffWorkspace, Roles.AgencyPublisher));
        services.AddNavigationItem(new NavigationItem("Consultation questionnaires", Path + "/manage/questionnaires", 110, typeof(ConsultationsResource), NavigationPlace.StaffWorkspace, Roles.LegislationReviewer));
        services.AddNavigationItem(new NavigationItem("Review and summary reports", Path + "/manage/reviews", 120, typeof(ConsultationsResource), NavigationPlace.StaffWorkspace, Roles.LegislationReviewer));
        services.AddNavigationItem(new NavigationItem("Comment moderation", Path + "/moderation", 800, typeof(ConsultationsResource), NavigationPlace.Main, Roles.Moderator));
        services.AddSingleton(new AccountLink("My participation in consultations", Path + "/my-participation", 100, typeof(ConsultationsResource)));
        services.AddSingleton(new HomeSection("OpenConsultations", 100));
        return services;
    }
}
