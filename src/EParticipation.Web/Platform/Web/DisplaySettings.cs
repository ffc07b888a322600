namespace EParticipation.Web.Platform.Web;

/// <summary>
/// The visual settings of the header (text size and contrast), kept in a cookie so every page and
/// every later visit honours them. Read on the server, so they apply before the first paint.
/// </summary>
public sealed record DisplaySettings(string TextSize, bool HighContrast)
{
    public const string CookieName = "ep-display";

    public static readonly IReadOnlyList<string> TextSizes = ["normal", "large", "larger"];

    public static DisplaySettings Default { get; } = new("normal", false);

    public string CssClasses =>
        (TextSize == "normal" ? "" : "text-" + TextSize) + (HighContrast ? " high-contrast" : "");

    public string ToCookie() => $"{TextSize}|{(HighContrast ? "high" : "normal")}";

    public static DisplaySettings FromCookie(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Default;
        }
        var parts = value.Split('|');
        var size = TextSizes.Contains(parts[0]) ? parts[0] : "normal";
        var contrast = parts.Length > 1 && parts[1] == "high";
        return new DisplaySettings(size, contrast);
    }

    public static DisplaySettings From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return FromCookie(request.Cookies[CookieName]);
    }
}
