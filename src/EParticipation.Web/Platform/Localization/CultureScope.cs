using System.Globalization;

namespace EParticipation.Web.Platform.Localization;

/// <summary>
/// Renders something in a given language regardless of the request's: an email goes out in the
/// recipient's language even when a staff member working in English caused it.
/// </summary>
public readonly struct CultureScope : IDisposable
{
    private readonly CultureInfo _culture;
    private readonly CultureInfo _uiCulture;

    private CultureScope(string language)
    {
        _culture = CultureInfo.CurrentCulture;
        _uiCulture = CultureInfo.CurrentUICulture;
        var target = PortalCultures.For(language);
        CultureInfo.CurrentCulture = target;
        CultureInfo.CurrentUICulture = target;
    }

    public static CultureScope Use(string language) => new(language);

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
