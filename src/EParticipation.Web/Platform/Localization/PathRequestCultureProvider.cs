using Microsoft.AspNetCore.Localization;

namespace EParticipation.Web.Platform.Localization;

/// <summary>Takes the language from the address (<c>/ar/...</c>, <c>/en/...</c>).</summary>
public sealed class PathRequestCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var code = PortalCultures.FromRequest(httpContext);
        return Task.FromResult(code is null ? null : new ProviderCultureResult(code == PortalCultures.Arabic ? "ar-SA" : "en-GB"));
    }
}
