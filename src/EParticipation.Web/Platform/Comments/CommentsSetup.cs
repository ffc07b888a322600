using EParticipation.Web.Platform.Moderation;
using EParticipation.Web.Platform.Web;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EParticipation.Web.Platform.Comments;

public static class CommentsSetup
{
    /// <summary>Registers the comment rules, the counter batcher and the moderators' one queue once, however many modules ask.</summary>
    public static IServiceCollection AddPlatformComments(this IServiceCollection services)
    {
        services.AddContentModeration();
        if (services.Any(d => d.ServiceType == typeof(CommentService)))
        {
            return services;
        }
        services.TryAddScoped<CommentService>();
        services.TryAddScoped<CommentWorkflow>();
        services.TryAddScoped<CommentQueueService>();
        services.TryAddSingleton<CounterBatcher>();
        services.AddScoped<ICommentSource, ThreadCommentSource>();
        services.AddScoped<Identity.IPersonalDataContributor, CommentsPersonalData>();
        services.AddNavigationItem(new NavigationItem("Moderation of comments", "moderation/comments", 810, typeof(SharedResource), NavigationPlace.Main, Identity.Roles.Moderator));
        return services;
    }
}
