namespace EParticipation.Web.Platform.Web;

/// <summary>
/// An entry in the main navigation or the staff workspace. Each module registers its own, so the
/// layout never needs to know which modules exist.
/// </summary>
/// <param name="Key">The English text, looked up in <paramref name="ResourceType"/> for the page's language.</param>
/// <param name="Path">The address after the language segment, for example "consultations".</param>
public sealed record NavigationItem(string Key, string Path, int Order, Type ResourceType, NavigationPlace Place = NavigationPlace.Main, string? Role = null);

public enum NavigationPlace
{
    Main,
    StaffWorkspace,
}

public static class NavigationExtensions
{
    public static IServiceCollection AddNavigationItem(this IServiceCollection services, NavigationItem item) =>
        services.AddSingleton(item);
}

/// <summary>A link a module adds to the "My account" page (my participation, notification preferences, ...).</summary>
public sealed record AccountLink(string Key, string Path, int Order, Type ResourceType);
