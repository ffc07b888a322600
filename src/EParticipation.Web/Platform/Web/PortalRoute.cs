namespace EParticipation.Web.Platform.Web;

/// <summary>Every public address starts with the language: /ar/... or /en/....</summary>
public static class PortalRoute
{
    public const string Prefix = "{culture:lang}";
}

/// <summary>Matches "ar" or "en" in the first segment of an address.</summary>
public sealed class LanguageRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.TryGetValue(routeKey, out var value)
            && value is string code
            && (code == Localization.PortalCultures.Arabic || code == Localization.PortalCultures.English);
    }
}
