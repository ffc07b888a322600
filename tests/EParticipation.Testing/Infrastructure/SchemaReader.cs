using System.Data.Common;
using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Infrastructure;

/// <summary>
/// Reads a database's schema as comparable lines: one per column (type, nullability), index
/// (columns, uniqueness), primary key and foreign key. EF's own bookkeeping tables are left out.
/// </summary>
public static class SchemaReader
{
    private static readonly string[] Ignored = ["__EFMigrationsHistory", "__EFMigrationsLock", "sqlite_sequence"];

    public static async Task<SortedSet<string>> ReadAsync(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            return db.Database.IsNpgsql() ? await ReadPostgresAsync(connection) : await ReadSqliteAsync(connection);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    private static async Task<SortedSet<string>> ReadSqliteAsync(DbConnection connection)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        var tables = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table'", r => r.GetString(0));
        foreach (var table in tables.Where(t => !Ignored.Contains(t)))
        {
            foreach (var c in await QueryAsync(connection, $"PRAGMA table_info(\"{table}\")", r => (Name: r.GetString(1), Type: r.GetString(2), NotNull: r.GetInt64(3) == 1, Pk: r.GetInt64(5))))
            {
                lines.Add($"column {table}.{c.Name} {c.Type} {(c.NotNull ? "not null" : "null")}");
                if (c.Pk > 0)
                {
                    lines.Add($"pk {table}.{c.Name} #{c.Pk}");
                }
            }
            foreach (var index in await QueryAsync(connection, $"PRAGMA index_list(\"{table}\")", r => (Name: r.GetString(1), Unique: r.GetInt64(2) == 1, Origin: r.GetString(3))))
            {
                if (index.Origin == "pk")
                {
                    continue;
                }
                var columns = await QueryAsync(connection, $"PRAGMA index_info(\"{index.Name}\")", r => r.GetString(2));
                lines.Add($"index {table}.{index.Name} ({string.Join(",", columns)}){(index.Unique ? " unique" : "")}");
            }
            foreach (var fk in await QueryAsync(connection, $"PRAGMA foreign_key_list(\"{table}\")", r => (Table: r.GetString(2), From: r.GetString(3), To: r.GetString(4), OnDelete: r.GetString(6))))
            {
                lines.Add($"fk {table}.{fk.From} -> {fk.Table}.{fk.To} on delete {fk.OnDelete}");
            }
        }
        return lines;
    }

    private static async Task<SortedSet<string>> ReadPostgresAsync(DbConnection connection)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var c in await QueryAsync(connection, """
            SELECT table_name, column_name, data_type, coalesce(character_maximum_length, -1), is_nullable, coalesce(is_identity, 'NO')
            FROM information_schema.columns WHERE table_schema = 'public'
            """, r => (Table: r.GetString(0), Name: r.GetString(1), Type: r.GetString(2), Length: r.GetInt32(3), Nullable: r.GetString(4), Identity: r.GetString(5))))
        {
            if (Ignored.Contains(c.Table))
            {
                continue;
            }
            var length = c.Length >= 0 ? $"({c.Length})" : "";
            lines.Add($"column {c.Table}.{c.Name} {c.Type}{length} {(c.Nullable == "YES" ? "null" : "not null")}{(c.Identity == "YES" ? " identity" : "")}");
        }
        foreach (var i in await QueryAsync(connection, """
            SELECT t.relname, i.relname, ix.indisunique, ix.indisprimary,
                   array_to_string(array(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, n)
                                         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n), ',')
            FROM pg_index ix
            JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_class i ON i.oid = ix.indexrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public'
            """, r => (Table: r.GetString(0), Name: r.GetString(1), Unique: r.GetBoolean(2), Primary: r.GetBoolean(3), Columns: r.GetString(4))))
        {
            if (Ignored.Contains(i.Table))
            {
                continue;
            }
            lines.Add(i.Primary
                ? $"pk {i.Table} ({i.Columns})"
                : $"index {i.Table}.{i.Name} ({i.Columns}){(i.Unique ? " unique" : "")}");
        }
        foreach (var fk in await QueryAsync(connection, """
            SELECT tc.table_name, kcu.column_name, ccu.table_name, ccu.column_name, rc.delete_rule
            FROM information_schema.table_constraints tc
            JOIN information_schema.key_column_usage kcu ON tc.constraint_name = kcu.constraint_name AND tc.table_schema = kcu.table_schema
            JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
            JOIN information_schema.referential_constraints rc ON rc.constraint_name = tc.constraint_name AND rc.constraint_schema = tc.table_schema
            WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'
            """, r => (Table: r.GetString(0), From: r.GetString(1), ToTable: r.GetString(2), To: r.GetString(3), OnDelete: r.GetString(4))))
        {
            lines.Add($"fk {fk.Table}.{fk.From} -> {fk.ToTable}.{fk.To} on delete {fk.OnDelete}");
        }
        return lines;
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> read)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }
        return rows;
    }
}
