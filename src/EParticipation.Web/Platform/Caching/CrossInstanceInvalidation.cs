using System.Collections.Concurrent;
using System.Threading.Channels;
using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql;

namespace EParticipation.Web.Platform.Caching;

/// <summary>
/// Something an instance keeps in memory and must drop when the data behind it changes in any
/// instance (the consultations' page cache). Registered as a singleton <see cref="IInvalidatable"/>.
/// </summary>
public interface IInvalidatable
{
    /// <summary>The name writes are announced under ("consultations").</summary>
    string Topic { get; }

    /// <summary>Another instance (or, after a lost connection, possibly any) changed the data: drop what is kept.</summary>
    void Invalidate();
}

/// <summary>How instances tell each other about writes (configuration <c>Cache:Invalidation</c>).</summary>
public enum InvalidationMode
{
    /// <summary>PostgreSQL: LISTEN/NOTIFY; SQL Server: the polled version rows; SQLite: local only.</summary>
    Auto,

    /// <summary>Only this instance's own writes clear its caches (SQLite: one instance per file).</summary>
    Local,

    /// <summary>PostgreSQL LISTEN/NOTIFY: a notification after each commit, received by every instance within milliseconds.</summary>
    Notify,

    /// <summary>A version row per topic, incremented after each commit and read by every instance every <c>Cache:PollMilliseconds</c>.</summary>
    Polled,
}

/// <summary>Configuration section "Cache".</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    public InvalidationMode Invalidation { get; set; } = InvalidationMode.Auto;

    /// <summary>Polled mode: how often the version rows are read.</summary>
    public int PollMilliseconds { get; set; } = 500;
}

/// <summary>One topic's version, for the polled mode (SQL Server).</summary>
public class InvalidationVersion
{
    public string Topic { get; set; } = "";

    public long Version { get; set; }
}

public sealed class InvalidationVersionConfiguration : IEntityTypeConfiguration<InvalidationVersion>
{
    public void Configure(EntityTypeBuilder<InvalidationVersion> builder)
    {
        builder.ToTable("InvalidationVersions");
        builder.HasKey(v => v.Topic);
        builder.Property(v => v.Topic).HasMaxLength(60);
    }
}

/// <summary>
/// Tells the other instances sharing the database that a topic's data changed, and tells this
/// instance's <see cref="IInvalidatable"/>s when another one did. <see cref="Publish"/> is called once
/// the write has committed (by the module's change interceptor); it only queues the topic, and
/// <see cref="InvalidationService"/> sends it on its own connection, so a request never waits for it.
/// </summary>
public sealed class CrossInstanceInvalidation(IEnumerable<IInvalidatable> caches)
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly Channel<string> _outgoing = Channel.CreateBounded<string>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public string Instance { get; } = Guid.NewGuid().ToString("N");

    internal ChannelReader<string> Outgoing => _outgoing.Reader;

    /// <summary>The mode in force once the service has started (Local until then).</summary>
    public InvalidationMode Mode { get; internal set; } = InvalidationMode.Local;

    /// <summary>Completes once other instances' changes are being received (listening, or the first poll done; at once in Local mode).</summary>
    public Task Ready => _ready.Task;

    internal void MarkReady() => _ready.TrySetResult();

    /// <summary>A committed write changed <paramref name="topic"/>'s data in this instance.</summary>
    public void Publish(string topic)
    {
        if (Mode != InvalidationMode.Local)
        {
            _outgoing.Writer.TryWrite(topic);
        }
    }

    /// <summary>Clears this instance's caches of the topic (null: of every topic).</summary>
    internal void Raise(string? topic)
    {
        foreach (var cache in caches)
        {
            if (topic is null || string.Equals(cache.Topic, topic, StringComparison.Ordinal))
            {
                cache.Invalidate();
            }
        }
    }
}

