using EParticipation.Web.Data;
using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace EParticipation.Web.Areas.Consultations.Services;

public sealed record LookupItem(int Id, string Code, LocalizedText Name);

/// <summary>
/// Agencies, sectors and target groups for filters and forms. They change rarely (administrators),
/// and the list page is the busiest page of the portal, so each instance keeps them for a few minutes.
/// </summary>
public sealed class ConsultationLookups(AppDbContext db, IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public Task<IReadOnlyList<LookupItem>> AgenciesAsync() =>
        GetAsync("consultations:agencies", () => db.Agencies.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.Name.Ar).Select(a => new LookupItem(a.Id, a.Code, a.Name)).ToListAsync());

    public Task<IReadOnlyList<LookupItem>> SectorsAsync() =>
        GetAsync("consultations:sectors", () => db.Sectors.AsNoTracking().OrderBy(s => s.SortOrder).Select(s => new LookupItem(s.Id, s.Code, s.Name)).ToListAsync());

    public Task<IReadOnlyList<LookupItem>> TargetGroupsAsync() =>
        GetAsync("consultations:target-groups", () => db.TargetGroups.AsNoTracking().OrderBy(g => g.SortOrder).Select(g => new LookupItem(g.Id, g.Code, g.Name)).ToListAsync());

    private async Task<IReadOnlyList<LookupItem>> GetAsync(string key, Func<Task<List<LookupItem>>> load)
    {
        if (cache.TryGetValue(key, out IReadOnlyList<LookupItem>? items) && items is not null)
        {
            return items;
        }
        items = await load();
        cache.Set(key, items, Lifetime);
        return items;
    }
}
