namespace EParticipation.Web.Platform.Security;

/// <summary>
/// Sign-in, antiforgery and temp-data cookies carry the Secure flag ("Security:SecureCookies",
/// true by default). Only the Development profile turns it off, so that `dotnet run` works on
/// http://localhost:5000; every deployment serves HTTPS.
/// </summary>
public static class CookiePolicy
{
    public static CookieSecurePolicy SecurePolicy(IConfiguration configuration) =>
        configuration.GetValue("Security:SecureCookies", true) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    /// <summary>A visitor's remembered choice (language, display settings): a year, not readable by script.</summary>
    public static CookieOptions Preference(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new CookieOptions
        {
            MaxAge = TimeSpan.FromDays(365),
            HttpOnly = true,
            Secure = request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
        };
    }
}
