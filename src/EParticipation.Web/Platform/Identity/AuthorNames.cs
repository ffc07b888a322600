using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Platform.Identity;

/// <summary>
/// The name shown with a contribution. When its author deletes their account the stored name is
/// replaced by <see cref="Deleted"/>, a marker that every page shows as one word in its own
/// language ("مشارك" or "Participant"), never both.
/// </summary>
public static class AuthorNames
{
    /// <summary>Stored in place of the name of an author who deleted their account (kept as older rows have it).</summary>
    public const string Deleted = "مشارك | Participant";

    public static string Show(string storedName, IStringLocalizer<SharedResource> s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return storedName == Deleted ? s["Participant"] : storedName;
    }

    /// <summary>
    /// The name as a file, feed or email in <paramref name="language"/> writes it (CSV and JSON
    /// exports, open data): the marker of a deleted author becomes "مشارك" or "Participant".
    /// </summary>
    public static string Show(string storedName, string language) =>
        storedName == Deleted ? (language == Localization.PortalCultures.English ? "Participant" : "مشارك") : storedName;

    /// <summary>The name in the current request's language (<see cref="Localization.PortalCultures.Current"/>).</summary>
    public static string Show(string storedName) => Show(storedName, Localization.PortalCultures.Current);
}
