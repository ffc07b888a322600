namespace EParticipation.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Configuration section "Database".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// For SQLite, optional: by default the file is portal.db in the data folder. For PostgreSQL,
    /// required (or ConnectionStrings:Portal).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply the hand-written migrations when the portal starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
