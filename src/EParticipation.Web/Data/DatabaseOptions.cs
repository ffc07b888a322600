namespace EParticipation.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,

    /// <summary>Supported by configuration; its migrations are generated and checked but were never run against a server here (docs/decisions/0006).</summary>
    SqlServer,
}

/// <summary>Configuration section "Database".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// For SQLite, optional: by default the file is portal.db in the data folder. For PostgreSQL and
    /// SQL Server, required (or ConnectionStrings:Portal).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply the provider's pending migrations when the portal starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
