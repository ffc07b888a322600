namespace EParticipation.Web.Platform.Web;

/// <summary>
/// An entry in the main navigation or the staff workspace. Each module registers its own, so the
/// layout never needs to know which modules exist.
/// </summary>
/// <param name="Key">The English text, looked up in <paramref name="ResourceType"/> for the page's language.</param>
/// <param name="Path">The address after the language segment, for example "consultations".</param>
/// <param name="Group">Where a public main-menu entry sits; an entry with a <paramref name="Role"/> goes under <see cref="NavigationGroup.Staff"/>.</param>
public sealed record NavigationItem(string Key, string Path, int Order, Type ResourceType, NavigationPlace Place = NavigationPlace.Main, string? Role = null,
    NavigationGroup Group = NavigationGroup.TakePart)
{
    /// <summary>The menu this entry appears under.</summary>
    public NavigationGroup MenuGroup => Role is null ? Group : NavigationGroup.Staff;
}

public enum NavigationPlace
{
    Main,
    StaffWorkspace,
}

/// <summary>The main menu's groups, each a disclosure menu, as a government portal arranges them.</summary>
public enum NavigationGroup
{
    /// <summary>Consultations, challenges and ideas, events, polls.</summary>
    TakePart,

    /// <summary>Complaints, business feedback, service ratings, the performance dashboard.</summary>
    Services,

    /// <summary>Moderation and administration, for the roles that have them.</summary>
    Staff,
}

/// <summary>The labels of <see cref="NavigationGroup"/>, keys of SharedResource.</summary>
public static class NavigationGroups
{
    public static IReadOnlyList<(NavigationGroup Group, string Key, string Id)> All { get; } =
    [
        (NavigationGroup.TakePart, "Take part", "menu-take-part"),
        (NavigationGroup.Services, "Services and feedback", "menu-services"),
        (NavigationGroup.Staff, "Staff tools", "menu-staff"),
    ];
}

public static class NavigationExtensions
{
    public static IServiceCollection AddNavigationItem(this IServiceCollection services, NavigationItem item) =>
        services.AddSingleton(item);
}

/// <summary>A link a module adds to the "My account" page (my participation, notification preferences, ...).</summary>
public sealed record AccountLink(string Key, string Path, int Order, Type ResourceType);
