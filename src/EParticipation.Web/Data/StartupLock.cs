using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Data;

/// <summary>
/// Held while one instance migrates and seeds, so that several instances starting together on an empty
/// database take turns: the first does the work, the others wait and then find nothing left to do.
/// On PostgreSQL and SQL Server it is a lock of the database session (<see cref="SqlDialect.AcquireStartupLock"/>)
/// on the context's connection, which stays open until the lock is released. On SQLite, whose file has one
/// host, it is an exclusive lock on a file beside the database.
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    /// <summary>How long an instance waits for another one's migrate-and-seed before it gives up (and exits).</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromMinutes(15);

    private readonly AppDbContext _db;
    private readonly FileStream? _file;

    private StartupLock(AppDbContext db, FileStream? file)
    {
        _db = db;
        _file = file;
    }

    public static async Task<StartupLock> AcquireAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (db.Dialect.AcquireStartupLock is { } acquire)
        {
            // Waiting for another instance to migrate and seed is not a query that hangs: on a busy
            // machine that takes longer than the command timeout (30 s by default), which made the
            // waiting instance crash (bench/resilience scenario g). It waits up to LockWait instead.
            var timeout = db.Database.GetCommandTimeout();
            db.Database.SetCommandTimeout(LockWait);
            try
            {
                await db.Database.ExecuteSqlRawAsync(acquire, cancellationToken);
            }
            finally
            {
                db.Database.SetCommandTimeout(timeout);
            }
            return new StartupLock(db, null);
        }
        var database = ((SqliteConnection)db.Database.GetDbConnection()).DataSource;
        return new StartupLock(db, await LockFileAsync(database + ".startup-lock", cancellationToken));
    }

    private static async Task<FileStream> LockFileAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                // Another instance holds it: it is migrating or seeding now.
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Released explicitly: a pooled PostgreSQL connection is not reset when it is closed
            // (DatabaseSetup), so closing alone would leave the lock with the pool.
            if (_db.Dialect.ReleaseStartupLock is { } release)
            {
                await _db.Database.ExecuteSqlRawAsync(release, CancellationToken.None);
            }
        }
        finally
        {
            if (_file is not null)
            {
                await _file.DisposeAsync();
            }
            await _db.Database.CloseConnectionAsync();
        }
    }
}
