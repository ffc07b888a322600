using System.Net;
using EParticipation.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace EParticipation.Tests.Platform;

/// <summary>
/// Outside Development the portal refuses to start with an incomplete production configuration,
/// and names what is missing (issue 10, finding 4). Development needs none of it.
/// </summary>
public sealed class DeploymentSecurityTests
{
    private static readonly string[] DeploymentKeys =
    [
        "Portal:PublicBaseUrl", "AllowedHosts", "Portal:BehindProxy", "Database:Provider", "Database:ConnectionString", "Email:Delivery",
    ];

    [Fact]
    public void Production_WithNoDeploymentSettings_RefusesToStart_NamingEveryMissingKey()
    {
        using var portal = new PortalIn("Production");
        foreach (var key in DeploymentKeys)
        {
            portal.With(key, null);
        }
        var error = StartFailure(portal);
        foreach (var key in DeploymentKeys)
        {
            Assert.Contains(key + " ", error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Portal:PublicBaseUrl", null, "Portal:PublicBaseUrl is not set")]
    [InlineData("Portal:PublicBaseUrl", "eparticipation.gov.sa", "Portal:PublicBaseUrl must be an absolute")]
    [InlineData("AllowedHosts", null, "AllowedHosts is not set")]
    [InlineData("AllowedHosts", "*", "AllowedHosts is not set (or is '*')")]
    [InlineData("Portal:BehindProxy", null, "Portal:BehindProxy is not set")]
    [InlineData("Portal:BehindProxy", "true", "Portal:BehindProxy is true but neither Portal:KnownProxies nor Portal:KnownNetworks is set")]
    [InlineData("Database:Provider", null, "Database:Provider is not set")]
    [InlineData("Database:ConnectionString", null, "Database:ConnectionString (or ConnectionStrings:Portal) is not set")]
    [InlineData("Email:Delivery", null, "Email:Delivery is not set")]
    [InlineData("Email:Delivery", "Smtp", "Email:Delivery is Smtp but Email:Smtp:Host is not set")]
    public void Production_WithOneSettingMissingOrWrong_RefusesToStart_NamingIt(string key, string? value, string message)
    {
        using var portal = new PortalIn("Production");
        portal.With(key, value);
        if (key == "Database:Provider")
        {
            // Without a provider the portal would read a PostgreSQL connection string as SQLite's and
            // fail on that first; the missing provider is what this case is about.
            portal.With("Database:ConnectionString", null);
        }
        var error = StartFailure(portal);
        Assert.Contains("Incomplete production configuration: " + message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_BehindAProxyWithItsNetwork_Starts()
    {
        using var portal = new PortalIn("Production");
        portal.With("Portal:BehindProxy", "true").With("Portal:KnownNetworks:0", "10.20.0.0/16");
        var response = await portal.Browser().GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Development_WithNoDeploymentSettings_Starts()
    {
        using var portal = new PortalIn("Development");
        foreach (var key in DeploymentKeys.Append("DataProtection:CertificatePath").Append("DataProtection:CertificatePassword"))
        {
            portal.With(key, null);
        }
        var response = await portal.Browser().GetAsync("/ar");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string StartFailure(PortalIn portal)
    {
        var error = Record.Exception(() => portal.Browser());
        Assert.NotNull(error);
        return error.ToString();
    }

    /// <summary>The test portal in another environment, settings as an operator would give them.</summary>
    private sealed class PortalIn(string environment) : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
        }
    }
}
