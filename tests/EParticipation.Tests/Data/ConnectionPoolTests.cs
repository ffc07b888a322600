using EParticipation.Web.Data;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using EParticipation.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EParticipation.Tests.Data;

/// <summary>
/// An instance opens at most <see cref="DatabaseSetup.DefaultMaxPoolSize"/> connections to a server
/// database unless its connection string says how many (bench/ideas/README.md: more connections than
/// the server has room for made the slowest requests 15 to 60 times the median).
/// </summary>
public sealed class ConnectionPoolTests
{
    [Fact]
    public void PostgresContext_WithoutAPoolSize_OpensAtMostSixteenConnections()
    {
        using var db = Context(DatabaseProvider.Postgres, "Host=db.example;Database=portal;Username=portal");

        var used = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        Assert.Equal(16, used.MaxPoolSize);
        Assert.Equal("db.example", used.Host);
    }

    [Theory]
    [InlineData("Maximum Pool Size=40")]
    [InlineData("MaxPoolSize=40")]
    [InlineData("maximum pool size = 40")]
    public void PostgresContext_KeepsThePoolSizeTheOperatorGave(string given)
    {
        using var db = Context(DatabaseProvider.Postgres, "Host=db.example;Database=portal;Username=portal;" + given);

        Assert.Equal(40, new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).MaxPoolSize);
    }

    [Fact]
    public void PostgresContext_PlansEachStatementOnce_UnlessTheOperatorGivesOptions()
    {
        using var tuned = Context(DatabaseProvider.Postgres, "Host=db.example;Database=portal;Username=portal");
        using var given = Context(DatabaseProvider.Postgres, "Host=db.example;Database=portal;Username=portal;Options=-c search_path=portal");

        Assert.Equal("-c plan_cache_mode=force_generic_plan", new NpgsqlConnectionStringBuilder(tuned.Database.GetConnectionString()).Options);
        Assert.Equal("-c search_path=portal", new NpgsqlConnectionStringBuilder(given.Database.GetConnectionString()).Options);
    }

    [Fact]
    public async Task PortalsOwnConnections_OnPostgres_UseGenericPlans()
    {
        using var database = TestDatabase.Create();
        using var portal = PortalFactory.OnDatabase(database);
        var (mode, used) = await portal.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var mode = TestDatabase.Provider == DatabaseProvider.Postgres
                ? await db.Database.SqlQueryRaw<string>("""SELECT current_setting('plan_cache_mode') AS "Value" """).SingleAsync()
                : null;
            return (mode, db.Database.GetConnectionString());
        });

        if (TestDatabase.Provider == DatabaseProvider.Postgres)
        {
            Assert.Equal("force_generic_plan", mode);
        }
        else
        {
            // The setting is PostgreSQL's: nothing of it reaches a SQLite connection.
            Assert.StartsWith(database.ConnectionString, used, StringComparison.Ordinal);
            Assert.DoesNotContain("plan_cache_mode", used, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SqlServerContext_WithoutAPoolSize_OpensAtMostSixteenConnections_AndKeepsAGivenOne()
    {
        using var bounded = Context(DatabaseProvider.SqlServer, "Server=db.example;Database=portal;Integrated Security=true;Encrypt=true");
        using var given = Context(DatabaseProvider.SqlServer, "Server=db.example;Database=portal;Integrated Security=true;Encrypt=true;Max Pool Size=50");

        Assert.Equal(16, new SqlConnectionStringBuilder(bounded.Database.GetConnectionString()).MaxPoolSize);
        Assert.Equal(50, new SqlConnectionStringBuilder(given.Database.GetConnectionString()).MaxPoolSize);
    }

    private static AppDbContext Context(DatabaseProvider provider, string connectionString) =>
        DatabaseSetup.CreateContext(new DatabaseOptions { Provider = provider, ConnectionString = connectionString }, Path.GetTempPath());
}
