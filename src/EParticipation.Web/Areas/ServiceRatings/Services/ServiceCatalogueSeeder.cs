using EParticipation.Web.Areas.ServiceRatings.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.ServiceRatings.Services;

/// <summary>
/// The services of the seeded agencies from seeds/services.json. A service is added when its code is
/// new; one that staff have changed or retired is left as it is.
/// </summary>
public sealed class ServiceCatalogueSeeder(SeedFiles files, TimeProvider clock) : IDataSeeder
{
    public int Order => 20;

    public bool DemoOnly => false;

    public async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = clock.GetUtcNow().UtcDateTime;
        var seeds = await files.ReadAsync<ServiceSeed>("services.json", cancellationToken);
        var known = (await db.GovernmentServices.Select(s => s.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var agencies = await db.Agencies.ToDictionaryAsync(a => a.Code, a => a.Id, cancellationToken);
        var sectors = await db.Sectors.ToDictionaryAsync(s => s.Code, s => s.Id, cancellationToken);
        foreach (var seed in seeds.Where(s => !known.Contains(s.Code) && agencies.ContainsKey(s.Agency)))
        {
            var service = new GovernmentService
            {
                Code = seed.Code,
                AgencyId = agencies[seed.Agency],
                SectorId = seed.Sector is { } sector && sectors.TryGetValue(sector, out var sectorId) ? sectorId : null,
                Name = new LocalizedText(seed.NameAr, seed.NameEn),
                Description = new LocalizedText(seed.DescriptionAr, seed.DescriptionEn),
                Channels = seed.Channels.Aggregate(ServiceChannel.None, (all, c) => all | Enum.Parse<ServiceChannel>(c, ignoreCase: true)),
                Url = seed.Url,
                CreatedAt = now,
                UpdatedAt = now,
            };
            service.RefreshSearchText();
            db.GovernmentServices.Add(service);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record ServiceSeed(string Code, string Agency, string? Sector, string NameAr, string NameEn, string DescriptionAr, string DescriptionEn, IReadOnlyList<string> Channels, string? Url);
}
