using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EParticipation.Web.Data;

/// <summary>The portal's context on PostgreSQL, the server database of the tests and benchmarks; its migrations are in Data/Migrations/Postgres.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    public override SqlDialect Dialect => SqlDialect.Postgres;

    /// <summary>
    /// Used by `dotnet ef` (scripts/add-migration.sh) to build the model without a running server:
    /// generating a migration never connects.
    /// </summary>
    internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
    {
        public PostgresAppDbContext CreateDbContext(string[] args)
        {
            var builder = new DbContextOptionsBuilder<PostgresAppDbContext>();
            DatabaseSetup.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=localhost;Database=portal" }, Path.GetTempPath());
            return new PostgresAppDbContext(builder.Options);
        }
    }
}
