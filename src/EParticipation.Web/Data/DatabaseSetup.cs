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
                builder.UseSqlServer(TunedSqlServerConnectionString(Required(options)));
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
    /// Four Npgsql settings, unless the connection string gives them: statements run often are prepared
    /// on the server (parsed once per connection); a pooled connection is not reset with DISCARD ALL
    /// each time it is handed out (not needed: the portal leaves no session state on a connection: no
    /// SET, temporary tables, LISTEN or advisory locks outside a transaction; the effect on comment
    /// posting is in bench/README.md); at most <see cref="DefaultMaxPoolSize"/> connections; and
    /// <c>plan_cache_mode=force_generic_plan</c> (Options), so that a prepared statement is also
    /// planned once. Left to itself, PostgreSQL plans a prepared statement again for its parameters on
    /// every execution whenever the plan for them looks cheaper than the generic one, which it does for
    /// the portal's statements that compare dates with "now": the list's tab counts were planned for
    /// 0.5-1 ms to run for 0.35 ms, and PostgreSQL's CPU per request fell by about half for the list and
    /// a third for the consultation page without the cache, and by a fifth per comment posted
    /// (bench/README.md, "Generic plans"). The portal's statements compare columns with ids, keys and
    /// times, and write statuses and other values a partial index depends on as literals, so the one
    /// plan for any parameters is the one a custom plan would choose (the outbox's claim, for one, reads
    /// the partial index of pending rows either way).
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
        if (!given.Contains("Maximum Pool Size"))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }
        if (!given.Contains("Options"))
        {
            builder.Options = "-c plan_cache_mode=force_generic_plan";
        }
        return builder.ConnectionString;
    }

    /// <summary>
    /// How many connections one instance opens to a server database at most, unless the connection
    /// string says otherwise (Npgsql's and SqlClient's own default is 100). Requests beyond it wait their
    /// turn for a connection, first come first served. A server runs only as many statements at once as
    /// it has cores; the others share them with whatever else runs there. With 32 requests at once on
    /// 2 cores, 32 connections made a few requests wait 200-450 ms for the CPU (p99 15 to 60 times the
    /// median); 16 gave the same throughput with a p99 at twice the median (bench/ideas/README.md,
    /// "Findings (2026-12-02)"). For a larger server: about 4 to 8 connections per core of the
    /// database server, divided among the portal's instances.
    /// </summary>
    public const int DefaultMaxPoolSize = 16;

    /// <summary>The same bound for SQL Server (its pool is also per connection string), unless the connection string gives one.</summary>
    internal static string TunedSqlServerConnectionString(string connectionString)
    {
        // SqlConnectionStringBuilder lists every keyword it knows as a key; the plain builder, those given.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Pool Size"))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
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
