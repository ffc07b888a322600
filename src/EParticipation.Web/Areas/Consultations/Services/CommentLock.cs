using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Consultations.Services;

/// <summary>
/// Serialises the changes of one comment's status (withdrawal, a report that hides it, a moderator's
/// decision), so two of them at once cannot both count the same change in the counters. Call it first
/// inside the transaction, then load the comment: the load sees the status the winner left.
/// On PostgreSQL and SQL Server it locks the comment's row until the transaction ends
/// (<see cref="SqlDialect.LockRow"/>); SQLite's transactions already take the database's write lock
/// when they begin (BEGIN IMMEDIATE). Comment.Status is also a
/// concurrency token, so a change made from a stale read fails instead of counting twice.
/// </summary>
public static class CommentLock
{
    public static async Task TakeAsync(AppDbContext db, long commentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A comment's lock is taken inside a transaction.");
        }
        if (db.Dialect.LockRow("ConsultationComments", commentId) is { } lockRow)
        {
            await db.Database.ExecuteSqlAsync(lockRow, cancellationToken);
        }
    }
}
