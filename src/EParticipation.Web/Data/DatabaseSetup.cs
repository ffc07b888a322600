using EParticipation.Web.Platform.Web;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EParticipation.Web.Data;

/// <summary>
/// The one place that knows which database engine is in use: it picks the provider's context type
/// (each with its own migrations) and configures the provider. SQL that differs per engine lives in
/// <see cref="SqlDialect"/>.
/// </summary>
public static class DatabaseSetup
{
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        options.ConnectionString ??= configuration.GetConnectionString("Portal");
        services.AddSingleton(options);
        var dataFolder = PortalPaths.DataFolder(configuration);
        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                AddPool<PostgresAppDbContext>(services, options, dataFolder);
                break;
            case DatabaseProvider.SqlServer:
                AddPool<SqlServerAppDbContext>(services, options, dataFolder);
                break;
            default:
                AddPool<SqliteAppDbContext>(services, options, dataFolder);
                break;
        }
        return services;
    }

    // Pooled: a request leases a context that is reset, not built (the context takes only its
    // options, and every interceptor is a singleton). Services ask for AppDbContext.
    private static void AddPool<TContext>(IServiceCollection services, DatabaseOptions options, string dataFolder)
        where TContext : AppDbContext =>
        services.AddDbContextPool<AppDbContext, TContext>((provider, db) =>
        {
            Configure(db, options, dataFolder);
            // EF uses only the interceptors it is given: those the platform and modules register as
            // IInterceptor (the outbox's commit signal, the page cache's) are added here.
            db.AddInterceptors(provider.GetServices<IInterceptor>());
        });

    /// <summary>A context outside dependency injection (tests, tools, the benchmark's generator).</summary>
    public static AppDbContext CreateContext(DatabaseOptions options, string dataFolder, params IInterceptor[] interceptors)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider switch
        {
            DatabaseProvider.Postgres => new PostgresAppDbContext(Build<PostgresAppDbContext>(options, dataFolder, interceptors)),
            DatabaseProvider.SqlServer => new SqlServerAppDbContext(Build<SqlServerAppDbContext>(options, dataFolder, interceptors)),
            _ => new SqliteAppDbContext(Build<SqliteAppDbContext>(options, dataFolder, interceptors)),
        };
    }

    private static DbContextOptions<TContext> Build<TContext>(DatabaseOptions options, string dataFolder, IInterceptor[] interceptors)
        where TContext : DbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        Configure(builder, options, dataFolder);
        if (interceptors.Length > 0)
        {
            builder.AddInterceptors(interceptors);
        }
        return builder.Options;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        // No retrying execution strategy on the server engines: actions commit their emails and audit
        // entries in explicit transactions, which a retrying strategy would refuse. A transient failure
        // shows the error page.
        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(TunedNpgsqlConnectionString(Required(options)));
                break;
            case DatabaseProvider.SqlServer:
                builder.UseSqlServer(Required(options));
                break;
            default:
                builder.UseSqlite(SqliteConnectionString(options.ConnectionString, dataFolder));
                break;
        }
        // EF logs every failed command and save as an error with its stack trace, also those the code
        // expects and handles (a double submit stopped by a unique index, the first start's look for the
        // migrations history). What is not handled reaches the exception handler, which logs it as an
        // error once; so EF's own entries are kept for debugging only.
        builder.ConfigureWarnings(w => w.Log(
            (RelationalEventId.CommandError, LogLevel.Debug),
            (CoreEventId.SaveChangesFailed, LogLevel.Debug),
            (CoreEventId.QueryIterationFailed, LogLevel.Debug)));
    }

    private static string Required(DatabaseOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? throw new InvalidOperationException($"Database:Provider is {options.Provider} but no Database:ConnectionString (or ConnectionStrings:Portal) is set.")
            : options.ConnectionString;

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
