using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EParticipation.Web.Data;

/// <summary>The portal's context on SQLite, the embedded default; its migrations are in Data/Migrations/Sqlite.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    public override SqlDialect Dialect => SqlDialect.Sqlite;

    /// <summary>
    /// Used by `dotnet ef` (scripts/add-migration.sh) to build the model without a running server:
    /// generating a migration never connects.
    /// </summary>
    internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
    {
        public SqliteAppDbContext CreateDbContext(string[] args)
        {
            var builder = new DbContextOptionsBuilder<SqliteAppDbContext>();
            DatabaseSetup.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=design-time.db" }, Path.GetTempPath());
            return new SqliteAppDbContext(builder.Options);
        }
    }
}
