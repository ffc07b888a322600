using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EParticipation.Web.Data;

/// <summary>
/// Every raw SQL statement the portal runs, in the form of each engine it supports. Raw SQL is rare
/// (LINQ is provider-neutral); where it is needed, its text for SQLite, PostgreSQL and SQL Server is
/// written here, side by side, never as an "else" that assumes one engine. The SQL Server forms are
/// parsed by Microsoft's T-SQL parser in the tests (no server runs on these machines).
/// </summary>
public abstract class SqlDialect
{
    public static SqlDialect Sqlite { get; } = new SqliteDialect();

    public static SqlDialect Postgres { get; } = new PostgresDialect();

    public static SqlDialect SqlServer { get; } = new SqlServerDialect();

    public static IReadOnlyList<SqlDialect> All { get; } = [Sqlite, Postgres, SqlServer];

    public abstract DatabaseProvider Provider { get; }

    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => Postgres,
        DatabaseProvider.SqlServer => SqlServer,
        _ => Sqlite,
    };

    /// <summary>An identifier (table or column) as this engine quotes it in the SQL it writes.</summary>
    public abstract string Quote(string identifier);

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> due outbox rows for <paramref name="claim"/> in one
    /// statement, skipping rows another instance holds, so two dispatchers never take the same row, and
    /// returns the claimed rows whole (every column of <c>OutboxMessages</c>, in no particular order), so
    /// the batch is not read again by its claim (a column without an index).
    /// </summary>
    public abstract FormattableString ClaimOutboxBatch(string claim, DateTime now, DateTime until, string pending, int batchSize);

    /// <summary>
    /// Locks one row until the current transaction ends, so changes to it are serialised; null where the
    /// engine's transactions already serialise writers (SQLite takes the database's write lock).
    /// </summary>
    public abstract FormattableString? LockRow(string table, long id);

    /// <summary>Adds to counter columns of one row: <c>UPDATE t SET c = c + @n, ... WHERE Id = @id</c>.</summary>
    public string Increment(string table, IEnumerable<(string Column, string Amount)> counters, string id)
    {
        ArgumentNullException.ThrowIfNull(counters);
        var sets = string.Join(", ", counters.Select(c => $"{Quote(c.Column)} = {Quote(c.Column)} + {c.Amount}"));
        return $"UPDATE {Quote(table)} SET {sets} WHERE {Quote("Id")} = {id};";
    }

    /// <summary>
    /// Adds to counter columns of the row with the given key, creating it when there is none, in one
    /// statement: <c>INSERT … ON CONFLICT (key) DO UPDATE SET c = c + excluded.c</c> (a MERGE on SQL Server).
    /// The values are placeholders {0}, {1}, … in the order: key columns, columns set only when the row
    /// is created, counters. Concurrent calls for one key never lose each other's amounts.
    /// </summary>
    public string AddToCounters(string table, IReadOnlyList<string> keys, IReadOnlyList<string> created, IReadOnlyList<string> counters)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(created);
        ArgumentNullException.ThrowIfNull(counters);
        var columns = keys.Concat(created).Concat(counters).ToList();
        return AddToCountersSql(Quote(table), keys.Select(Quote).ToList(), columns.Select(Quote).ToList(), counters.Select(Quote).ToList(),
            Enumerable.Range(0, columns.Count).Select(Placeholder).ToList());
    }

    private protected virtual string AddToCountersSql(string table, IReadOnlyList<string> keys, IReadOnlyList<string> columns, IReadOnlyList<string> counters, IReadOnlyList<string> values) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", values)}) "
        + $"ON CONFLICT ({string.Join(", ", keys)}) DO UPDATE SET {string.Join(", ", counters.Select(c => $"{c} = {table}.{c} + excluded.{c}"))};";

    /// <summary>
    /// Taken on one connection before the migrations and held until the seeders are done, so that of
    /// several instances starting together on an empty database one migrates and seeds while the others
    /// wait (EF's own migration lock is released between migrations, and does not cover seeding). Null
    /// on SQLite, whose file has one host: <see cref="StartupLock"/> locks a file beside it instead.
    /// </summary>
    public abstract string? AcquireStartupLock { get; }

    /// <summary>Releases <see cref="AcquireStartupLock"/> (closing the connection releases it too).</summary>
    public abstract string? ReleaseStartupLock { get; }

    /// <summary>Statements run once when the portal starts, after the migrations.</summary>
    public virtual IReadOnlyList<string> StartupStatements => [];

    /// <summary>PostgreSQL: starts listening for other instances' invalidations (Platform/Caching); null elsewhere.</summary>
    public virtual string? ListenForInvalidations => null;

    /// <summary>PostgreSQL: announces an invalidation, parameters ($1 channel, $2 payload); null elsewhere.</summary>
    public virtual string? NotifyInvalidation => null;

    /// <summary>Whether a database error is this engine's unique-index (or primary-key) violation.</summary>
    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>
    /// Casts or changes one account's vote in one statement (one round trip, one commit): the row is
    /// written only when the poll is open at <paramref name="now"/>, the option is one of its options
    /// and, for a poll limited to target groups, the account declares one of them; a second vote of
    /// the account (the (poll, account) key) changes the option instead. Returns one row whose
    /// <c>Value</c> says whether it was a change, or no row when nothing was written.
    /// </summary>
    public abstract FormattableString CastVote(int pollId, int optionId, Guid userId, DateTime now);

    /// <summary>
    /// Supports an idea in one round trip: the (idea, account) row is written only when the idea is
    /// <paramref name="published"/> and the account has no row yet (the key refuses a second one, also
    /// when two requests of the account race), and the idea's counter goes up by one exactly when the row
    /// was written. Returns one row (<c>Value</c> 1) when the support was written, none otherwise.
    /// PostgreSQL: one statement (the insert in a CTE). SQL Server: one batch in its own transaction.
    /// SQLite (no data-modifying CTEs): two statements the caller runs in a transaction
    /// (<see cref="CountedWritesNeedTransaction"/>).
    /// </summary>
    public FormattableString Support(int ideaId, Guid userId, DateTime now, string published) =>
        Sql(SupportSql, ideaId, userId, now, published);

    /// <summary>Withdraws a support in one round trip: the row deleted and the counter down by one exactly when there was a row. One row (<c>Value</c> 1) when withdrawn.</summary>
    public FormattableString WithdrawSupport(int ideaId, Guid userId) =>
        Sql(WithdrawSupportSql, ideaId, userId);

    /// <summary>Whether <see cref="Support"/> and <see cref="WithdrawSupport"/> are several statements the caller must run in a transaction (SQLite).</summary>
    public virtual bool CountedWritesNeedTransaction => false;

    /// <summary>Placeholders: {0} idea, {1} account, {2} now, {3} the published visibility.</summary>
    private protected virtual string SupportSql => """
        WITH added AS (
            INSERT INTO "IdeaSupports" ("IdeaId", "UserId", "CreatedAt")
            SELECT i."Id", {1}, {2} FROM "Ideas" AS i WHERE i."Id" = {0} AND i."Visibility" = {3}
            ON CONFLICT ("IdeaId", "UserId") DO NOTHING
            RETURNING "IdeaId")
        UPDATE "Ideas" AS i SET "SupportCount" = i."SupportCount" + 1
        FROM added WHERE i."Id" = added."IdeaId"
        RETURNING 1 AS "Value"
        """;

    /// <summary>Placeholders: {0} idea, {1} account.</summary>
    private protected virtual string WithdrawSupportSql => """
        WITH removed AS (
            DELETE FROM "IdeaSupports" WHERE "IdeaId" = {0} AND "UserId" = {1}
            RETURNING "IdeaId")
        UPDATE "Ideas" AS i SET "SupportCount" = i."SupportCount" - 1
        FROM removed WHERE i."Id" = removed."IdeaId"
        RETURNING 1 AS "Value"
        """;

    /// <summary>
    /// Claims a batch of cases for one deadline email in one statement: sets <paramref name="column"/>
    /// (ReminderSentAt or EscalatedAt) and UpdatedAt to <paramref name="now"/> on those of
    /// <paramref name="ids"/> where the column is still empty, and returns what the email and timeline
    /// entry of each case it set need: Id, TrackingNumber, Subject, DueOn, AgencyId, AssignedToId
    /// (<see cref="Platform.Cases.ClaimedCase"/>). A case another instance claimed first is not
    /// returned, so its email is queued once. The rows are locked in the order of
    /// the primary key on every engine (an index range over the ids), so two instances claiming
    /// overlapping batches wait for each other but never in a circle.
    /// </summary>
    public FormattableString ClaimCases(string column, IReadOnlyList<long> ids, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfZero(ids.Count);
        var list = string.Join(", ", Enumerable.Range(1, ids.Count).Select(Placeholder));
        var arguments = new object?[ids.Count + 1];
        arguments[0] = now;
        for (var i = 0; i < ids.Count; i++)
        {
            arguments[i + 1] = ids[i];
        }
        return Sql(ClaimCasesSql(Quote("Cases"), Quote(column), Quote("Id"), list), arguments);
    }

    /// <summary>The columns the claim returns, in <see cref="Platform.Cases.ClaimedCase"/>'s names.</summary>
    private static readonly string[] ClaimedColumns = ["Id", "TrackingNumber", "Subject", "DueOn", "AgencyId", "AssignedToId"];

    /// <summary>The claim's text; {0} is the time, <paramref name="idList"/> the ids' placeholders.</summary>
    private protected virtual string ClaimCasesSql(string table, string column, string id, string idList) =>
        $"UPDATE {table} SET {column} = {{0}}, {Quote("UpdatedAt")} = {{0}} WHERE {id} IN ({idList}) AND {column} IS NULL "
        + $"RETURNING {string.Join(", ", ClaimedColumns.Select(Quote))}";

    /// <summary>
    /// Reserves <paramref name="size"/> tracking numbers of one kind and Hijri year in one statement:
    /// adds them to the kind's <c>CaseCounters</c> row, creating the row for a new year, and returns the
    /// row's new value (column <c>Value</c>), the block's last number. Concurrent calls, in one instance
    /// or several, each get their own block (the row is locked for the statement, on SQL Server by the
    /// MERGE's HOLDLOCK key-range lock, so two creating the year's row at once do not collide).
    /// </summary>
    public FormattableString ReserveCaseNumbers(string prefix, int year, int size) =>
        Sql(ReserveCaseNumbersSql, prefix, year, size);

    /// <summary>Placeholders: {0} prefix, {1} year, {2} size.</summary>
    private protected virtual string ReserveCaseNumbersSql => """
        INSERT INTO "CaseCounters" ("Prefix", "Year", "Value") VALUES ({0}, {1}, {2})
        ON CONFLICT ("Prefix", "Year") DO UPDATE SET "Value" = "CaseCounters"."Value" + excluded."Value"
        RETURNING "Value"
        """;

    /// <summary>
    /// The SQLite and PostgreSQL form (the same text): INSERT ... SELECT ... ON CONFLICT DO UPDATE.
    /// A fresh row has no ChangedAt and a change sets it, which is how RETURNING tells them apart.
    /// On PostgreSQL ON CONFLICT DO UPDATE is atomic against a racing insert of the same key (the
    /// second waits for the first, then updates); SQLite serialises writers. Placeholders: {0} poll,
    /// {1} option, {2} account, {3} now.
    /// </summary>
    private const string UpsertVote = """
        INSERT INTO "PollVotes" ("PollId", "UserId", "OptionId", "VotedAt")
        SELECT o."PollId", {2}, o."Id", {3}
        FROM "PollOptions" AS o JOIN "Polls" AS p ON p."Id" = o."PollId"
        WHERE o."Id" = {1} AND o."PollId" = {0} AND p."OpensAt" <= {3} AND p."ClosesAt" > {3}
          AND (NOT p."LimitedToTargetGroups" OR EXISTS (
            SELECT 1 FROM "PollTargetGroups" AS g
            JOIN "AccountTargetGroups" AS a ON a."TargetGroupId" = g."TargetGroupId"
            WHERE g."PollId" = p."Id" AND a."UserId" = {2}))
        ON CONFLICT ("PollId", "UserId") DO UPDATE SET "OptionId" = excluded."OptionId", "ChangedAt" = excluded."VotedAt"
        RETURNING "ChangedAt" IS NOT NULL AS "Value"
        """;

    /// <summary>
    /// Writes the follower emails of one fan-out event for the followers whose follow id is in
    /// (<paramref name="after"/>, <paramref name="upTo"/>], in one INSERT ... SELECT from the follows:
    /// each follower who wants emails at once (no preference, or "immediately") and has an address gets
    /// the event's email in their language (English when they chose it, otherwise Arabic), with a
    /// Message-ID made of the event and the follow, so a retry can never make a second one.
    /// </summary>
    public FormattableString FanOutEmails(long eventId, long after, long upTo, string messageIdPrefix, DateTime now) =>
        Sql(FanOutEmailsSql, eventId, after, upTo, messageIdPrefix, now, "Pending", nameof(Platform.Notifications.NotificationFrequency.Immediately), "en", "ar");

    /// <summary>The same range's followers who chose the daily digest: one digest entry each, in their language.</summary>
    public FormattableString FanOutDigest(long eventId, long after, long upTo, DateTime now) =>
        Sql(FanOutDigestSql, eventId, after, upTo, now, nameof(Platform.Notifications.NotificationFrequency.DailyDigest), "en", "ar");

    /// <summary>Placeholders: {0} event, {1} after, {2} up to, {3} Message-ID prefix, {4} now, {5} Pending, {6} Immediately, {7} en, {8} ar.</summary>
    private protected virtual string FanOutEmailsSql => """
        INSERT INTO "OutboxMessages" ("MessageId", "Category", "ToAddress", "ToName", "Subject", "TextBody", "HtmlBody", "HeadersJson",
            "Status", "AttemptCount", "CreatedAt", "NextAttemptAt", "FanOutEventId", "RecipientId", "UnsubscribeKind")
        SELECT {3} || CAST(f."Id" AS VARCHAR(20)) || '@eparticipation.portal>', e."Category", u."Email", u."FullName", c."Subject", c."TextBody", c."HtmlBody", c."HeadersJson",
            {5}, 0, {4}, {4}, e."Id", f."UserId", e."Kind"
        FROM "FanOutEvents" AS e
        JOIN "Follows" AS f ON f."Kind" = e."Kind" AND f."TargetId" = e."TargetId" AND f."Id" > {1} AND f."Id" <= {2}
        JOIN "AspNetUsers" AS u ON u."Id" = f."UserId"
        JOIN "FanOutContents" AS c ON c."FanOutEventId" = e."Id" AND c."Language" = CASE WHEN LOWER(u."PreferredLanguage") = {7} THEN {7} ELSE {8} END
        LEFT JOIN "NotificationPreferences" AS p ON p."UserId" = f."UserId" AND p."Kind" = e."Kind"
        WHERE e."Id" = {0} AND u."Email" IS NOT NULL AND (e."ExceptUserId" IS NULL OR f."UserId" <> e."ExceptUserId")
          AND (p."Frequency" IS NULL OR p."Frequency" = {6})
        """;

    /// <summary>Placeholders: {0} event, {1} after, {2} up to, {3} now, {4} DailyDigest, {5} en, {6} ar.</summary>
    private protected virtual string FanOutDigestSql => """
        INSERT INTO "DigestItems" ("UserId", "Kind", "TargetId", "Title", "Summary", "Url", "CreatedAt")
        SELECT f."UserId", e."Kind", e."TargetId", c."DigestTitle", c."DigestSummary", c."DigestUrl", {3}
        FROM "FanOutEvents" AS e
        JOIN "Follows" AS f ON f."Kind" = e."Kind" AND f."TargetId" = e."TargetId" AND f."Id" > {1} AND f."Id" <= {2}
        JOIN "AspNetUsers" AS u ON u."Id" = f."UserId"
        JOIN "FanOutContents" AS c ON c."FanOutEventId" = e."Id" AND c."Language" = CASE WHEN LOWER(u."PreferredLanguage") = {5} THEN {5} ELSE {6} END
        JOIN "NotificationPreferences" AS p ON p."UserId" = f."UserId" AND p."Kind" = e."Kind"
        WHERE e."Id" = {0} AND (e."ExceptUserId" IS NULL OR f."UserId" <> e."ExceptUserId") AND p."Frequency" = {4}
        """;

    private static FormattableString Sql(string format, params object?[] arguments) =>
        FormattableStringFactory.Create(format, arguments);

    private sealed class SqliteDialect : SqlDialect
    {
        private const int Constraint = 19;
        private const int ConstraintUnique = 2067;
        private const int ConstraintPrimaryKey = 1555;

        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        public override string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

        // SQLite serialises writers, so the statement is atomic without row locks.
        public override FormattableString ClaimOutboxBatch(string claim, DateTime now, DateTime until, string pending, int batchSize) => $"""
            UPDATE "OutboxMessages" SET "ClaimedBy" = {claim}, "ClaimedUntil" = {until}
            WHERE "Id" IN (
                SELECT "Id" FROM "OutboxMessages"
                WHERE "Status" = {pending} AND "NextAttemptAt" <= {now} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {now})
                ORDER BY "Id" LIMIT {batchSize})
            RETURNING *
            """;

        public override FormattableString? LockRow(string table, long id) => null;

        public override string? AcquireStartupLock => null;

        public override string? ReleaseStartupLock => null;

        // Readers do not block the writer, and a busy writer is waited for rather than failed.
        public override IReadOnlyList<string> StartupStatements => ["PRAGMA journal_mode=WAL;"];

        public override bool IsUniqueViolation(Exception exception) =>
            exception is SqliteException { SqliteErrorCode: Constraint } sqlite
            && sqlite.SqliteExtendedErrorCode is ConstraintUnique or ConstraintPrimaryKey;

        // The UPSERT after INSERT ... SELECT needs the SELECT's WHERE clause, which it has.
        public override FormattableString CastVote(int pollId, int optionId, Guid userId, DateTime now) =>
            Sql(UpsertVote, pollId, optionId, userId, now);

        public override bool CountedWritesNeedTransaction => true;

        // No INSERT in a CTE: two statements in the caller's transaction (SQLite serialises writers);
        // changes() in the UPDATE is the number of rows the INSERT (the last statement completed) wrote.
        private protected override string SupportSql => """
            INSERT INTO "IdeaSupports" ("IdeaId", "UserId", "CreatedAt")
            SELECT i."Id", {1}, {2} FROM "Ideas" AS i WHERE i."Id" = {0} AND i."Visibility" = {3}
            ON CONFLICT ("IdeaId", "UserId") DO NOTHING;
            UPDATE "Ideas" SET "SupportCount" = "SupportCount" + 1 WHERE "Id" = {0} AND changes() = 1
            RETURNING 1 AS "Value";
            """;

        private protected override string WithdrawSupportSql => """
            DELETE FROM "IdeaSupports" WHERE "IdeaId" = {0} AND "UserId" = {1};
            UPDATE "Ideas" SET "SupportCount" = "SupportCount" - 1 WHERE "Id" = {0} AND changes() = 1
            RETURNING 1 AS "Value";
            """;
    }

    private sealed class PostgresDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.Postgres;

        public override string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

        // The locking select sits in a CTE: a CTE is evaluated once, whereas
        // "WHERE Id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)" may be re-run for each row and claim
        // far more than n (seen in the two-dispatcher test). FOR UPDATE re-checks the conditions on the
        // newest row version once the lock is granted, so a row claimed meanwhile is skipped.
        public override FormattableString ClaimOutboxBatch(string claim, DateTime now, DateTime until, string pending, int batchSize) => $"""
            WITH batch AS (
                SELECT "Id" FROM "OutboxMessages"
                WHERE "Status" = {pending} AND "NextAttemptAt" <= {now} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {now})
                ORDER BY "Id" LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED)
            UPDATE "OutboxMessages" AS m SET "ClaimedBy" = {claim}, "ClaimedUntil" = {until}
            FROM batch WHERE m."Id" = batch."Id"
            RETURNING m.*
            """;

        public override FormattableString? LockRow(string table, long id) =>
            Sql($"SELECT 1 FROM {Quote(table)} WHERE \"Id\" = {{0}} FOR UPDATE", id);

        // A session-level advisory lock; the key is the portal's own ("EPstart" in ASCII).
        public override string? AcquireStartupLock => "SELECT pg_advisory_lock(69803115116097)";

        public override string? ReleaseStartupLock => "SELECT pg_advisory_unlock(69803115116097)";

        public override string? ListenForInvalidations => "LISTEN " + Platform.Caching.InvalidationService.Channel;

        // pg_notify rather than NOTIFY: the channel and the payload are parameters.
        public override string? NotifyInvalidation => "SELECT pg_notify($1, $2)";

        public override bool IsUniqueViolation(Exception exception) =>
            exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

        public override FormattableString CastVote(int pollId, int optionId, Guid userId, DateTime now) =>
            Sql(UpsertVote, pollId, optionId, userId, now);
    }

    private sealed class SqlServerDialect : SqlDialect
    {
        // 2601: duplicate key row in a unique index; 2627: violation of a PRIMARY KEY or UNIQUE constraint.
        private const int DuplicateKeyInUniqueIndex = 2601;
        private const int UniqueConstraintViolation = 2627;

        public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

        public override string Quote(string identifier) => "[" + identifier.Replace("]", "]]", StringComparison.Ordinal) + "]";

        // The queue-table pattern: UPDLOCK takes the rows for this claim, READPAST skips rows another
        // dispatcher holds instead of waiting for them, ROWLOCK keeps the locks on rows. The CTE keeps
        // the order (UPDATE TOP alone takes any n rows); OUTPUT returns the rows claimed.
        public override FormattableString ClaimOutboxBatch(string claim, DateTime now, DateTime until, string pending, int batchSize) => $"""
            WITH batch AS (
                SELECT TOP ({batchSize}) * FROM [OutboxMessages] WITH (UPDLOCK, READPAST, ROWLOCK)
                WHERE [Status] = {pending} AND [NextAttemptAt] <= {now} AND ([ClaimedUntil] IS NULL OR [ClaimedUntil] < {now})
                ORDER BY [Id])
            UPDATE batch SET [ClaimedBy] = {claim}, [ClaimedUntil] = {until}
            OUTPUT inserted.*;
            """;

        private protected override string ClaimCasesSql(string table, string column, string id, string idList) =>
            $"UPDATE {table} SET {column} = {{0}}, {Quote("UpdatedAt")} = {{0}} "
            + $"OUTPUT {string.Join(", ", ClaimedColumns.Select(c => "inserted." + Quote(c)))} WHERE {id} IN ({idList}) AND {column} IS NULL";

        private protected override string ReserveCaseNumbersSql => """
            MERGE [CaseCounters] WITH (HOLDLOCK) AS t
            USING (SELECT {0} AS [Prefix], {1} AS [Year], {2} AS [Value]) AS s ON t.[Prefix] = s.[Prefix] AND t.[Year] = s.[Year]
            WHEN MATCHED THEN UPDATE SET t.[Value] = t.[Value] + s.[Value]
            WHEN NOT MATCHED THEN INSERT ([Prefix], [Year], [Value]) VALUES (s.[Prefix], s.[Year], s.[Value])
            OUTPUT inserted.[Value];
            """;

        // HOLDLOCK makes the MERGE take a key-range lock, so two creating the same row at once are serialised.
        private protected override string AddToCountersSql(string table, IReadOnlyList<string> keys, IReadOnlyList<string> columns, IReadOnlyList<string> counters, IReadOnlyList<string> values) =>
            $"MERGE {table} WITH (HOLDLOCK) AS t USING (SELECT {string.Join(", ", values.Zip(columns, (v, c) => $"{v} AS {c}"))}) AS s "
            + $"ON {string.Join(" AND ", keys.Select(k => $"t.{k} = s.{k}"))} "
            + $"WHEN MATCHED THEN UPDATE SET {string.Join(", ", counters.Select(c => $"t.{c} = t.{c} + s.{c}"))} "
            + $"WHEN NOT MATCHED THEN INSERT ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "s." + c))});";

        // CONCAT instead of ||; otherwise the same statements.
        private protected override string FanOutEmailsSql => """
            INSERT INTO [OutboxMessages] ([MessageId], [Category], [ToAddress], [ToName], [Subject], [TextBody], [HtmlBody], [HeadersJson],
                [Status], [AttemptCount], [CreatedAt], [NextAttemptAt], [FanOutEventId], [RecipientId], [UnsubscribeKind])
            SELECT CONCAT({3}, f.[Id], N'@eparticipation.portal>'), e.[Category], u.[Email], u.[FullName], c.[Subject], c.[TextBody], c.[HtmlBody], c.[HeadersJson],
                {5}, 0, {4}, {4}, e.[Id], f.[UserId], e.[Kind]
            FROM [FanOutEvents] AS e
            JOIN [Follows] AS f ON f.[Kind] = e.[Kind] AND f.[TargetId] = e.[TargetId] AND f.[Id] > {1} AND f.[Id] <= {2}
            JOIN [AspNetUsers] AS u ON u.[Id] = f.[UserId]
            JOIN [FanOutContents] AS c ON c.[FanOutEventId] = e.[Id] AND c.[Language] = CASE WHEN LOWER(u.[PreferredLanguage]) = {7} THEN {7} ELSE {8} END
            LEFT JOIN [NotificationPreferences] AS p ON p.[UserId] = f.[UserId] AND p.[Kind] = e.[Kind]
            WHERE e.[Id] = {0} AND u.[Email] IS NOT NULL AND (e.[ExceptUserId] IS NULL OR f.[UserId] <> e.[ExceptUserId])
              AND (p.[Frequency] IS NULL OR p.[Frequency] = {6});
            """;

        private protected override string FanOutDigestSql => """
            INSERT INTO [DigestItems] ([UserId], [Kind], [TargetId], [Title], [Summary], [Url], [CreatedAt])
            SELECT f.[UserId], e.[Kind], e.[TargetId], c.[DigestTitle], c.[DigestSummary], c.[DigestUrl], {3}
            FROM [FanOutEvents] AS e
            JOIN [Follows] AS f ON f.[Kind] = e.[Kind] AND f.[TargetId] = e.[TargetId] AND f.[Id] > {1} AND f.[Id] <= {2}
            JOIN [AspNetUsers] AS u ON u.[Id] = f.[UserId]
            JOIN [FanOutContents] AS c ON c.[FanOutEventId] = e.[Id] AND c.[Language] = CASE WHEN LOWER(u.[PreferredLanguage]) = {5} THEN {5} ELSE {6} END
            JOIN [NotificationPreferences] AS p ON p.[UserId] = f.[UserId] AND p.[Kind] = e.[Kind]
            WHERE e.[Id] = {0} AND (e.[ExceptUserId] IS NULL OR f.[UserId] <> e.[ExceptUserId]) AND p.[Frequency] = {4};
            """;

        // One batch in its own transaction (XACT_ABORT: any error rolls it back). UPDLOCK, HOLDLOCK on
        // the check takes the key range, so two racing supports of one account are serialised and the
        // second finds the first's row; the UPDATE's OUTPUT is the result set (empty when nothing was written).
        private protected override string SupportSql => """
            SET NOCOUNT ON;
            SET XACT_ABORT ON;
            DECLARE @added int;
            BEGIN TRANSACTION;
            INSERT INTO [IdeaSupports] ([IdeaId], [UserId], [CreatedAt])
            SELECT i.[Id], {1}, {2} FROM [Ideas] AS i
            WHERE i.[Id] = {0} AND i.[Visibility] = {3}
              AND NOT EXISTS (SELECT 1 FROM [IdeaSupports] AS s WITH (UPDLOCK, HOLDLOCK) WHERE s.[IdeaId] = {0} AND s.[UserId] = {1});
            SET @added = @@ROWCOUNT;
            UPDATE [Ideas] SET [SupportCount] = [SupportCount] + @added
            OUTPUT CAST(1 AS int) AS [Value]
            WHERE [Id] = {0} AND @added = 1;
            COMMIT TRANSACTION;
            """;

        private protected override string WithdrawSupportSql => """
            SET NOCOUNT ON;
            SET XACT_ABORT ON;
            DECLARE @removed int;
            BEGIN TRANSACTION;
            DELETE FROM [IdeaSupports] WHERE [IdeaId] = {0} AND [UserId] = {1};
            SET @removed = @@ROWCOUNT;
            UPDATE [Ideas] SET [SupportCount] = [SupportCount] - @removed
            OUTPUT CAST(1 AS int) AS [Value]
            WHERE [Id] = {0} AND @removed = 1;
            COMMIT TRANSACTION;
            """;

        // UPDLOCK takes the row for writing now; HOLDLOCK keeps it until the transaction ends.
        public override FormattableString? LockRow(string table, long id) =>
            Sql($"SELECT 1 FROM {Quote(table)} WITH (UPDLOCK, HOLDLOCK) WHERE [Id] = {{0}}", id);

        // An application lock owned by the session, waited for without a time limit.
        public override string? AcquireStartupLock =>
            "EXEC sp_getapplock @Resource = N'EParticipation.StartUp', @LockMode = N'Exclusive', @LockOwner = N'Session', @LockTimeout = -1;";

        public override string? ReleaseStartupLock =>
            "EXEC sp_releaseapplock @Resource = N'EParticipation.StartUp', @LockOwner = N'Session';";

        public override bool IsUniqueViolation(Exception exception) =>
            exception is SqlException { Number: DuplicateKeyInUniqueIndex or UniqueConstraintViolation };

        // MERGE takes HOLDLOCK so that two racing first votes of one account cannot both take the
        // NOT MATCHED branch (the second waits and then updates).
        public override FormattableString CastVote(int pollId, int optionId, Guid userId, DateTime now) => Sql("""
            MERGE INTO [PollVotes] WITH (HOLDLOCK) AS v
            USING (
                SELECT o.[PollId], o.[Id] AS [OptionId]
                FROM [PollOptions] AS o JOIN [Polls] AS p ON p.[Id] = o.[PollId]
                WHERE o.[Id] = {1} AND o.[PollId] = {0} AND p.[OpensAt] <= {3} AND p.[ClosesAt] > {3}
                  AND (p.[LimitedToTargetGroups] = 0 OR EXISTS (
                    SELECT 1 FROM [PollTargetGroups] AS g
                    JOIN [AccountTargetGroups] AS a ON a.[TargetGroupId] = g.[TargetGroupId]
                    WHERE g.[PollId] = p.[Id] AND a.[UserId] = {2}))) AS s
            ON v.[PollId] = s.[PollId] AND v.[UserId] = {2}
            WHEN MATCHED THEN UPDATE SET [OptionId] = s.[OptionId], [ChangedAt] = {3}
            WHEN NOT MATCHED THEN INSERT ([PollId], [UserId], [OptionId], [VotedAt]) VALUES (s.[PollId], {2}, s.[OptionId], {3})
            OUTPUT CAST(CASE WHEN $action = N'UPDATE' THEN 1 ELSE 0 END AS bit) AS [Value];
            """, pollId, optionId, userId, now);
    }

    /// <summary>A numbered placeholder for <c>ExecuteSqlRaw</c> ({0}, {1}, ...).</summary>
    public static string Placeholder(int index) => "{" + index.ToString(CultureInfo.InvariantCulture) + "}";
}