/// <summary>
/// Sends and receives the invalidations. PostgreSQL: one connection held with LISTEN, reconnecting
/// after a failure (and then clearing every cache, since notifications sent meanwhile were missed);
/// a NOTIFY per topic on a pooled connection. Polled (SQL Server): an UPDATE of the topic's version
/// row, and a read of all rows every <see cref="CacheOptions.PollMilliseconds"/>.
/// </summary>
public sealed partial class InvalidationService(
    CrossInstanceInvalidation invalidation,
    IServiceScopeFactory scopes,
    Microsoft.Extensions.Options.IOptions<CacheOptions> options,
    ILogger<InvalidationService> logger) : BackgroundService
{
    public const string Channel = "ep_invalidate";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string connectionString;
        DatabaseProvider provider;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            connectionString = db.Database.GetConnectionString() ?? "";
            provider = db.Dialect.Provider;
        }
        var mode = options.Value.Invalidation;
        if (mode == InvalidationMode.Auto)
        {
            mode = provider switch
            {
                DatabaseProvider.Postgres => InvalidationMode.Notify,
                DatabaseProvider.SqlServer => InvalidationMode.Polled,
                _ => InvalidationMode.Local,
            };
        }
        if (mode == InvalidationMode.Notify && provider != DatabaseProvider.Postgres)
        {
            mode = InvalidationMode.Polled;
        }
        invalidation.Mode = mode;
        if (mode == InvalidationMode.Local)
        {
            invalidation.MarkReady();
        }
        switch (mode)
        {
            case InvalidationMode.Notify:
                await Task.WhenAll(ListenAsync(connectionString, stoppingToken), SendAsync(topic => NotifyAsync(connectionString, topic, stoppingToken), stoppingToken));
                break;
            case InvalidationMode.Polled:
                await Task.WhenAll(PollAsync(stoppingToken), SendAsync(topic => IncrementAsync(topic, stoppingToken), stoppingToken));
                break;
        }
    }

    private async Task SendAsync(Func<string, Task> send, CancellationToken stoppingToken)
    {
        var pending = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (await invalidation.Outgoing.WaitToReadAsync(stoppingToken))
            {
                // Many writes in a moment make one message per topic.
                while (invalidation.Outgoing.TryRead(out var topic))
                {
                    pending.Add(topic);
                }
                foreach (var topic in pending)
                {
                    try
                    {
                        await send(topic);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LogSendFailed(logger, topic, ex);
                    }
                }
                pending.Clear();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task NotifyAsync(string connectionString, string topic, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(SqlDialect.Postgres.NotifyInvalidation!, connection);
        command.Parameters.AddWithValue(Channel);
        command.Parameters.AddWithValue(invalidation.Instance + "|" + topic);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task ListenAsync(string connectionString, CancellationToken stoppingToken)
    {
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 15 }.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    var separator = e.Payload.IndexOf('|', StringComparison.Ordinal);
                    if (separator > 0 && !e.Payload.AsSpan(0, separator).SequenceEqual(invalidation.Instance))
                    {
                        invalidation.Raise(e.Payload[(separator + 1)..]);
                    }
                };
                await using (var listen = new NpgsqlCommand(SqlDialect.Postgres.ListenForInvalidations!, connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                if (!first)
                {
                    // Whatever was announced while the connection was down is unknown: drop everything.
                    invalidation.Raise(null);
                    LogReconnected(logger);
                }
                first = false;
                invalidation.MarkReady();
                while (!stoppingToken.IsCancellationRequested)
                {
                    // A quiet wait ends every 30 s to check the connection is still there.
                    if (!await connection.WaitAsync(TimeSpan.FromSeconds(30), stoppingToken))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                first = false;
                LogListenFailed(logger, ex);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task IncrementAsync(string topic, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.InvalidationVersions.Where(v => v.Topic == topic).ExecuteUpdateAsync(u => u.SetProperty(v => v.Version, v => v.Version + 1), cancellationToken) == 1)
        {
            return;
        }
        db.InvalidationVersions.Add(new InvalidationVersion { Topic = topic, Version = 1 });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (db.Dialect.IsUniqueViolation(ex.InnerException ?? ex))
        {
            db.ChangeTracker.Clear();
            await db.InvalidationVersions.Where(v => v.Topic == topic).ExecuteUpdateAsync(u => u.SetProperty(v => v.Version, v => v.Version + 1), cancellationToken);
        }
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        Dictionary<string, long>? seen = null;
        var interval = TimeSpan.FromMilliseconds(Math.Max(50, options.Value.PollMilliseconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var now = await db.InvalidationVersions.AsNoTracking().ToDictionaryAsync(v => v.Topic, v => v.Version, StringComparer.Ordinal, stoppingToken);
                if (seen is not null)
                {
                    foreach (var (topic, version) in now)
                    {
                        if (!seen.TryGetValue(topic, out var before) || before != version)
                        {
                            invalidation.Raise(topic);
                        }
                    }
                }
                seen = now;
                invalidation.MarkReady();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The table may not exist yet on a first start (migrations), or the database is away:
                // try again, comparing with the versions last seen, so that what other instances
                // changed meanwhile is still cleared here once the poll succeeds.
                LogPollFailed(logger, ex);
            }
            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "Could not announce a change of {Topic} to the other instances")]
    private static partial void LogSendFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "Lost the connection that listens for other instances' changes; reconnecting")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 42, Level = LogLevel.Information, Message = "Listening for other instances' changes again; the caches were cleared")]
    private static partial void LogReconnected(ILogger logger);

    [LoggerMessage(EventId = 43, Level = LogLevel.Warning, Message = "Could not read the invalidation versions; trying again")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}

/// <summary>The service registrations.</summary>
public static class CachingSetup
{
    public static IServiceCollection AddCrossInstanceInvalidation(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CacheOptions>(configuration.GetSection(CacheOptions.Section));
        services.AddSingleton<CrossInstanceInvalidation>();
        services.AddHostedService<InvalidationService>();
        return services;
    }
}
