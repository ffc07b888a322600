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
        services.AddDbContext<AppDbContext>(db => Configure(db, options, dataFolder));
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
                builder.UseNpgsql(options.ConnectionString);
                break;
            default:
                builder.UseSqlite(SqliteConnectionString(options.ConnectionString, dataFolder));
                break;
        }
        // The migrations are hand-written (docs/decisions/0001), so there is no model snapshot and EF
        // would always report pending model changes. The schema-parity test guards them instead.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
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
