using EParticipation.Web.Areas.Ideas.Services;
using EParticipation.Web.Platform.Attachments;
using EParticipation.Web.Platform.Comments;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Notifications;
using EParticipation.Web.Platform.Participation;
using EParticipation.Web.Platform.Seeding;
using EParticipation.Web.Platform.Web;

namespace EParticipation.Web.Areas.Ideas;

/// <summary>
/// Ideas and challenges (Fikra): agencies post challenges, participants submit ideas to them or
/// freely, support and comment (through Platform/Comments); each agency's Voice-of-Beneficiary team
/// triages them up to "implemented", and the public sees each idea's whole path.
/// </summary>
public static class IdeasModule
{
    public const string Path = "ideas";

    public const string ChallengesPath = "challenges";

    public static IServiceCollection AddIdeas(this IServiceCollection services)
    {
        services.AddAttachments();
        services.AddPlatformComments();
        services.AddScoped<ICommentThread, IdeaCommentThread>();
        services.AddScoped<IdeaQueries>();
        services.AddSingleton<IdeaListCache>();
        services.AddSingleton<Platform.Caching.IInvalidatable>(sp => sp.GetRequiredService<IdeaListCache>());
        services.AddScoped<IdeaListChanges>();
        services.AddScoped<IdeaSubmissions>();
        services.AddScoped<IdeaTriage>();
        services.AddScoped<IdeaModeration>();
        services.AddScoped<IdeaEmails>();
        services.AddScoped<ChallengeEditor>();
        services.AddScoped<ParticipationDirectories>();
        services.AddScoped<IChallengeDirectory>(sp => sp.GetRequiredService<ParticipationDirectories>());
        services.AddScoped<IIdeaDirectory>(sp => sp.GetRequiredService<ParticipationDirectories>());
        services.AddScoped<IFollowedItems, IdeaFollows>();
        services.AddScoped<IPersonalDataContributor, IdeasPersonalData>();
        services.AddDataSeeder<IdeasDemoSeeder>();
        services.AddDataSeeder<IdeaWordsBackfill>();

        services.AddNavigationItem(new NavigationItem("Challenges", ChallengesPath, 200, typeof(IdeasResource)));
        services.AddNavigationItem(new NavigationItem("Ideas", Path, 210, typeof(IdeasResource)));
        services.AddNavigationItem(new NavigationItem("Manage challenges", ChallengesPath + "/manage", 200, typeof(IdeasResource), NavigationPlace.StaffWorkspace, Roles.AgencyPublisher));
        services.AddNavigationItem(new NavigationItem("Ideas to triage", Path + "/manage", 210, typeof(IdeasResource), NavigationPlace.StaffWorkspace, Roles.VocAnalyst));
        services.AddNavigationItem(new NavigationItem("Ideas awaiting moderation", Path + "/moderation", 820, typeof(IdeasResource), NavigationPlace.Main, Roles.Moderator));
        return services;
    }
}
