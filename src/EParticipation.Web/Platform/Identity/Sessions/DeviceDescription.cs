namespace EParticipation.Web.Platform.Identity.Sessions;

/// <summary>
/// Turns a User-Agent header into the few words a person recognises their device by
/// ("Firefox on Windows"). Only this description is stored, not the header.
/// </summary>
public static class DeviceDescription
{
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"), ("Firefox/", "Firefox"),
        ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"), ("Chrome/", "Chrome"), ("Chromium/", "Chromium"), ("Safari/", "Safari"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("Windows", "Windows"),
        ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux"),
    ];

    public static string From(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "";
        }
        var browser = Browsers.FirstOrDefault(b => userAgent.Contains(b.Token, StringComparison.Ordinal)).Name;
        var system = Systems.FirstOrDefault(s => userAgent.Contains(s.Token, StringComparison.Ordinal)).Name;
        var text = (browser, system) switch
        {
            (not null, not null) => browser + " · " + system,
            (not null, null) => browser,
            (null, not null) => system,
            _ => userAgent.Length > 60 ? userAgent[..60] : userAgent,
        };
        return text.Length > 100 ? text[..100] : text;
    }
}
