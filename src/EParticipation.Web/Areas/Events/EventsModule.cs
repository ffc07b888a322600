using EParticipation.Web.Areas.Events.Services;
using EParticipation.Web.Platform.Attachments;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Web;

namespace EParticipation.Web.Areas.Events;

/// <summary>
/// Hackathons, workshops, co-creation sessions, public hearings and webinars: the public list and
/// pages, registration (individual or team) with capacity, reserved seats and a waitlist, check-in
/// codes, calendar files and feeds, and the agencies' screens to publish and run them.
/// </summary>
public static class EventsModule
{
    public const string Path = "events";

    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddScoped<EventCalendar>();
        services.AddScoped<EventEmails>();
        services.AddScoped<EventRegistrations>();
        services.AddScoped<EventEditor>();
        services.AddScoped<EventQueries>();
        services.AddScoped<Hackathons>();
        services.AddAttachments();
        services.AddScoped<IPersonalDataContributor, EventsPersonalData>();
        services.AddNavigationItem(new NavigationItem("Events", Path, 500, typeof(EventsResource)));
        services.AddNavigationItem(new NavigationItem("Manage events", Path + "/manage", 500, typeof(EventsResource), NavigationPlace.StaffWorkspace, Roles.AgencyPublisher));
        services.AddNavigationItem(new NavigationItem("Hackathon judging", Path + "/manage/judging", 510, typeof(EventsResource), NavigationPlace.StaffWorkspace));
        services.AddSingleton(new AccountLink("My event registrations", Path + "/my-registrations", 120, typeof(EventsResource)));
        return services;
    }
}
