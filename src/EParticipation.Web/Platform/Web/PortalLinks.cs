namespace EParticipation.Web.Platform.Web;

/// <summary>
/// Absolute links for emails. Built from configuration ("Portal:PublicBaseUrl"), never from the
/// request's Host header, which a client controls (host-header poisoning of reset links).
/// </summary>
public sealed class PortalLinks(IConfiguration configuration)
{
    public Uri BaseUrl { get; } = new((configuration["Portal:PublicBaseUrl"] ?? "http://localhost:5000").TrimEnd('/') + "/");

    public string Absolute(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        return new Uri(BaseUrl, pathAndQuery.TrimStart('/')).ToString();
    }
}
