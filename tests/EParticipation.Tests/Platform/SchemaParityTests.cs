using EParticipation.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Platform;

/// <summary>
/// The hand-written migrations must build exactly the schema the model describes: same tables,
/// columns, types, nullability, keys and indexes as EnsureCreated, on the provider under test.
/// </summary>
public sealed class SchemaParityTests
{
    [Fact]
    public async Task Migrations_WhenAppliedToAnEmptyDatabase_BuildTheSameSchemaAsTheModel()
    {
        using var migratedDb = TestDatabase.Create();
        using var createdDb = TestDatabase.Create();
        await using var migrated = migratedDb.NewContext();
        await using var created = createdDb.NewContext();

        await migrated.Database.MigrateAsync();
        await created.Database.EnsureCreatedAsync();

        var fromMigrations = await SchemaReader.ReadAsync(migrated);
        var fromModel = await SchemaReader.ReadAsync(created);

        var missing = fromModel.Except(fromMigrations).ToList();
        var extra = fromMigrations.Except(fromModel).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"Schema drift on {TestDatabase.Provider}.\nIn the model but not built by the migrations:\n  {string.Join("\n  ", missing)}\nBuilt by the migrations but not in the model:\n  {string.Join("\n  ", extra)}");
        Assert.Contains(fromModel, line => line.StartsWith("column AspNetUsers.AgencyId", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Migrations_WhenAppliedTwice_ChangeNothingTheSecondTime()
    {
        using var database = TestDatabase.Create();
        await using (var first = database.NewContext())
        {
            await first.Database.MigrateAsync();
        }
        await using var second = database.NewContext();
        var before = await SchemaReader.ReadAsync(second);
        await second.Database.MigrateAsync();
        Assert.Empty(await second.Database.GetPendingMigrationsAsync());
        Assert.Equal(before, await SchemaReader.ReadAsync(second));
    }
}
