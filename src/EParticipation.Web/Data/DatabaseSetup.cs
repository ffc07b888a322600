using EParticipation.Web.Platform.Web;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EParticipation.Web.Data;

/// <summary>
/// The one place that knows which database engine is in use. Adding SQL Server later is one package
/// and one more case in <see cref="Configure"/>.
/// </summary>
public static class DatabaseSetup
{
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        options.ConnectionString ??= configuration.GetConnectionString("Portal");
        services.AddSingleton(options);
        var dataFolder = PortalPaths.DataFolder(configuration);
        // Pooled: a request leases a context that is reset, not built (AppDbContext takes only its
        // options, and every interceptor is a singleton).
        services.AddDbContextPool<AppDbContext>((provider, db) =>
        {
            Configure(db, options, dataFolder);
            // EF uses only the interceptors it is given: those the platform and modules register as
            // IInterceptor (the outbox's commit signal, for one) were never applied until added here.
            db.AddInterceptors(provider.GetServices<IInterceptor>());
        });
        return services;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new InvalidOperationException("Database:Provider is Postgres but no Database:ConnectionString (or ConnectionStrings:Portal) is set.");
                }
                // No retrying execution strategy: actions commit their emails and audit entries in explicit
                // transactions, which a retrying strategy would refuse. A transient failure shows the error page.
                builder.UseNpgsql(TunedNpgsqlConnectionString(options.ConnectionString));
                break;
            default:
                builder.UseSqlite(SqliteConnectionString(options.ConnectionString, dataFolder));
                break;
        }
        // The migrations are hand-written (docs/decisions/0001), so there is no model snapshot and EF
        // would always report pending model changes. The schema-parity test guards them instead.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>
    /// Two Npgsql settings, unless the connection string gives them: statements run often are prepared
    /// on the server (parsed and planned once per connection), and a pooled connection is not reset with
    /// DISCARD ALL each time it is handed out. The reset is not needed: the portal leaves no session state
    /// on a connection (no SET, temporary tables, LISTEN or advisory locks outside a transaction). The
    /// effect on comment posting is in bench/README.md.
    /// </summary>
    internal static string TunedNpgsqlConnectionString(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        // The builder's own ContainsKey answers for every keyword it knows; Keys holds the ones given.
        var given = ((System.Data.Common.DbConnectionStringBuilder)builder).Keys.Cast<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!given.Contains("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 50;
        }
        if (!given.Contains("No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

    private static string SqliteConnectionString(string? configured, string dataFolder)
    {
        var builder = new SqliteConnectionStringBuilder(configured ?? "");
        if (string.IsNullOrEmpty(builder.DataSource))
        {
            Directory.CreateDirectory(dataFolder);
            builder.DataSource = Path.Combine(dataFolder, "portal.db");
        }
        builder.Pooling = true;
        return builder.ToString();
    }
}
