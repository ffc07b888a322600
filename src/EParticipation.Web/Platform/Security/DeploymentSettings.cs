namespace EParticipation.Web.Platform.Security;

/// <summary>
/// The settings a deployment must give itself (outside Development), read as the operator wrote
/// them: null when a key is absent. Checked at start by <see cref="DeploymentSettingsValidator"/>.
/// </summary>
public sealed class DeploymentSettings
{
    public const string PublicBaseUrlKey = "Portal:PublicBaseUrl";
    public const string AllowedHostsKey = "AllowedHosts";
    public const string BehindProxyKey = "Portal:BehindProxy";
    public const string KnownProxiesKey = "Portal:KnownProxies";
    public const string KnownNetworksKey = "Portal:KnownNetworks";
    public const string DatabaseProviderKey = "Database:Provider";
    public const string DatabaseConnectionStringKey = "Database:ConnectionString";
    public const string PortalConnectionStringKey = "ConnectionStrings:Portal";
    public const string EmailDeliveryKey = "Email:Delivery";
    public const string SmtpHostKey = "Email:Smtp:Host";

    public string? PublicBaseUrl { get; set; }

    public string? AllowedHosts { get; set; }

    public string? BehindProxy { get; set; }

    public IReadOnlyList<string> KnownProxies { get; set; } = [];

    public IReadOnlyList<string> KnownNetworks { get; set; } = [];

    public string? DatabaseProvider { get; set; }

    public string? DatabaseConnectionString { get; set; }

    public string? EmailDelivery { get; set; }

    public string? SmtpHost { get; set; }

    /// <summary>Fills these settings from configuration, exactly as given.</summary>
    public DeploymentSettings ReadFrom(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        PublicBaseUrl = configuration[PublicBaseUrlKey];
        AllowedHosts = configuration[AllowedHostsKey];
        BehindProxy = configuration[BehindProxyKey];
        KnownProxies = configuration.GetSection(KnownProxiesKey).Get<string[]>() ?? [];
        KnownNetworks = configuration.GetSection(KnownNetworksKey).Get<string[]>() ?? [];
        DatabaseProvider = configuration[DatabaseProviderKey];
        DatabaseConnectionString = configuration[DatabaseConnectionStringKey] is { Length: > 0 } cs ? cs : configuration[PortalConnectionStringKey];
        EmailDelivery = configuration[EmailDeliveryKey];
        SmtpHost = configuration[SmtpHostKey];
        return this;
    }
}
