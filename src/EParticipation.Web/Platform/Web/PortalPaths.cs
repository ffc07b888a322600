namespace EParticipation.Web.Platform.Web;

/// <summary>
/// Where the portal keeps what it writes: the SQLite file, the mail pickup folder, uploads and logs.
/// Configuration key "Portal:DataFolder"; by default App_Data under the content root. Nothing in
/// it is ever served as a static file.
/// </summary>
public static class PortalPaths
{
    public static string DataFolder(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration["Portal:DataFolder"];
        var root = configuration[WebHostDefaults.ContentRootKey] ?? Directory.GetCurrentDirectory();
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(root, "App_Data") : Path.Combine(root, configured));
    }

    public static string Under(IConfiguration configuration, string name) =>
        Path.Combine(DataFolder(configuration), name);
}
