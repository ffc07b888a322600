using System.Text.Json;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Platform;

public sealed class SeedTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task ReferenceData_ImportedTwice_LeavesOneCopyOfEachRow()
    {
        // The portal imported the seeds once at start; import them again.
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<EParticipation.Web.Data.AppDbContext>();
            foreach (var seeder in sp.GetServices<IDataSeeder>().Where(s => !s.DemoOnly).OrderBy(s => s.Order))
            {
                await seeder.SeedAsync(db, CancellationToken.None);
            }
            return 0;
        });

        var seeds = Path.Combine(AppContext.BaseDirectory, "seeds");
        int Count(string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(seeds, file))).RootElement.GetArrayLength();
        var counts = await factory.WithDbAsync(async db => (
            Agencies: await db.Agencies.CountAsync(),
            Sectors: await db.Sectors.CountAsync(),
            Groups: await db.TargetGroups.CountAsync(),
            Holidays: await db.PublicHolidays.CountAsync(),
            Roles: await db.Roles.CountAsync()));
        Assert.Equal(Count("agencies.json"), counts.Agencies);
        Assert.Equal(Count("sectors.json"), counts.Sectors);
        Assert.Equal(Count("target-groups.json"), counts.Groups);
        Assert.Equal(Count("holidays.json"), counts.Holidays);
        Assert.Equal(EParticipation.Web.Platform.Identity.Roles.All.Count, counts.Roles);
    }

    [Fact]
    public async Task ReferenceData_KeepsTheSourcePagesNamesAndMailboxes()
    {
        var moj = await factory.WithDbAsync(db => db.Agencies.SingleAsync(a => a.Code == "moj"));
        Assert.Equal("وزارة العدل", moj.Name.Ar);
        Assert.Equal("Ministry of Justice", moj.Name.En);
        Assert.Equal("LegislationsOffice@moj.gov.sa", moj.LegislationOfficeEmail);
        Assert.Equal("voc@moj.gov.sa", moj.VocEmail);
        var groups = await factory.WithDbAsync(db => db.TargetGroups.Select(g => g.Code).ToListAsync());
        Assert.Contains("women", groups);
        Assert.Contains("persons-with-disabilities", groups);
        Assert.Contains("elderly", groups);
    }

    [Fact]
    public async Task ReferenceData_DoesNotOverwriteWhatAnAdministratorChanged()
    {
        await factory.WithDbAsync(async db =>
        {
            var agency = await db.Agencies.SingleAsync(a => a.Code == "moe");
            agency.VocEmail = "voc@moe.example.sa";
            await db.SaveChangesAsync();
        });
        await factory.WithScopeAsync(async sp =>
        {
            var seeder = sp.GetServices<IDataSeeder>().OfType<ReferenceDataSeeder>().Single();
            await seeder.SeedAsync(sp.GetRequiredService<EParticipation.Web.Data.AppDbContext>(), CancellationToken.None);
            return 0;
        });
        Assert.Equal("voc@moe.example.sa", await factory.WithDbAsync(db => db.Agencies.Where(a => a.Code == "moe").Select(a => a.VocEmail).SingleAsync()));
    }
}
