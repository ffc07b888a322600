using System.Net;
using EParticipation.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Platform;

/// <summary>Several instances started at the same moment on an empty database all come up.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task ThreeInstances_StartedTogetherOnAnEmptyDatabase_AllServe_AndTheDemoDataExistsOnce()
    {
        using var database = TestDatabase.Create();
        var portals = Enumerable.Range(0, 3).Select(_ => PortalFactory.OnDatabase(database).With("Seeds:DemoData", "true")).ToList();
        try
        {
            // Each host migrates and seeds as it starts (before it serves), all three at once.
            var clients = await Task.WhenAll(portals.Select(p => Task.Run(p.Client)));

            foreach (var client in clients)
            {
                var ready = await client.GetAsync("/health/ready");
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            }
            var counts = await portals[0].WithDbAsync(async db => new
            {
                Admins = await db.Users.CountAsync(u => u.Email == "admin@demo.portal.test"),
                Agencies = await db.Agencies.GroupBy(a => a.Code).CountAsync(g => g.Count() > 1),
                Consultations = await db.Consultations.CountAsync(),
                Migrations = (await db.Database.GetAppliedMigrationsAsync()).Count(),
            });
            Assert.Equal(1, counts.Admins);
            Assert.Equal(0, counts.Agencies);
            Assert.True(counts.Consultations > 0);
            using var context = database.NewContext();
            Assert.Equal(context.Database.GetMigrations().Count(), counts.Migrations);
        }
        finally
        {
            foreach (var portal in portals)
            {
                portal.Dispose();
            }
        }
    }
}
