using System.Collections.Concurrent;
using EParticipation.Web.Areas.ServiceRatings.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Caching;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.ServiceRatings.Services;

/// <summary>
/// The catalogue's services by id, kept in memory: every rating (the form, its post, the thank-you page)
/// looks its service up, and the catalogue changes when a publisher edits it. Any write to
/// <c>GovernmentServices</c> in this instance (<see cref="GovernmentServiceChangeInterceptor"/>: the
/// publishers' edits, retiring and restoring, the seeder, any statement) makes every kept service stale,
/// and the other instances are told once it commits (<see cref="CrossInstanceInvalidation"/>, topic
/// "government-services"). Only services that exist are kept (an id that does not exist is read
/// each time, so probing ids fills nothing), at most one entry per service. What it returns is shared:
/// callers read it and never change or attach it.
/// </summary>
public sealed class GovernmentServiceCache : IInvalidatable
{
    public const string InvalidationTopic = "government-services";

    private readonly ConcurrentDictionary<int, Entry> _entries = new();

    private long _version;

    string IInvalidatable.Topic => InvalidationTopic;

    void IInvalidatable.Invalidate() => Changed();

    /// <summary>The services changed (or may have): nothing kept is served again.</summary>
    public void Changed() => Interlocked.Increment(ref _version);

    /// <summary>The service, not retired, or null; read from the database only when not kept under the current version.</summary>
    public async Task<GovernmentService?> CurrentAsync(AppDbContext db, int id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var version = Interlocked.Read(ref _version);
        if (_entries.TryGetValue(id, out var kept) && kept.Version == version)
        {
            return kept.Service.IsRetired ? null : kept.Service;
        }
        var service = await db.GovernmentServices.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        // Kept only if nothing was written since the read began (a write meanwhile moved the version on).
        if (service is not null && Interlocked.Read(ref _version) == version)
        {
            _entries[id] = new Entry(version, service);
        }
        return service is null || service.IsRetired ? null : service;
    }

    private sealed record Entry(long Version, GovernmentService Service);
}

/// <summary>Notices statements that write <c>GovernmentServices</c>, whatever sends them, for <see cref="GovernmentServiceCache"/>.</summary>
public sealed class GovernmentServiceChangeInterceptor(GovernmentServiceCache cache, CrossInstanceInvalidation others) : TableWriteInterceptor(others)
{
    protected override string Topic => GovernmentServiceCache.InvalidationTopic;

    protected override bool IsWatchedWrite(AppDbContext db, string sql) => WritesTable(sql, "GovernmentServices");

    protected override void Changed() => cache.Changed();
}
