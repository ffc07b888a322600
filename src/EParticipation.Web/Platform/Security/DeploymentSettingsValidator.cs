using System.Net;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Notifications;
using Microsoft.Extensions.Options;

namespace EParticipation.Web.Platform.Security;

/// <summary>
/// Outside Development the portal refuses to start until its deployment is fully described, and
/// says which key is missing: the public address used in emails, the host names it answers to,
/// whether it is behind a reverse proxy (and then which proxies or networks may set
/// X-Forwarded-For, or every citizen would share one rate limit), the database, and how mail is
/// delivered. Development needs none of this (appsettings.Development.json).
/// </summary>
public sealed class DeploymentSettingsValidator : IValidateOptions<DeploymentSettings>
{
    public ValidateOptionsResult Validate(string? name, DeploymentSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();

        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            problems.Add($"{DeploymentSettings.PublicBaseUrlKey} is not set: the portal's public address, used in every link it emails (for example https://eparticipation.gov.sa).");
        }
        else if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            problems.Add($"{DeploymentSettings.PublicBaseUrlKey} must be an absolute http(s) address; it is '{options.PublicBaseUrl}'.");
        }

        if (string.IsNullOrWhiteSpace(options.AllowedHosts) || options.AllowedHosts.Split(';').Any(h => h.Trim() == "*"))
        {
            problems.Add($"{DeploymentSettings.AllowedHostsKey} is not set (or is '*'): the host names the portal answers to, separated by ';' (for example eparticipation.gov.sa).");
        }

        if (!bool.TryParse(options.BehindProxy, out var behindProxy))
        {
            problems.Add($"{DeploymentSettings.BehindProxyKey} is not set: true when a reverse proxy forwards the requests (then also {DeploymentSettings.KnownProxiesKey} or {DeploymentSettings.KnownNetworksKey}), false when clients connect to the portal directly.");
        }
        else if (behindProxy && options.KnownProxies.Count == 0 && options.KnownNetworks.Count == 0)
        {
            problems.Add($"{DeploymentSettings.BehindProxyKey} is true but neither {DeploymentSettings.KnownProxiesKey} nor {DeploymentSettings.KnownNetworksKey} is set: without them every request seems to come from the proxy, and all citizens share one rate limit.");
        }
        foreach (var proxy in options.KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            problems.Add($"{DeploymentSettings.KnownProxiesKey} has '{proxy}', which is not an IP address.");
        }
        foreach (var network in options.KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            problems.Add($"{DeploymentSettings.KnownNetworksKey} has '{network}', which is not a network such as 10.0.0.0/8.");
        }

        if (string.IsNullOrWhiteSpace(options.DatabaseProvider))
        {
            problems.Add($"{DeploymentSettings.DatabaseProviderKey} is not set: {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
        }
        else if (!Enum.TryParse<DatabaseProvider>(options.DatabaseProvider, ignoreCase: true, out _))
        {
            problems.Add($"{DeploymentSettings.DatabaseProviderKey} is '{options.DatabaseProvider}'; it must be one of {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
        }
        if (string.IsNullOrWhiteSpace(options.DatabaseConnectionString))
        {
            problems.Add($"{DeploymentSettings.DatabaseConnectionStringKey} (or {DeploymentSettings.PortalConnectionStringKey}) is not set.");
        }

        if (string.IsNullOrWhiteSpace(options.EmailDelivery))
        {
            problems.Add($"{DeploymentSettings.EmailDeliveryKey} is not set: Smtp (with {DeploymentSettings.SmtpHostKey}) or PickupFolder.");
        }
        else if (!Enum.TryParse<EmailDelivery>(options.EmailDelivery, ignoreCase: true, out var delivery))
        {
            problems.Add($"{DeploymentSettings.EmailDeliveryKey} is '{options.EmailDelivery}'; it must be Smtp or PickupFolder.");
        }
        else if (delivery == EmailDelivery.Smtp && string.IsNullOrWhiteSpace(options.SmtpHost))
        {
            problems.Add($"{DeploymentSettings.EmailDeliveryKey} is Smtp but {DeploymentSettings.SmtpHostKey} is not set.");
        }

        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => "Incomplete production configuration: " + p));
    }
}
