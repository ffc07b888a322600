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
    /// the batch is not read again by its claim (a column without an index). Due rows go in the order
    /// they became due (then by id), read from the partial index of pending rows
    /// (<c>IX_OutboxMessages_Due</c>): the status is written as the index's literal, not a parameter,
    /// since an engine uses a partial index only when the query's own condition implies its filter.
    /// </summary>
    public abstract FormattableString ClaimOutboxBatch(string claim, DateTime now, DateTime until, int batchSize);

    /// <summary>
    /// Refreshes the planner's statistics of <c>OutboxMessages</c>. The table is a queue: a burst of
    /// emails (a fan-out, a wave of submissions) can take it from a few pending rows to thousands faster
    /// than the engine's own automatic statistics follow, and with statistics that say "a few" PostgreSQL
    /// claims by reading every pending row and sorting them (93 ms a claim at 11,000 pending, measured)
    /// instead of the first rows of the index (under 1 ms). The dispatcher runs it while it finds a backlog.
    /// </summary>
    public abstract string RefreshOutboxStatistics { get; }

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

    /// <summary>
    /// Stores an account's rating of a service in one round trip, with its history and its month's
    /// figures (Areas/ServiceRatings): the account's current rating (the (service, account) key) is
    /// read and locked; if there is one it is kept as a version (still counting when its 30-day window
    /// began at or before <paramref name="windowFrom"/>, otherwise replaced) and updated in place, a
    /// replacement within the window keeping its window, its hidden state and its suggestion's case
    /// while the comment and the suggestion are unchanged; otherwise a new row is inserted (a racing
    /// first rating of the same account is refused by the key: run the statement again). The monthly
    /// aggregate rows (<c>ServiceRatingMonths</c>) get the new figures and, for a replacement within
    /// the window, lose the replaced ones, in one upsert per month taken in month order. Returns one
    /// row: <c>Id</c>, <c>Revision</c> (above 0 exactly when it replaced a rating within its window)
    /// and <c>SuggestionCase</c>. PostgreSQL: one statement (data-modifying CTEs). SQL Server: one batch
    /// in its own transaction. SQLite: three statements the caller runs in a transaction
    /// (<see cref="CountedWritesNeedTransaction"/>).
    /// </summary>
    public FormattableString StoreRating(RatingWrite r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return Sql(StoreRatingSql, r.ServiceId, r.AgencyId, r.UserId, r.Now, r.WindowFrom, r.Month, r.Overall, r.Ease, r.Speed, r.Clarity, r.Staff,
            r.Channel, r.Comment, r.Suggestion, r.OnlineChannel, r.ServiceCentreChannel, r.PhoneChannel);
    }

    /// <summary>
    /// The aggregate columns of one delta row d ("Sign" +1 or -1, the scores and the channel), summed per
    /// month; placeholders {14} {15} {16} are the channels' values. The same text on every engine.
    /// </summary>
    private const string RatingMonthSums = """
        sum(d."Sign"), sum(CASE WHEN d."Overall" = 1 THEN d."Sign" ELSE 0 END), sum(CASE WHEN d."Overall" = 2 THEN d."Sign" ELSE 0 END),
            sum(CASE WHEN d."Overall" = 3 THEN d."Sign" ELSE 0 END), sum(CASE WHEN d."Overall" = 4 THEN d."Sign" ELSE 0 END), sum(CASE WHEN d."Overall" = 5 THEN d."Sign" ELSE 0 END),
            sum(COALESCE(d."Ease", 0) * d."Sign"), sum(CASE WHEN d."Ease" IS NULL THEN 0 ELSE d."Sign" END),
            sum(COALESCE(d."Speed", 0) * d."Sign"), sum(CASE WHEN d."Speed" IS NULL THEN 0 ELSE d."Sign" END),
            sum(COALESCE(d."Clarity", 0) * d."Sign"), sum(CASE WHEN d."Clarity" IS NULL THEN 0 ELSE d."Sign" END),
            sum(COALESCE(d."Staff", 0) * d."Sign"), sum(CASE WHEN d."Staff" IS NULL THEN 0 ELSE d."Sign" END),
            sum(CASE WHEN d."Channel" = {14} THEN d."Sign" ELSE 0 END), sum(CASE WHEN d."Channel" = {15} THEN d."Sign" ELSE 0 END), sum(CASE WHEN d."Channel" = {16} THEN d."Sign" ELSE 0 END)
        """;

    private const string RatingMonthColumns = """
        "ServiceId", "AgencyId", "Month", "Count", "Stars1", "Stars2", "Stars3", "Stars4", "Stars5", "EaseSum", "EaseCount", "SpeedSum", "SpeedCount",
            "ClaritySum", "ClarityCount", "StaffSum", "StaffCount", "OnlineCount", "ServiceCentreCount", "PhoneCount"
        """;

    private const string RatingMonthAdd = """
        "Count" = "ServiceRatingMonths"."Count" + excluded."Count", "Stars1" = "ServiceRatingMonths"."Stars1" + excluded."Stars1",
            "Stars2" = "ServiceRatingMonths"."Stars2" + excluded."Stars2", "Stars3" = "ServiceRatingMonths"."Stars3" + excluded."Stars3",
            "Stars4" = "ServiceRatingMonths"."Stars4" + excluded."Stars4", "Stars5" = "ServiceRatingMonths"."Stars5" + excluded."Stars5",
            "EaseSum" = "ServiceRatingMonths"."EaseSum" + excluded."EaseSum", "EaseCount" = "ServiceRatingMonths"."EaseCount" + excluded."EaseCount",
            "SpeedSum" = "ServiceRatingMonths"."SpeedSum" + excluded."SpeedSum", "SpeedCount" = "ServiceRatingMonths"."SpeedCount" + excluded."SpeedCount",
            "ClaritySum" = "ServiceRatingMonths"."ClaritySum" + excluded."ClaritySum", "ClarityCount" = "ServiceRatingMonths"."ClarityCount" + excluded."ClarityCount",
            "StaffSum" = "ServiceRatingMonths"."StaffSum" + excluded."StaffSum", "StaffCount" = "ServiceRatingMonths"."StaffCount" + excluded."StaffCount",
            "OnlineCount" = "ServiceRatingMonths"."OnlineCount" + excluded."OnlineCount",
            "ServiceCentreCount" = "ServiceRatingMonths"."ServiceCentreCount" + excluded."ServiceCentreCount",
            "PhoneCount" = "ServiceRatingMonths"."PhoneCount" + excluded."PhoneCount"
        """;

    private const string RatingVersionColumns = """
        "RatingId", "ServiceId", "UserId", "Overall", "Ease", "Speed", "Clarity", "Staff", "Channel", "Comment", "Suggestion", "SuggestionCase",
            "SubmittedAt", "ReplacedAt", "StillCounts"
        """;

    private const string RatingColumns = """
        "ServiceId", "UserId", "Overall", "Ease", "Speed", "Clarity", "Staff", "Channel", "Comment", "CommentHidden", "Suggestion",
            "WindowStartedAt", "SubmittedAt", "Revision"
        """;

    /// <summary>
    /// PostgreSQL. Placeholders: {0} service, {1} agency, {2} account, {3} now, {4} window from, {5} the
    /// month of now, {6}-{10} overall, ease, speed, clarity, staff, {11} channel, {12} comment,
    /// {13} suggestion, {14}-{16} the channels. "old" locks the current row (FOR UPDATE returns its newest
    /// version after waiting for another writer), every other part reads it; the insert runs only when
    /// there is none. The month rows are summed per month first, so no row is touched twice.
    /// </summary>
    private protected virtual string StoreRatingSql => PostgresStoreRating;

    private const string PostgresStoreRating = $$"""
        WITH old AS (
            SELECT r."Id", r."Overall", r."Ease", r."Speed", r."Clarity", r."Staff", r."Channel", r."Comment", r."Suggestion", r."SuggestionCase",
                r."SubmittedAt", r."WindowStartedAt" > {4} AS "Open"
            FROM "ServiceRatings" AS r WHERE r."ServiceId" = {0} AND r."UserId" = {2}
            FOR UPDATE),
        kept AS (
            INSERT INTO "ServiceRatingVersions" ({{RatingVersionColumns}})
            SELECT o."Id", {0}, {2}, o."Overall", o."Ease", o."Speed", o."Clarity", o."Staff", o."Channel", o."Comment", o."Suggestion", o."SuggestionCase",
                o."SubmittedAt", {3}, NOT o."Open"
            FROM old AS o),
        added AS (
            INSERT INTO "ServiceRatings" ({{RatingColumns}})
            SELECT {0}, {2}, {6}, CAST({7} AS integer), CAST({8} AS integer), CAST({9} AS integer), CAST({10} AS integer), {11},
                CAST({12} AS text), false, CAST({13} AS text), {3}, {3}, 0
            WHERE NOT EXISTS (SELECT 1 FROM old)
            RETURNING "Id", "Revision", "SuggestionCase"),
        changed AS (
            UPDATE "ServiceRatings" AS r SET
                "Overall" = {6}, "Ease" = CAST({7} AS integer), "Speed" = CAST({8} AS integer), "Clarity" = CAST({9} AS integer), "Staff" = CAST({10} AS integer),
                "Channel" = {11}, "Comment" = CAST({12} AS text), "Suggestion" = CAST({13} AS text),
                "CommentHidden" = o."Open" AND r."CommentHidden" AND r."Comment" IS NOT DISTINCT FROM CAST({12} AS text),
                "SuggestionCase" = CASE WHEN o."Open" AND r."Suggestion" IS NOT DISTINCT FROM CAST({13} AS text) THEN r."SuggestionCase" END,
                "WindowStartedAt" = CASE WHEN o."Open" THEN r."WindowStartedAt" ELSE {3} END,
                "Revision" = CASE WHEN o."Open" THEN r."Revision" + 1 ELSE 0 END,
                "SubmittedAt" = {3}
            FROM old AS o WHERE r."Id" = o."Id"
            RETURNING r."Id", r."Revision", r."SuggestionCase"),
        deltas AS (
            SELECT CAST({5} AS date) AS "Month", 1 AS "Sign", {6} AS "Overall", CAST({7} AS integer) AS "Ease", CAST({8} AS integer) AS "Speed",
                CAST({9} AS integer) AS "Clarity", CAST({10} AS integer) AS "Staff", {11} AS "Channel"
            UNION ALL
            SELECT CAST(date_trunc('month', o."SubmittedAt" AT TIME ZONE 'UTC') AS date), -1, o."Overall", o."Ease", o."Speed", o."Clarity", o."Staff", o."Channel"
            FROM old AS o WHERE o."Open"),
        months AS (
            INSERT INTO "ServiceRatingMonths" ({{RatingMonthColumns}})
            SELECT {0}, {1}, d."Month", {{RatingMonthSums}}
            FROM deltas AS d GROUP BY d."Month" ORDER BY d."Month"
            ON CONFLICT ("ServiceId", "Month") DO UPDATE SET {{RatingMonthAdd}})
        SELECT "Id", "Revision", "SuggestionCase" FROM added
        UNION ALL
        SELECT "Id", "Revision", "SuggestionCase" FROM changed
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
        public override FormattableString ClaimOutboxBatch(string claim, DateTime now, DateTime until, int batchSize) => $"""
            UPDATE "OutboxMessages" SET "ClaimedBy" = {claim}, "ClaimedUntil" = {until}
            WHERE "Id" IN (
                SELECT "Id" FROM "OutboxMessages"
                WHERE "Status" = 'Pending' AND "NextAttemptAt" <= {now} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {now})
                ORDER BY "NextAttemptAt", "Id" LIMIT {batchSize})
            RETURNING *
            """;

        public override FormattableString? LockRow(string table, long id) => null;

        public override string RefreshOutboxStatistics => "ANALYZE \"OutboxMessages\"";

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

        // No data-modifying CTEs: three statements in the caller's transaction (SQLite serialises
        // writers, so nothing changes the row between them): the month rows first, from the current
        // row as it still is, then its version, then the row itself, inserted or updated by its key.
        // In DO UPDATE the table's own columns are the row as it was. A DateOnly is 'yyyy-MM-dd' text,
        // a DateTime 'yyyy-MM-dd HH:mm:ss.FFFFFFF' (so its first eight characters and '01' are its month).
        private protected override string StoreRatingSql => SqliteStoreRating;

        private const string SqliteStoreRating = $$"""
            INSERT INTO "ServiceRatingMonths" ({{RatingMonthColumns}})
            SELECT {0}, {1}, d."Month", {{RatingMonthSums}}
            FROM (
                SELECT {5} AS "Month", 1 AS "Sign", {6} AS "Overall", {7} AS "Ease", {8} AS "Speed", {9} AS "Clarity", {10} AS "Staff", {11} AS "Channel"
                UNION ALL
                SELECT substr(r."SubmittedAt", 1, 8) || '01', -1, r."Overall", r."Ease", r."Speed", r."Clarity", r."Staff", r."Channel"
                FROM "ServiceRatings" AS r WHERE r."ServiceId" = {0} AND r."UserId" = {2} AND r."WindowStartedAt" > {4}) AS d
            WHERE true GROUP BY d."Month" ORDER BY d."Month"
            ON CONFLICT ("ServiceId", "Month") DO UPDATE SET {{RatingMonthAdd}};
            INSERT INTO "ServiceRatingVersions" ({{RatingVersionColumns}})
            SELECT r."Id", r."ServiceId", r."UserId", r."Overall", r."Ease", r."Speed", r."Clarity", r."Staff", r."Channel", r."Comment", r."Suggestion", r."SuggestionCase",
                r."SubmittedAt", {3}, r."WindowStartedAt" <= {4}
            FROM "ServiceRatings" AS r WHERE r."ServiceId" = {0} AND r."UserId" = {2};
            INSERT INTO "ServiceRatings" ({{RatingColumns}})
            VALUES ({0}, {2}, {6}, {7}, {8}, {9}, {10}, {11}, {12}, 0, {13}, {3}, {3}, 0)
            ON CONFLICT ("ServiceId", "UserId") DO UPDATE SET
                "Overall" = excluded."Overall", "Ease" = excluded."Ease", "Speed" = excluded."Speed", "Clarity" = excluded."Clarity", "Staff" = excluded."Staff",
                "Channel" = excluded."Channel", "Comment" = excluded."Comment", "Suggestion" = excluded."Suggestion",
                "CommentHidden" = "ServiceRatings"."WindowStartedAt" > {4} AND "ServiceRatings"."CommentHidden" AND "ServiceRatings"."Comment" IS excluded."Comment",
                "SuggestionCase" = CASE WHEN "ServiceRatings"."WindowStartedAt" > {4} AND "ServiceRatings"."Suggestion" IS excluded."Suggestion" THEN "ServiceRatings"."SuggestionCase" END,
                "WindowStartedAt" = CASE WHEN "ServiceRatings"."WindowStartedAt" > {4} THEN "ServiceRatings"."WindowStartedAt" ELSE excluded."WindowStartedAt" END,
                "Revision" = CASE WHEN "ServiceRatings"."WindowStartedAt" > {4} THEN "ServiceRatings"."Revision" + 1 ELSE 0 END,
                "SubmittedAt" = excluded."SubmittedAt"
            RETURNING "Id", "Revision", "SuggestionCase";
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
        public override FormattableString ClaimOutboxBatch(string claim, DateTime now, DateTime until, int batchSize) => $"""
            WITH batch AS (
                SELECT "Id" FROM "OutboxMessages"
                WHERE "Status" = 'Pending' AND "NextAttemptAt" <= {now} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {now})
                ORDER BY "NextAttemptAt", "Id" LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED)
            UPDATE "OutboxMessages" AS m SET "ClaimedBy" = {claim}, "ClaimedUntil" = {until}
            FROM batch WHERE m."Id" = batch."Id"
            RETURNING m.*
            """;

        public override FormattableString? LockRow(string table, long id) =>
            Sql($"SELECT 1 FROM {Quote(table)} WHERE \"Id\" = {{0}} FOR UPDATE", id);

        public override string RefreshOutboxStatistics => "ANALYZE \"OutboxMessages\"";

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
        public override FormattableString ClaimOutboxBatch(string claim, DateTime now, DateTime until, int batchSize) => $"""
            WITH batch AS (
                SELECT TOP ({batchSize}) * FROM [OutboxMessages] WITH (UPDLOCK, READPAST, ROWLOCK)
                WHERE [Status] = 'Pending' AND [NextAttemptAt] <= {now} AND ([ClaimedUntil] IS NULL OR [ClaimedUntil] < {now})
                ORDER BY [NextAttemptAt], [Id])
            UPDATE batch SET [ClaimedBy] = {claim}, [ClaimedUntil] = {until}
            OUTPUT inserted.*;
            """;

        public override string RefreshOutboxStatistics => "UPDATE STATISTICS [OutboxMessages]";

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

        // One batch in its own transaction (XACT_ABORT: any error rolls it back). UPDLOCK, HOLDLOCK on
        // the read takes the (service, account) key range, so a racing rating of the same account waits
        // and then finds this one's row. The month rows by one MERGE over the deltas summed per month.
        private protected override string StoreRatingSql => SqlServerStoreRating;

        private static readonly string[] MonthCounters =
        [
            "Count", "Stars1", "Stars2", "Stars3", "Stars4", "Stars5", "EaseSum", "EaseCount", "SpeedSum", "SpeedCount",
            "ClaritySum", "ClarityCount", "StaffSum", "StaffCount", "OnlineCount", "ServiceCentreCount", "PhoneCount",
        ];

        private static readonly string SqlServerStoreRating = Brackets($$"""
            SET NOCOUNT ON;
            SET XACT_ABORT ON;
            DECLARE @old TABLE ("Id" bigint, "Overall" int, "Ease" int, "Speed" int, "Clarity" int, "Staff" int, "Channel" int,
                "Comment" nvarchar(2000), "Suggestion" nvarchar(4000), "SuggestionCase" nvarchar(30), "SubmittedAt" datetime2, "Open" bit);
            BEGIN TRANSACTION;
            INSERT INTO @old
            SELECT r."Id", r."Overall", r."Ease", r."Speed", r."Clarity", r."Staff", r."Channel", r."Comment", r."Suggestion", r."SuggestionCase", r."SubmittedAt",
                CASE WHEN r."WindowStartedAt" > {4} THEN 1 ELSE 0 END
            FROM "ServiceRatings" AS r WITH (UPDLOCK, HOLDLOCK) WHERE r."ServiceId" = {0} AND r."UserId" = {2};
            INSERT INTO "ServiceRatingVersions" ({{RatingVersionColumns}})
            SELECT o."Id", {0}, {2}, o."Overall", o."Ease", o."Speed", o."Clarity", o."Staff", o."Channel", o."Comment", o."Suggestion", o."SuggestionCase",
                o."SubmittedAt", {3}, CASE WHEN o."Open" = 1 THEN 0 ELSE 1 END
            FROM @old AS o;
            MERGE "ServiceRatingMonths" WITH (HOLDLOCK) AS t
            USING (
                SELECT d."Month", {{RatingMonthSums}}
                FROM (
                    SELECT CAST({5} AS date) AS "Month", 1 AS "Sign", {6} AS "Overall", CAST({7} AS int) AS "Ease", CAST({8} AS int) AS "Speed",
                        CAST({9} AS int) AS "Clarity", CAST({10} AS int) AS "Staff", {11} AS "Channel"
                    UNION ALL
                    SELECT DATEFROMPARTS(YEAR(o."SubmittedAt"), MONTH(o."SubmittedAt"), 1), -1, o."Overall", o."Ease", o."Speed", o."Clarity", o."Staff", o."Channel"
                    FROM @old AS o WHERE o."Open" = 1) AS d
                GROUP BY d."Month") AS s ("Month", {{string.Join(", ", MonthCounters.Select(c => $"\"{c}\""))}})
            ON t."ServiceId" = {0} AND t."Month" = s."Month"
            WHEN MATCHED THEN UPDATE SET {{string.Join(", ", MonthCounters.Select(c => $"t.\"{c}\" = t.\"{c}\" + s.\"{c}\""))}}
            WHEN NOT MATCHED THEN INSERT ({{RatingMonthColumns}})
                VALUES ({0}, {1}, s."Month", {{string.Join(", ", MonthCounters.Select(c => $"s.\"{c}\""))}});
            IF EXISTS (SELECT 1 FROM @old)
                UPDATE r SET
                    "Overall" = {6}, "Ease" = {7}, "Speed" = {8}, "Clarity" = {9}, "Staff" = {10}, "Channel" = {11}, "Comment" = {12}, "Suggestion" = {13},
                    "CommentHidden" = CASE WHEN o."Open" = 1 AND r."CommentHidden" = 1 AND (r."Comment" = {12} OR (r."Comment" IS NULL AND {12} IS NULL)) THEN 1 ELSE 0 END,
                    "SuggestionCase" = CASE WHEN o."Open" = 1 AND (r."Suggestion" = {13} OR (r."Suggestion" IS NULL AND {13} IS NULL)) THEN r."SuggestionCase" END,
                    "WindowStartedAt" = CASE WHEN o."Open" = 1 THEN r."WindowStartedAt" ELSE {3} END,
                    "Revision" = CASE WHEN o."Open" = 1 THEN r."Revision" + 1 ELSE 0 END,
                    "SubmittedAt" = {3}
                OUTPUT inserted."Id", inserted."Revision", inserted."SuggestionCase"
                FROM "ServiceRatings" AS r JOIN @old AS o ON o."Id" = r."Id";
            ELSE
                INSERT INTO "ServiceRatings" ({{RatingColumns}})
                OUTPUT inserted."Id", inserted."Revision", inserted."SuggestionCase"
                VALUES ({0}, {2}, {6}, {7}, {8}, {9}, {10}, {11}, {12}, 0, {13}, {3}, {3}, 0);
            COMMIT TRANSACTION;
            """);

        /// <summary>The shared text's "quoted" identifiers in SQL Server's brackets.</summary>
        private static string Brackets(string sql) =>
            System.Text.RegularExpressions.Regex.Replace(sql, "\"([A-Za-z0-9]+)\"", "[$1]");

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

/// <summary>What <see cref="SqlDialect.StoreRating"/> writes: the rating, the moment, where its 30-day window must have begun to be still open, and the channels' values.</summary>
public sealed record RatingWrite(
    int ServiceId, int AgencyId, Guid UserId, DateTime Now, DateTime WindowFrom, DateOnly Month,
    int Overall, int? Ease, int? Speed, int? Clarity, int? Staff, int Channel, string? Comment, string? Suggestion,
    int OnlineChannel, int ServiceCentreChannel, int PhoneChannel);
