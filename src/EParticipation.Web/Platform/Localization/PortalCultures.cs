using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;

namespace EParticipation.Web.Platform.Localization;

/// <summary>The portal's two languages and the culture objects behind them.</summary>
public static class PortalCultures
{
    public const string Arabic = "ar";
    public const string English = "en";
    public const string Default = Arabic;
    public const string CookieName = "ep-lang";

    private static readonly CultureInfo ArabicCulture = CreateArabic();
    private static readonly CultureInfo EnglishCulture = CultureInfo.ReadOnly(new CultureInfo("en-GB"));

    public static IList<CultureInfo> All { get; } = [ArabicCulture, EnglishCulture];

    public static bool IsSupported(string? code) =>
        string.Equals(code, Arabic, StringComparison.OrdinalIgnoreCase)
        || string.Equals(code, English, StringComparison.OrdinalIgnoreCase);

    public static CultureInfo For(string code) =>
        string.Equals(code, English, StringComparison.OrdinalIgnoreCase) ? EnglishCulture : ArabicCulture;

    /// <summary>The two-letter code of the language the current request is rendered in.</summary>
    public static string Current =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == English ? English : Arabic;

    public static string Other(string code) => code == English ? Arabic : English;

    /// <summary>The language named by the first segment of a path such as <c>/ar/consultations</c>.</summary>
    public static string? FromPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Length < 3 || path[0] != '/')
        {
            return null;
        }
        var segment = path.Length == 3 || path[3] == '/' ? path.Substring(1, 2) : null;
        return IsSupported(segment) ? segment!.ToLowerInvariant() : null;
    }

    /// <summary>The same address in the other language: <c>/ar/x?y</c> becomes <c>/en/x?y</c>.</summary>
    public static string SwitchPath(string path, string query, string target)
    {
        var current = FromPath(path);
        var rest = current is null ? "" : path[3..];
        return "/" + target + rest + query;
    }

    /// <summary>
    /// The language a request is really about. For an error page re-executed by the framework the
    /// original address counts, so a 404 under /en/ is answered in English.
    /// </summary>
    public static string? FromRequest(HttpContext context)
    {
        var original = context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? context.Features.Get<IExceptionHandlerPathFeature>()?.Path;
        return FromPath(original) ?? FromPath(context.Request.Path.Value);
    }

    // Saudi Arabic for names and text direction, but the Gregorian calendar for parsing and plain
    // formatting: ar-SA defaults to Umm al-Qura, which would read "2026-11-23" from a date input as a
    // Hijri year. Hijri dates are always formatted explicitly (see DualDate). Numbers keep Western
    // digits and the dot, as Saudi government sites do.
    private static CultureInfo CreateArabic()
    {
        var culture = (CultureInfo)new CultureInfo("ar-SA").Clone();
        culture.DateTimeFormat.Calendar = new GregorianCalendar();
        culture.NumberFormat = (NumberFormatInfo)CultureInfo.InvariantCulture.NumberFormat.Clone();
        return CultureInfo.ReadOnly(culture);
    }
}
