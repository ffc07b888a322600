using EParticipation.Web.Data;
using EParticipation.Web.Platform.Caching;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Agencies;

/// <summary>
/// The agencies, kept in memory (a few dozen rows that administrators change a few times a year):
/// every complaint, idea and rating names one, and the forms list them. Written by the administrators'
/// agency screens and the seeders; any such write drops the kept list here and in the other instances.
/// </summary>
public sealed class AgencyDirectory : TableSnapshot<AgencyDirectory.Agencies>
{
    public const string InvalidationTopic = "agencies";

    public override string Topic => InvalidationTopic;

    public override IReadOnlyList<string> Tables { get; } = ["Agencies"];

    /// <summary>The agency with this id, active or not, or null.</summary>
    public async Task<Agency?> FindAsync(AppDbContext db, int id, CancellationToken cancellationToken = default) =>
        (await GetAsync(db, cancellationToken)).ById.GetValueOrDefault(id);

    /// <summary>The agency with this id if it exists and is active.</summary>
    public async Task<Agency?> ActiveAsync(AppDbContext db, int id, CancellationToken cancellationToken = default) =>
        await FindAsync(db, id, cancellationToken) is { IsActive: true } agency ? agency : null;

    /// <summary>The active agencies by code, as the forms list them.</summary>
    public async Task<IReadOnlyList<Agency>> ActiveAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        (await GetAsync(db, cancellationToken)).Active;

    protected override async Task<Agencies> LoadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var all = await db.Agencies.AsNoTracking().OrderBy(a => a.Code).ToListAsync(cancellationToken);
        return new Agencies(all.ToDictionary(a => a.Id), all.Where(a => a.IsActive).ToList());
    }

    public sealed record Agencies(IReadOnlyDictionary<int, Agency> ById, IReadOnlyList<Agency> Active);
}
