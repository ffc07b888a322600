// Drafts a hand-written migration class for what the model has and the existing migrations do not
// create yet (EF's design-time package, which `dotnet ef migrations add` needs, does not restore
// here; docs/decisions/0001). Read the draft, adjust it, and commit it under Data/Migrations.
// The schema-parity test then proves the migrations equal the model on SQLite and PostgreSQL.
//
//   dotnet run --project tools/EParticipation.MigrationDraft -- 20261124090000_Consultations > draft.cs

using System.Globalization;
using System.Text;
using EParticipation.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var id = args.Length > 0 ? args[0] : DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "_Draft";
var className = id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..];

// Build the model the way the portal does, so options that shape it (Identity's) are the same.
var builder = WebApplication.CreateBuilder(["--environment", "Production", "--Outbox:Enabled=false", "--Serilog:MinimumLevel:Default=Warning"]);
var dbFile = Path.Combine(Path.GetTempPath(), $"migration-draft-{Guid.NewGuid():N}.db");
builder.Configuration["Database:ConnectionString"] = $"Data Source={dbFile};Pooling=false";
EParticipation.Web.Platform.PlatformSetup.AddPortalPlatform(builder);
using var app = builder.Build();
using var scope = app.Services.CreateScope();
var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

// What the existing migrations create.
db.Database.Migrate();
var existing = ReadSqlite(dbFile);
File.Delete(dbFile);

var model = db.GetService<IDesignTimeModel>().Model;
var differ = db.GetService<IMigrationsModelDiffer>();
var all = differ.GetDifferences(null, model.GetRelationalModel());

var up = new StringBuilder();
var down = new List<string>();
foreach (var op in all)
{
    switch (op)
    {
        case CreateTableOperation table when !existing.ContainsKey(table.Name):
            up.Append(CreateTable(table));
            down.Insert(0, $"        migrationBuilder.DropTable(name: \"{table.Name}\");\n");
            break;
        case CreateTableOperation table:
            foreach (var column in table.Columns.Where(c => !existing[table.Name].Columns.Contains(c.Name)))
            {
                up.Append(AddColumn(column));
                down.Insert(0, $"        migrationBuilder.DropColumn(name: \"{column.Name}\", table: \"{table.Name}\");\n");
            }
            foreach (var fk in table.ForeignKeys.Where(f => f.Columns.Any(c => !existing[table.Name].Columns.Contains(c))))
            {
                up.Append(AddForeignKey(fk));
            }
            break;
        case CreateIndexOperation index when !existing.TryGetValue(index.Table, out var t) || !t.Indexes.Contains(index.Name):
            up.Append(CreateIndex(index));
            if (existing.ContainsKey(index.Table))
            {
                down.Insert(0, $"        migrationBuilder.DropIndex(name: \"{index.Name}\", table: \"{index.Table}\");\n");
            }
            break;
    }
}

if (up.Length == 0)
{
    Console.Error.WriteLine("The migrations already create everything in the model.");
    return 1;
}

Console.WriteLine($$"""
using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EParticipation.Web.Data.Migrations;

/// <summary>TODO: say what this migration adds and why.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("{{id}}")]
public sealed class {{className}} : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
{{up.ToString().TrimEnd()}}
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
{{string.Concat(down).TrimEnd()}}
    }
}
""");
return 0;

static Dictionary<string, (HashSet<string> Columns, HashSet<string> Indexes)> ReadSqlite(string file)
{
    var result = new Dictionary<string, (HashSet<string>, HashSet<string>)>();
    using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
    connection.Open();
    var tables = new List<string>();
    using (var cmd = connection.CreateCommand())
    {
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }
    }
    foreach (var table in tables)
    {
        var columns = new HashSet<string>();
        var indexes = new HashSet<string>();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = $"PRAGMA table_info(\"{table}\")";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                columns.Add(reader.GetString(1));
            }
        }
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = $"PRAGMA index_list(\"{table}\")";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                indexes.Add(reader.GetString(1));
            }
        }
        result[table] = (columns, indexes);
    }
    return result;
}

