using EParticipation.Web.Data;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
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
