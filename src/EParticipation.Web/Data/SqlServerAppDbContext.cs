using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EParticipation.Web.Data;

/// <summary>The portal's context on SQL Server, the design card's database (its migrations are generated and checked, never run here: docs/decisions/0006); its migrations are in Data/Migrations/SqlServer.</summary>
public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options) : AppDbContext(options)
{
    public override SqlDialect Dialect => SqlDialect.SqlServer;

    /// <summary>
    /// Used by `dotnet ef` (scripts/add-migration.sh) to build the model without a running server:
    /// generating a migration never connects.
    /// </summary>
    internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SqlServerAppDbContext>
    {
        public SqlServerAppDbContext CreateDbContext(string[] args)
        {
            var builder = new DbContextOptionsBuilder<SqlServerAppDbContext>();
            DatabaseSetup.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = "Server=localhost;Database=portal;Integrated Security=true;TrustServerCertificate=true" }, Path.GetTempPath());
            return new SqlServerAppDbContext(builder.Options);
        }
    }
}