static string CreateTable(CreateTableOperation table)
{
    var s = new StringBuilder();
    s.Append($"        migrationBuilder.CreateTable(\n            name: \"{table.Name}\",\n            columns: table => new\n            {{\n");
    foreach (var column in table.Columns)
    {
        s.Append($"                {column.Name} = table.Column<{TypeName(column.ClrType)}>({ColumnArgs(column)}){Identity(column)},\n");
    }
    s.Append("            },\n            constraints: table =>\n            {\n");
    if (table.PrimaryKey is { } pk)
    {
        s.Append($"                table.PrimaryKey(\"{pk.Name}\", {Columns(pk.Columns)});\n");
    }
    foreach (var unique in table.UniqueConstraints)
    {
        s.Append($"                table.UniqueConstraint(\"{unique.Name}\", {Columns(unique.Columns)});\n");
    }
    foreach (var fk in table.ForeignKeys)
    {
        s.Append($"                table.ForeignKey(\n                    name: \"{fk.Name}\",\n                    column{(fk.Columns.Length > 1 ? "s" : "")}: {Columns(fk.Columns)},\n                    principalTable: \"{fk.PrincipalTable}\",\n                    principalColumn{(fk.PrincipalColumns!.Length > 1 ? "s" : "")}: {Names(fk.PrincipalColumns)},\n                    onDelete: ReferentialAction.{fk.OnDelete});\n");
    }
    s.Append("            });\n\n");
    return s.ToString();
}

static string AddColumn(AddColumnOperation column) =>
    $"        migrationBuilder.AddColumn<{TypeName(column.ClrType)}>(\n            name: \"{column.Name}\",\n            table: \"{column.Table}\",\n            {ColumnArgs(column)}){Identity(column)};\n\n";

static string AddForeignKey(AddForeignKeyOperation fk) =>
    $"        migrationBuilder.AddForeignKey(\n            name: \"{fk.Name}\",\n            table: \"{fk.Table}\",\n            column{(fk.Columns.Length > 1 ? "s" : "")}: {Names(fk.Columns)},\n            principalTable: \"{fk.PrincipalTable}\",\n            principalColumn{(fk.PrincipalColumns!.Length > 1 ? "s" : "")}: {Names(fk.PrincipalColumns)},\n            onDelete: ReferentialAction.{fk.OnDelete});\n\n";

static string CreateIndex(CreateIndexOperation index) =>
    $"        migrationBuilder.CreateIndex(\n            name: \"{index.Name}\",\n            table: \"{index.Table}\",\n            column{(index.Columns.Length > 1 ? "s" : "")}: {Names(index.Columns)}{(index.IsUnique ? ",\n            unique: true" : "")}{(index.Filter is null ? "" : $",\n            filter: \"{index.Filter.Replace("\"", "\\\"", StringComparison.Ordinal)}\"")}{(index.IsDescending is { Length: > 0 } d && d.Any(x => x) ? $",\n            descending: new[] {{ {string.Join(", ", d.Select(x => x ? "true" : "false"))} }}" : "")});\n\n";

static string ColumnArgs(ColumnOperation c)
{
    var args = new List<string>();
    if (c.MaxLength is { } max) args.Add($"maxLength: {max}");
    if (c.IsFixedLength == true) args.Add("fixedLength: true");
    if (c.IsUnicode == false) args.Add("unicode: false");
    if (c.Precision is { } p) args.Add($"precision: {p}");
    if (c.Scale is { } sc) args.Add($"scale: {sc}");
    args.Add($"nullable: {(c.IsNullable ? "true" : "false")}");
    if (c.DefaultValueSql is { } sql) args.Add($"defaultValueSql: \"{sql}\"");
    else if (c.DefaultValue is { } v) args.Add($"defaultValue: {Literal(v)}");
    if (c.ComputedColumnSql is { } computed) args.Add($"computedColumnSql: \"{computed}\"");
    return string.Join(", ", args);
}

static string Identity(ColumnOperation c) =>
    c["Sqlite:Autoincrement"] is true
        ? "\n                    .Annotation(\"Sqlite:Autoincrement\", true)\n                    .Annotation(\"Npgsql:ValueGenerationStrategy\", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn)"
        : "";

static string Columns(string[] columns) =>
    columns.Length == 1 ? $"x => x.{columns[0]}" : $"x => new {{ {string.Join(", ", columns.Select(c => "x." + c))} }}";

static string Names(string[] names) =>
    names.Length == 1 ? $"\"{names[0]}\"" : $"new[] {{ {string.Join(", ", names.Select(n => $"\"{n}\""))} }}";

static string Literal(object value) => value switch
{
    string s => $"\"{s}\"",
    bool b => b ? "true" : "false",
    int or long or short => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    double d => d.ToString("R", CultureInfo.InvariantCulture) + "d",
    _ => $"/* {value} */ default",
};

static string TypeName(Type type) => type switch
{
    _ when type == typeof(string) => "string",
    _ when type == typeof(int) => "int",
    _ when type == typeof(long) => "long",
    _ when type == typeof(short) => "short",
    _ when type == typeof(bool) => "bool",
    _ when type == typeof(double) => "double",
    _ when type == typeof(decimal) => "decimal",
    _ when type == typeof(byte[]) => "byte[]",
    _ when type == typeof(byte) => "byte",
    _ => type.Name,
};
