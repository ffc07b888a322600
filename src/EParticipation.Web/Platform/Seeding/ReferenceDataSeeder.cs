using EParticipation.Web.Data;
using EParticipation.Web.Platform.Agencies;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Seeding;

/// <summary>
/// Agencies, sectors, target groups and public holidays from seeds/*.json. A row is added when its
/// code is new; an existing row is left as it is, so what administrators changed survives restarts.
/// </summary>
public sealed class ReferenceDataSeeder(SeedFiles files, TimeProvider clock) : IDataSeeder
{
    public int Order => 0;

    public bool DemoOnly => false;

    public async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = clock.GetUtcNow().UtcDateTime;

        var agencies = await files.ReadAsync<AgencySeed>("agencies.json", cancellationToken);
        var knownAgencies = await db.Agencies.Select(a => a.Code).ToListAsync(cancellationToken);
        db.Agencies.AddRange(agencies.Where(a => !knownAgencies.Contains(a.Code)).Select(a => new Agency
        {
            Code = a.Code,
            Name = new LocalizedText(a.NameAr, a.NameEn),
            LegislationOfficeEmail = a.LegislationOfficeEmail,
            VocEmail = a.VocEmail,
            SupervisorEmail = a.SupervisorEmail,
            Website = a.Website,
            IsActive = true,
            CreatedAt = now,
        }));

        var sectors = await files.ReadAsync<NamedSeed>("sectors.json", cancellationToken);
        var knownSectors = await db.Sectors.Select(s => s.Code).ToListAsync(cancellationToken);
        db.Sectors.AddRange(sectors.Where(s => !knownSectors.Contains(s.Code)).Select((s, i) => new Sector
        {
            Code = s.Code,
            Name = new LocalizedText(s.NameAr, s.NameEn),
            SortOrder = s.SortOrder ?? i,
        }));

        var groups = await files.ReadAsync<NamedSeed>("target-groups.json", cancellationToken);
        var knownGroups = await db.TargetGroups.Select(g => g.Code).ToListAsync(cancellationToken);
        db.TargetGroups.AddRange(groups.Where(g => !knownGroups.Contains(g.Code)).Select((g, i) => new TargetGroup
        {
            Code = g.Code,
            Name = new LocalizedText(g.NameAr, g.NameEn),
            SortOrder = g.SortOrder ?? i,
        }));

        var holidays = await files.ReadAsync<HolidaySeed>("holidays.json", cancellationToken);
        var knownHolidays = await db.PublicHolidays.Where(h => h.SeedKey != null).Select(h => h.SeedKey!).ToListAsync(cancellationToken);
        db.PublicHolidays.AddRange(holidays.Where(h => !knownHolidays.Contains(h.Key)).Select(h => new PublicHoliday
        {
            SeedKey = h.Key,
            Name = new LocalizedText(h.NameAr, h.NameEn),
            StartDate = h.Start,
            EndDate = h.End,
        }));

        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record AgencySeed(string Code, string NameAr, string NameEn, string? LegislationOfficeEmail, string? VocEmail, string? SupervisorEmail, string? Website);

    private sealed record NamedSeed(string Code, string NameAr, string NameEn, int? SortOrder);

    private sealed record HolidaySeed(string Key, string NameAr, string NameEn, DateOnly Start, DateOnly End);
}
