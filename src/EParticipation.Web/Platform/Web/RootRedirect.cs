using EParticipation.Web.Platform.Localization;
using Microsoft.Net.Http.Headers;

namespace EParticipation.Web.Platform.Web;

/// <summary>
/// "/" sends the visitor to /ar or /en: the first of Arabic or English in their browser's
/// Accept-Language (by preference), otherwise the language they last used here (cookie),
/// otherwise Arabic.
/// </summary>
public static class RootRedirect
{
    public static string ChooseLanguage(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var accepted = request.GetTypedHeaders().AcceptLanguage
            .Where(l => (l.Quality ?? 1) > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value?.Split('-')[0].ToLowerInvariant())
            .FirstOrDefault(PortalCultures.IsSupported);
        if (accepted is not null)
        {
            return accepted;
        }
        var cookie = request.Cookies[PortalCultures.CookieName];
        return PortalCultures.IsSupported(cookie) ? cookie!.ToLowerInvariant() : PortalCultures.Default;
    }

    private static readonly string Vary = HeaderNames.AcceptLanguage + ", " + HeaderNames.Cookie;

    public static IResult Handle(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.Vary = Vary;
        return Results.Redirect("/" + ChooseLanguage(context.Request));
    }
}

/// <summary>Remembers the language of the last page visited, for the next visit to "/".</summary>
public sealed class LanguageCookieMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var language = PortalCultures.FromPath(context.Request.Path.Value);
        if (language is not null && context.Request.Cookies[PortalCultures.CookieName] != language)
        {
            context.Response.Cookies.Append(PortalCultures.CookieName, language, Security.CookiePolicy.Preference(context.Request));
        }
        return next(context);
    }
}
