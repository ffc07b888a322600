using EParticipation.Web.Data;
using EParticipation.Web.Platform.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Infrastructure;

/// <summary>A portal started with the demo data ("Seeds:DemoData"), as `dotnet run` starts one.</summary>
public class DemoDataPortal : PortalFactory
{
    public DemoDataPortal()
    {
        With("Seeds:DemoData", "true");
    }

    /// <summary>Runs every seeder again, in order, as a second start would: the demo data must stay one copy.</summary>
    public Task SeedAgainAsync() => WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        foreach (var seeder in sp.GetServices<IDataSeeder>().OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(db, CancellationToken.None);
        }
        return 0;
    });
}
