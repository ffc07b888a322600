using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Comments;

/// <summary>
/// Serialises the changes of one comment's status (withdrawal, a report that hides it, a moderator's
/// decision), for every module's comments, so two of them at once cannot both count the same change in
/// the counters. Call it first inside the transaction, then load the comment: the load sees the status
/// the winner left. On PostgreSQL and SQL Server it locks the comment's row until the transaction ends
/// (<see cref="SqlDialect.LockRow"/>); SQLite's transactions already take the database's write lock
/// when they begin (BEGIN IMMEDIATE). <see cref="ModeratedComment.Status"/> is also a concurrency token
/// in each module's configuration, so a change made from a stale read fails instead of counting twice.
/// </summary>
public static class CommentLock
{
    /// <summary>Locks the row of the comment of type <typeparamref name="TComment"/> (its table is read from the model).</summary>
    public static async Task TakeAsync<TComment>(AppDbContext db, long commentId, CancellationToken cancellationToken = default)
        where TComment : ModeratedComment
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A comment's lock is taken inside a transaction.");
        }
        var table = db.Model.FindEntityType(typeof(TComment))?.GetTableName()
            ?? throw new InvalidOperationException($"{typeof(TComment).Name} is not a stored comment.");
        if (db.Dialect.LockRow(table, commentId) is { } lockRow)
        {
            await db.Database.ExecuteSqlAsync(lockRow, cancellationToken);
        }
    }
}
