using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EParticipation.Tests.Infrastructure;

/// <summary>
/// A real database of its own for one test class: a SQLite file, or a fresh PostgreSQL database on
/// the server the test command started. The provider comes from EP_TEST_DB ("sqlite", the default,
/// or "postgres" with EP_TEST_PG holding the server's connection string). PostgreSQL being
/// unreachable fails the test; it is never skipped.
/// <see cref="Create"/> gives an empty database (for the tests of migrating and starting up);
/// <see cref="Migrated"/> a copy of one the migrations were applied to once per test run, so that
/// each portal host only finds its migrations applied and runs its seeders, as a restarted
/// instance does (applying the migrations to every class's database took about 4 of a host's 7 s).
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public static DatabaseProvider Provider { get; } =
        string.Equals(Environment.GetEnvironmentVariable("EP_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    private readonly string? _sqliteFolder;
    private readonly string? _postgresName;

    private TestDatabase(string connectionString, string? sqliteFolder, string? postgresName)
    {
        ConnectionString = connectionString;
        _sqliteFolder = sqliteFolder;
        _postgresName = postgresName;
    }

    public string ConnectionString { get; }

    public static TestDatabase Create()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            var name = "ep_test_" + Guid.NewGuid().ToString("N")[..16];
            using (var connection = new NpgsqlConnection(ServerConnectionString()))
            {
                connection.Open();
                using var cmd = connection.CreateCommand();
                cmd.CommandText = $"CREATE DATABASE \"{name}\"";
                cmd.ExecuteNonQuery();
            }
            var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString()) { Database = name };
            return new TestDatabase(builder.ConnectionString, null, name);
        }
        var folder = Path.Combine(Path.GetTempPath(), "ep-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new TestDatabase($"Data Source={Path.Combine(folder, "portal.db")}", folder, null);
    }

    private static readonly Lazy<TestDatabase> Template = new(BuildTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// A database with every migration applied and nothing else in it (no seeded rows: the host's
    /// seeders add those at its start, as on any database): a copy of the run's template, made by
    /// the server (<c>CREATE DATABASE … TEMPLATE</c>) or as a copy of the SQLite file.
    /// </summary>
    public static TestDatabase Migrated()
    {
        var template = Template.Value;
        if (Provider == DatabaseProvider.Postgres)
        {
            var name = "ep_test_" + Guid.NewGuid().ToString("N")[..16];
            using (var connection = new NpgsqlConnection(ServerConnectionString()))
            {
                connection.Open();
                using var cmd = connection.CreateCommand();
                cmd.CommandText = $"CREATE DATABASE \"{name}\" TEMPLATE \"{template._postgresName}\"";
                cmd.ExecuteNonQuery();
            }
            var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString()) { Database = name };
            return new TestDatabase(builder.ConnectionString, null, name);
        }
        var folder = Path.Combine(Path.GetTempPath(), "ep-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(template._sqliteFolder!, "portal.db"), Path.Combine(folder, "portal.db"));
        return new TestDatabase($"Data Source={Path.Combine(folder, "portal.db")}", folder, null);
    }

    private static TestDatabase BuildTemplate()
    {
        var template = Create();
        using (var db = template.NewContext())
        {
            db.Database.Migrate();
        }
        // No connection may stay open on a PostgreSQL template, and the SQLite file is copied whole.
        NpgsqlConnection.ClearAllPools();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.Dispose();
        return template;
    }

    public static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable("EP_TEST_PG")
        ?? throw new InvalidOperationException("EP_TEST_DB=postgres needs EP_TEST_PG (the test command sets both).");

    /// <summary>A context on this database outside the app, for arranging and checking data.</summary>
    public AppDbContext NewContext()
    {
        return DatabaseSetup.CreateContext(new DatabaseOptions { Provider = Provider, ConnectionString = ConnectionString }, _sqliteFolder ?? Path.GetTempPath());
    }

    public void Dispose()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(ServerConnectionString());
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)";
            cmd.ExecuteNonQuery();
        }
        if (_sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_sqliteFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a finishing host; the temp folder is cleaned by the OS.
            }
        }
    }
}
