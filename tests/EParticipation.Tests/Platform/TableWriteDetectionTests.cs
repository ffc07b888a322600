using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Identity.Sessions;

namespace EParticipation.Tests.Platform;

/// <summary>
/// What the in-memory caches treat as a change of the tables behind them. A read that names a column
/// such as "UpdatedAt" or "DeletedAt" is a read: taking it for a write dropped the kept sessions (and
/// calendars) on every request that read them.
/// </summary>
public sealed class TableWriteDetectionTests
{
    [Theory]
    [InlineData("SELECT u.\"Ticket\", a.\"SecurityStamp\", a.\"DeletedAt\" FROM \"UserSessions\" AS u INNER JOIN \"AspNetUsers\" AS a ON u.\"UserId\" = a.\"Id\" WHERE u.\"Id\" = $1 LIMIT 2", false)]
    [InlineData("UPDATE \"UserSessions\" AS u SET \"LastSeenAt\" = @p WHERE u.\"Id\" = @p0", false)]
    [InlineData("INSERT INTO \"UserSessions\" (\"Id\", \"UserId\") VALUES (@p0, @p1);", false)]
    [InlineData("-- ep: purge of expired sessions\n\nDELETE FROM \"UserSessions\" AS u WHERE u.\"ExpiresAt\" < @now", false)]
    [InlineData("DELETE FROM \"UserSessions\" AS u WHERE u.\"UserId\" = @userId", true)]
    [InlineData("DELETE FROM [u] FROM [UserSessions] AS [u] WHERE [u].[UserId] = @userId AND [u].[Id] <> @keep", true)]
    [InlineData("UPDATE \"AspNetUsers\" SET \"SecurityStamp\" = @p0, \"ConcurrencyStamp\" = @p1 WHERE \"Id\" = @p2 AND \"ConcurrencyStamp\" = @p3;", true)]
    [InlineData("UPDATE [AspNetUsers] SET [DeletedAt] = @p0 WHERE [Id] = @p1;", true)]
    [InlineData("SELECT a.\"Id\", a.\"DeletedAt\", a.\"UpdatedAt\" FROM \"AspNetUsers\" AS a WHERE a.\"Id\" = @id", false)]
    public void Sessions_AreDroppedOnlyByStatementsThatCanEndOne(string sql, bool endsSessions) =>
        Assert.Equal(endsSessions, SessionChangeInterceptor.MayEndSessions(sql));

    [Theory]
    [InlineData("SELECT p.\"Id\", p.\"UpdatedAt\", p.\"DeletedAt\" FROM \"PublicHolidays\" AS p", false)]
    [InlineData("UPDATE \"PublicHolidays\" SET \"EndsOn\" = @p0 WHERE \"Id\" = @p1;", true)]
    [InlineData("INSERT INTO \"PublicHolidays\" (\"Name\") VALUES (@p0);", true)]
    [InlineData("SELECT 1; DELETE FROM \"PublicHolidays\" WHERE \"Id\" = @p0", true)]
    [InlineData("UPDATE \"Cases\" SET \"DueOn\" = @p0 WHERE \"Id\" IN (SELECT c.\"Id\" FROM \"Cases\" AS c)", false)]
    public void Holidays_ChangeOnlyWithAWriteToTheirTable(string sql, bool changes) =>
        Assert.Equal(changes, HolidayChangeInterceptor.Writes(sql));
}
