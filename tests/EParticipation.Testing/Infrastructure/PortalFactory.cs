using EParticipation.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Infrastructure;

/// <summary>
/// The portal hosted in-process on its own real database and data folder, configured the way an
/// operator would (configuration keys only). Clients speak HTTPS so Secure cookies behave as in
/// production. Subclasses or <see cref="With"/> change settings before the host starts.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public PortalFactory()
        : this(TestDatabase.Migrated(), ownsDatabase: true)
    {
    }

    /// <summary>Another instance of the portal on an existing database (several app instances).</summary>
    public static PortalFactory OnDatabase(TestDatabase database) => new(database, ownsDatabase: false);

    protected PortalFactory(TestDatabase database, bool ownsDatabase)
    {
        Database = database;
        OwnsDatabase = ownsDatabase;
        DataFolder = Path.Combine(Path.GetTempPath(), "ep-tests", "data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataFolder);
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = TestDatabase.Provider.ToString(),
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Portal:DataFolder"] = DataFolder,
            ["Portal:PublicBaseUrl"] = "https://localhost",
            // What a deployment must give outside Development (DeploymentSettingsValidator).
            ["AllowedHosts"] = "localhost;127.0.0.1",
            ["Portal:BehindProxy"] = "false",
            ["Email:Delivery"] = "PickupFolder",
            ["Seeds:DemoData"] = "false",
            ["DataProtection:CertificatePath"] = DataProtectionCertificate.Path,
            ["DataProtection:CertificatePassword"] = DataProtectionCertificate.Password,
            ["Outbox:PollSeconds"] = "0.2",
            ["Outbox:BaseBackoffSeconds"] = "0.5",
            ["RateLimits:sign-in:PermitLimit"] = "1000",
            ["RateLimits:sign-in-email:PermitLimit"] = "1000",
            ["RateLimits:registration:PermitLimit"] = "1000",
            ["RateLimits:password-reset:PermitLimit"] = "1000",
            ["RateLimits:submission:PermitLimit"] = "1000",
        };
    }

    public TestDatabase Database { get; }

    public bool OwnsDatabase { get; }

    public string DataFolder { get; }

    public Mailbox PickupFolder => new(Path.Combine(DataFolder, "mail-pickup"));

    /// <summary>
    /// Changes a setting, or with null leaves it out (as an operator who never set it); only before
    /// the first client or service is asked for.
    /// </summary>
    public PortalFactory With(string key, string? value)
    {
        if (value is null)
        {
            _settings.Remove(key);
        }
        else
        {
            _settings[key] = value;
        }
        return this;
    }

    /// <summary>Sends this portal's email to <paramref name="smtp"/> (<see cref="SmtpReceiver.PortalSettings"/>).</summary>
    public PortalFactory WithSmtp(SmtpReceiver smtp)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        foreach (var (key, value) in smtp.PortalSettings())
        {
            With(key, value);
        }
        return this;
    }

    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    public PortalClient Client() => new(Browser());

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public async Task WithDbAsync(Func<AppDbContext, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && OwnsDatabase)
        {
            Database.Dispose();
        }
        if (disposing)
        {
            try
            {
                Directory.Delete(DataFolder, recursive: true);
            }
            catch (IOException)
            {
                // A log file still held by a closing sink; the OS cleans /tmp.
            }
        }
    }
}
