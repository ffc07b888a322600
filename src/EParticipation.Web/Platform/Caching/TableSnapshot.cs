using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EParticipation.Web.Platform.Caching;

/// <summary>
/// What an instance builds from a few small tables that change rarely (the agencies, the complaints'
/// routing table) and reads on many requests: kept in memory until any statement in this instance
/// writes one of <see cref="Tables"/> (<see cref="TableSnapshotInterceptor"/>: edits, seeders, raw SQL),
/// and, once that write has committed, in the other instances (<see cref="CrossInstanceInvalidation"/>,
/// under <see cref="Topic"/>). A value read while a write was running is returned but not kept. What it
/// returns is shared: callers read it and never change or attach it.
/// </summary>
public abstract class TableSnapshot<T> : IInvalidatable
    where T : class
{
    private long _version;

    private Entry? _entry;

    /// <summary>The name writes are announced under to the other instances.</summary>
    public abstract string Topic { get; }

    /// <summary>The tables the value is built from, as named in SQL (unquoted).</summary>
    public abstract IReadOnlyList<string> Tables { get; }

    /// <summary>Builds the value from the database (untracked).</summary>
    protected abstract Task<T> LoadAsync(AppDbContext db, CancellationToken cancellationToken);

    void IInvalidatable.Invalidate() => Changed();

    /// <summary>A table changed (or may have): the kept value is not served again.</summary>
    public void Changed() => Interlocked.Increment(ref _version);

    /// <summary>The kept value, or a fresh one read through <paramref name="db"/>.</summary>
    public async Task<T> GetAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var version = Interlocked.Read(ref _version);
        if (_entry is { } kept && kept.Version == version)
        {
            return kept.Value;
        }
        var value = await LoadAsync(db, cancellationToken);
        if (Interlocked.Read(ref _version) == version)
        {
            _entry = new Entry(version, value);
        }
        return value;
    }

    private sealed record Entry(long Version, T Value);
}

/// <summary>Notices statements that write a <see cref="TableSnapshot{T}"/>'s tables, whatever sends them.</summary>
public sealed class TableSnapshotInterceptor(string topic, IReadOnlyList<string> tables, Action changed, CrossInstanceInvalidation others) : TableWriteInterceptor(others)
{
    protected override string Topic => topic;

    protected override bool IsWatchedWrite(AppDbContext db, string sql)
    {
        foreach (var table in tables)
        {
            if (WritesTable(sql, table))
            {
                return true;
            }
        }
        return false;
    }

    protected override void Changed() => changed();
}

public static class TableSnapshotSetup
{
    /// <summary>Registers the snapshot as a singleton, with its interceptor and its place in the cross-instance invalidation.</summary>
    public static IServiceCollection AddTableSnapshot<TSnapshot, T>(this IServiceCollection services)
        where TSnapshot : TableSnapshot<T>
        where T : class
    {
        services.AddSingleton<TSnapshot>();
        services.AddSingleton<IInvalidatable>(sp => sp.GetRequiredService<TSnapshot>());
        services.AddSingleton<IInterceptor>(sp =>
        {
            var snapshot = sp.GetRequiredService<TSnapshot>();
            return new TableSnapshotInterceptor(snapshot.Topic, snapshot.Tables, snapshot.Changed, sp.GetRequiredService<CrossInstanceInvalidation>());
        });
        return services;
    }
}
