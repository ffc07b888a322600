using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace EParticipation.Web.Data;

/// <summary>
/// Tells a database that could not be reached or answered in time (the server stopped, the network
/// dropped, a lock waited too long) from a fault in the portal itself. Every supported engine marks
/// such errors as transient (<see cref="DbException.IsTransient"/>): Npgsql for broken or refused
/// connections and SqlClient for its transient error numbers; SQLite does not, so its "busy" and
/// "locked" codes (a writer held the database longer than the command waits) are named here.
/// </summary>
public static class DatabaseFailure
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true } or TimeoutException or SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked })
            {
                return true;
            }
        }
        return false;
    }
}
