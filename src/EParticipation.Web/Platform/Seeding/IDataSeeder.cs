using EParticipation.Web.Data;

namespace EParticipation.Web.Platform.Seeding;

/// <summary>
/// Puts data in the database at start. Every seeder is idempotent: run twice, it leaves one copy.
/// Reference data (agencies, sectors, holidays, ...) is seeded everywhere; demo content and demo
/// accounts only where "Seeds:DemoData" is on (Development by default).
/// </summary>
public interface IDataSeeder
{
    /// <summary>Lower runs first: reference data (0-99) before demo accounts (100) before module demo content (200+).</summary>
    int Order { get; }

    bool DemoOnly { get; }

    Task SeedAsync(AppDbContext db, CancellationToken cancellationToken);
}

public static class SeedingExtensions
{
    public static IServiceCollection AddDataSeeder<T>(this IServiceCollection services)
        where T : class, IDataSeeder =>
        services.AddScoped<IDataSeeder, T>();
}
