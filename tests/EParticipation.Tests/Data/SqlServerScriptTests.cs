using EParticipation.Web.Areas.Consultations.Services;
using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace EParticipation.Tests.Data;

/// <summary>
/// No SQL Server engine runs on these machines (docs/decisions/0006), so what SQL Server would be sent
/// is checked with Microsoft's own T-SQL parser: the idempotent migration script and every raw
/// statement of <see cref="SqlDialect.SqlServer"/>.
/// </summary>
public sealed class SqlServerScriptTests
{
    [Fact]
    public void IdempotentMigrationScript_ForSqlServer_ParsesWithoutErrors()
    {
        using var db = MigrationsTests.OfflineContext(DatabaseProvider.SqlServer);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        AssertParses(script);
        // What the hand-written migrations got wrong on SQL Server.
        Assert.Contains("IDENTITY", script, StringComparison.Ordinal);
        Assert.DoesNotContain("nvarchar(max) NOT NULL,\n    CONSTRAINT [PK_", script, StringComparison.Ordinal);
        Assert.Contains("[LoginProvider] nvarchar(450) NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("IF NOT EXISTS", script, StringComparison.Ordinal);
    }

    [Fact]
    public void OutboxClaim_OnSqlServer_IsOneUpdateThatSkipsLockedRows()
    {
        var claim = SqlDialect.SqlServer.ClaimOutboxBatch("instance:1", DateTime.UtcNow, DateTime.UtcNow.AddMinutes(2), 20);
        var sql = Render(claim);

        AssertParses(sql);
        Assert.Contains("SELECT TOP (@p0)", sql, StringComparison.Ordinal);
        Assert.Equal(20, claim.GetArgument(0));
        Assert.Contains("WITH (UPDLOCK, READPAST, ROWLOCK)", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("LIMIT", sql, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void FollowerFanOut_OnSqlServer_IsTwoInsertSelectsFromTheFollows()
    {
        var emails = Render(SqlDialect.SqlServer.FanOutEmails(3, 0, 1000, "<fanout.3.", DateTime.UtcNow));
        var digest = Render(SqlDialect.SqlServer.FanOutDigest(3, 0, 1000, DateTime.UtcNow));

        AssertParses(emails);
        AssertParses(digest);
        Assert.StartsWith("INSERT INTO [OutboxMessages]", emails.Trim(), StringComparison.Ordinal);
        Assert.Contains("CONCAT(", emails, StringComparison.Ordinal);
        Assert.DoesNotContain("||", emails, StringComparison.Ordinal);
        Assert.StartsWith("INSERT INTO [DigestItems]", digest.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void CastVote_OnSqlServer_IsOneMergeThatHoldsItsKeyRange()
    {
        var sql = Render(SqlDialect.SqlServer.CastVote(7, 21, Guid.NewGuid(), DateTime.UtcNow));

        AssertParses(sql);
        Assert.StartsWith("MERGE INTO [PollVotes] WITH (HOLDLOCK)", sql.Trim(), StringComparison.Ordinal);
        Assert.Contains("[LimitedToTargetGroups] = 0", sql, StringComparison.Ordinal);
        Assert.Contains("OUTPUT", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void IdeaSupport_OnSqlServer_IsOneBatchInItsOwnTransaction_ThatHoldsTheKeyRange()
    {
        var support = Render(SqlDialect.SqlServer.Support(7, Guid.NewGuid(), DateTime.UtcNow, "Published"));
        var withdraw = Render(SqlDialect.SqlServer.WithdrawSupport(7, Guid.NewGuid()));

        AssertParses(support);
        AssertParses(withdraw);
        Assert.Contains("WITH (UPDLOCK, HOLDLOCK)", support, StringComparison.Ordinal);
        Assert.All(new[] { support, withdraw }, sql =>
        {
            Assert.Contains("SET XACT_ABORT ON", sql, StringComparison.Ordinal);
            Assert.Contains("BEGIN TRANSACTION", sql, StringComparison.Ordinal);
            Assert.Contains("OUTPUT CAST(1 AS int) AS [Value]", sql, StringComparison.Ordinal);
            Assert.DoesNotContain("RETURNING", sql, StringComparison.Ordinal);
        });
        Assert.False(SqlDialect.SqlServer.CountedWritesNeedTransaction);
    }

    [Fact]
    public void CommentLock_OnSqlServer_HoldsAnUpdateLockUntilTheTransactionEnds()
    {
        var sql = Render(SqlDialect.SqlServer.LockRow("ConsultationComments", 42)!);

        AssertParses(sql);
        Assert.Equal("SELECT 1 FROM [ConsultationComments] WITH (UPDLOCK, HOLDLOCK) WHERE [Id] = @p0", sql);
    }

    [Fact]
    public void CounterIncrement_OnSqlServer_QuotesWithBrackets()
    {
        var sql = SqlDialect.SqlServer.Increment("Consultations", [("CommentCount", "@p0"), ("GeneralCommentCount", "@p1")], "@p2");

        AssertParses(sql);
        Assert.Equal("UPDATE [Consultations] SET [CommentCount] = [CommentCount] + @p0, [GeneralCommentCount] = [GeneralCommentCount] + @p1 WHERE [Id] = @p2;", sql);
    }

    [Fact]
    public void RatingStore_OnSqlServer_IsOneBatchInItsOwnTransaction_ThatHoldsTheKeyRange_AndMergesTheMonthRows()
    {
        var now = DateTime.UtcNow;
        var sql = Render(SqlDialect.SqlServer.StoreRating(new RatingWrite(3, 2, Guid.NewGuid(), now, now.AddDays(-30), DateOnly.FromDateTime(now),
            4, 3, null, null, null, 1, "comment", null, 1, 2, 4)));

        AssertParses(sql);
        Assert.Contains("SET XACT_ABORT ON", sql, StringComparison.Ordinal);
        Assert.Contains("BEGIN TRANSACTION", sql, StringComparison.Ordinal);
        Assert.Contains("FROM [ServiceRatings] AS r WITH (UPDLOCK, HOLDLOCK)", sql, StringComparison.Ordinal);
        Assert.Contains("MERGE [ServiceRatingMonths] WITH (HOLDLOCK)", sql, StringComparison.Ordinal);
        Assert.Contains("t.[PhoneCount] = t.[PhoneCount] + s.[PhoneCount]", sql, StringComparison.Ordinal);
        Assert.Contains("OUTPUT inserted.[Id], inserted.[Revision], inserted.[SuggestionCase]", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("\"", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("RETURNING", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void CaseNumberReservation_OnSqlServer_IsOneMergeHoldingItsKeyRange_ThatReturnsTheNewValue()
    {
        var sql = Render(SqlDialect.SqlServer.ReserveCaseNumbers("CMP", 1448, 10));

        AssertParses(sql);
        Assert.Contains("MERGE [CaseCounters] WITH (HOLDLOCK)", sql, StringComparison.Ordinal);
        Assert.Contains("OUTPUT inserted.[Value]", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void CaseClaim_OnSqlServer_IsOneUpdateThatOutputsWhatTheEmailsNeed()
    {
        var sql = Render(SqlDialect.SqlServer.ClaimCases("EscalatedAt", [3, 5, 8], DateTime.UtcNow));

        AssertParses(sql);
        Assert.Contains("OUTPUT inserted.[Id], inserted.[TrackingNumber], inserted.[Subject], inserted.[DueOn], inserted.[AgencyId], inserted.[AssignedToId]", sql, StringComparison.Ordinal);
        Assert.Contains("[UpdatedAt] = @p0", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("RETURNING", sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE [Consultations] SET [CommentCount] = [CommentCount] + @p0 WHERE [Id] = @p1;", true)]
    [InlineData("INSERT INTO [ConsultationComments] ([Body]) VALUES (@p0);", true)]
    [InlineData("DELETE FROM [Agencies] WHERE [Id] = @p0;", true)]
    [InlineData("SELECT [c].[Id] FROM [Consultations] AS [c]", false)]
    [InlineData("UPDATE [OutboxMessages] SET [ClaimedBy] = @p0;", false)]
    public void PageCache_OnSqlServer_NoticesWritesToTheModulesTables(string sql, bool isWrite)
    {
        using var db = MigrationsTests.OfflineContext(DatabaseProvider.SqlServer);

        Assert.Equal(isWrite, ConsultationChangeInterceptor.IsWrite(sql, ConsultationChangeInterceptor.WatchedTables(db)));
    }

    private static string Render(FormattableString sql) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, sql.Format, Enumerable.Range(0, sql.ArgumentCount).Select(i => (object)("@p" + i)).ToArray());

    private static void AssertParses(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"line {e.Line}: {e.Message}")));
    }
}
