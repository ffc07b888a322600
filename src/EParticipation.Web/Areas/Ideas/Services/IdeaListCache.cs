using System.Collections.Concurrent;
using System.Diagnostics;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Caching;

namespace EParticipation.Web.Areas.Ideas.Services;

/// <summary>
/// What the public ideas list shows beside its page of cards, kept a few seconds
/// ("Ideas:ListCacheSeconds", 10 by default; 0 reads them on every view): the number of ideas matching
/// the filters (for the pager) and the agencies, sectors and challenges of the filters. Counting
/// 100,000 published ideas on every view is what queued the list by support (bench/ideas/README.md);
/// the page itself is always read. Any write here that changes which ideas are listed or what the
/// filters offer (a new idea, a moderation decision, a status, a challenge) makes every entry stale
/// (<see cref="IdeaListChanges"/>), and the other instances sharing the database are told after it
/// commits (<see cref="CrossInstanceInvalidation"/>): the next view waits for a fresh read. An entry
/// only out of its time is still served while one read (in a scope of its own) replaces it, so no view
/// waits for the count but the first one and those after a write.
/// </summary>
public sealed class IdeaListCache(IServiceScopeFactory scopes, IConfiguration configuration) : IInvalidatable
{
    public const string InvalidationTopic = "ideas";

    private const int PruneAbove = 2_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private readonly long _lifetime = (long)(Stopwatch.Frequency * configuration.GetValue("Ideas:ListCacheSeconds", 10.0));

    private long _version;

    string IInvalidatable.Topic => InvalidationTopic;

    void IInvalidatable.Invalidate() => Changed();

    /// <summary>Something the list shows beside its page changed in this instance: every entry is stale.</summary>
    public void Changed() => Interlocked.Increment(ref _version);

    public async Task<T> GetAsync<T>(string key, Func<AppDbContext, Task<T>> load, CancellationToken cancellationToken)
    {
        if (_lifetime <= 0)
        {
            return await LoadAsync(load);
        }
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            var version = Interlocked.Read(ref _version);
            if (!_entries.TryGetValue(key, out var entry) || !entry.Serves(version, now))
            {
                // Only out of date by its age (no write since): views keep getting it while one reads the next.
                var stale = entry is not null && entry.Version == version && entry.Value.IsValueCreated && entry.Value.Value.IsCompletedSuccessfully
                    ? new Kept(entry.Value.Value.Result)
                    : null;
                var fresh = new Entry(version, now + _lifetime, new Lazy<Task<object?>>(async () => await LoadAsync(load)), stale);
                if (entry is null ? !_entries.TryAdd(key, fresh) : !_entries.TryUpdate(key, fresh, entry))
                {
                    continue; // another view has just started the read: wait for theirs
                }
                entry = fresh;
                if (_entries.Count > PruneAbove)
                {
                    Prune(version, now);
                }
            }
            var reading = entry.Value.Value;
            if (!reading.IsCompleted && entry.Stale is { } kept)
            {
                return (T)kept.Value!;
            }
            try
            {
                return (T)(await reading.WaitAsync(cancellationToken))!;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // A failed read is not kept: the next view tries again.
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
                throw;
            }
        }
    }

    private async Task<T> LoadAsync<T>(Func<AppDbContext, Task<T>> load)
    {
        // Its own scope and no view's cancellation: the views waiting for it come and go.
        await using var scope = scopes.CreateAsyncScope();
        return await load(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private void Prune(long version, long now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (!entry.Serves(version, now))
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            }
        }
    }

    private sealed record Kept(object? Value);

    /// <summary>A value, until when it serves, and (while it is being read again after its time) the one before it.</summary>
    private sealed record Entry(long Version, long Until, Lazy<Task<object?>> Value, Kept? Stale)
    {
        public bool Serves(long version, long now) => Version == version && now < Until && !(Value.IsValueCreated && Value.Value.IsFaulted);
    }
}

/// <summary>Tells the list's cache, here and in the other instances, that a committed write changed what it keeps.</summary>
public sealed class IdeaListChanges(IdeaListCache cache, CrossInstanceInvalidation others)
{
    public void Changed()
    {
        cache.Changed();
        others.Publish(IdeaListCache.InvalidationTopic);
    }
}
