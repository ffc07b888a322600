using System.Data.Common;

namespace EParticipation.Web.Data;

/// <summary>
/// Tells a database that could not be reached or answered in time (the server stopped, the network
/// dropped, a lock waited too long) from a fault in the portal itself. Every supported engine marks
/// such errors as transient (<see cref="DbException.IsTransient"/>): Npgsql for broken or refused
/// connections, SqlClient for its transient error numbers, SQLite for a busy or locked database.
/// </summary>
public static class DatabaseFailure
{
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true } or TimeoutException)
            {
                return true;
            }
        }
        return false;
    }
}
