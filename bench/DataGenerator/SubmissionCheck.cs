using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;

namespace EParticipation.Bench.DataGenerator;

internal sealed record WrkLatency(double Mean, double Stdev, long Max, long P50, long P90, long P99, long P999);

internal sealed record WrkErrors(long Connect, long Read, long Write, long Status, long Timeout)
{
    public long Total => Connect + Read + Write + Status + Timeout;
}

internal sealed record WrkThread(int Id, long Sent, long Acked);

/// <summary>What a wrk Lua script's done() wrote (bench/wrk/*.lua).</summary>
internal sealed record WrkResult(
    string Scenario,
    long Requests,
    [property: JsonPropertyName("duration_us")] long DurationUs,
    long Bytes,
    WrkErrors Errors,
    [property: JsonPropertyName("latency_us")] WrkLatency LatencyUs,
    string? Run = null,
    long Sent = 0,
    long Acked = 0,
    IReadOnlyDictionary<string, long>? Statuses = null,
    IReadOnlyList<WrkThread>? Threads = null)
{
    public double RequestsPerSecond => Requests / (DurationUs / 1e6);

    public static WrkResult Read(string file) =>
        JsonSerializer.Deserialize<WrkResult>(File.ReadAllText(file), Json.Options) ?? throw new InvalidOperationException(file + " is empty.");
}

/// <summary>The database's side of the submission scenario.</summary>
internal sealed record SubmissionVerdict(
    long Sent,
    long Responses,
    long Acknowledged,
    long NotAcknowledged,
    long InFlightAtEnd,
    long Stored,
    long DistinctMarkers,
    long Duplicates,
    long SettledRequests,
    long SettledStored,
    long StoredNotPublished,
    long CounterMismatches,
    long DuplicateFollows,
    bool Passed,
    string Explanation);

/// <summary>
/// Checks that every acknowledged comment is stored exactly once. wrk cannot tie a response to the
/// request it answers, so the check is made from both ends:
/// - every stored row carries a marker [bench:RUN:THREAD:SEQ]; markers are unique, so rows = distinct markers
///   means no comment was stored twice;
/// - each wrk thread sends SEQ 1, 2, 3... on its connections, and at most one request per connection is
///   unanswered when wrk stops; with no refusals, every request of a thread older than its last
///   (connections per thread) is acknowledged and must be stored, exactly once;
/// - overall, acknowledged &lt;= stored &lt;= acknowledged + unanswered.
/// It also checks the counters the pages read (consultation and article comment counts) against the rows.
/// </summary>
internal static class SubmissionCheck
{
    public static async Task<int> RunAsync(string connectionString, string datasetFile, string wrkFile, string outFile)
    {
        var dataset = JsonSerializer.Deserialize<Dataset>(await File.ReadAllTextAsync(datasetFile), Json.Options)!;
        var wrk = WrkResult.Read(wrkFile);
        var connectionsPerThread = int.Parse(Environment.GetEnvironmentVariable("BENCH_CONNECTIONS_PER_THREAD") ?? "16", System.Globalization.CultureInfo.InvariantCulture);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var id = dataset.SubmitConsultationId;
        var marker = $"[bench:{wrk.Run}:";

        var rows = await QueryAsync(connection,
            """
            SELECT count(*), count(DISTINCT m[1] || ':' || m[2]), count(*) FILTER (WHERE "Status" <> 'Published')
            FROM (SELECT regexp_match("Body", '\[bench:[0-9a-f]+:(\d+):(\d+)\]') AS m, "Status"
                  FROM "ConsultationComments" WHERE "ConsultationId" = @id AND strpos("Body", @marker) > 0) t
            """, id, marker);
        var stored = rows[0];
        var distinct = rows[1];
        var notPublished = rows[2];

        long settledRequests = 0;
        long settledStored = 0;
        foreach (var thread in wrk.Threads ?? [])
        {
            var settled = Math.Max(0, thread.Sent - connectionsPerThread);
            settledRequests += settled;
            settledStored += (await QueryAsync(connection,
                """
                SELECT count(DISTINCT (regexp_match("Body", '\[bench:[0-9a-f]+:\d+:(\d+)\]'))[1]::bigint)
                FROM "ConsultationComments"
                WHERE "ConsultationId" = @id AND strpos("Body", @marker) > 0
                  AND (regexp_match("Body", '\[bench:[0-9a-f]+:(\d+):\d+\]'))[1]::int = @thread
                  AND (regexp_match("Body", '\[bench:[0-9a-f]+:\d+:(\d+)\]'))[1]::bigint <= @settled
                """, id, marker, ("thread", thread.Id), ("settled", settled)))[0];
        }

        var counters = (await QueryAsync(connection,
            """
            SELECT (SELECT count(*) FROM "Consultations" k WHERE k."Id" = @id AND (
                       k."CommentCount" <> (SELECT count(*) FROM "ConsultationComments" c WHERE c."ConsultationId" = k."Id" AND c."Status" = 'Published')
                    OR k."GeneralCommentCount" <> (SELECT count(*) FROM "ConsultationComments" c WHERE c."ConsultationId" = k."Id" AND c."ArticleId" IS NULL AND c."Status" = 'Published')))
                 + (SELECT count(*) FROM "ConsultationArticles" a WHERE a."ConsultationId" = @id
                    AND a."CommentCount" <> (SELECT count(*) FROM "ConsultationComments" c WHERE c."ArticleId" = a."Id" AND c."Status" = 'Published'))
            """, id))[0];
        var duplicateFollows = (await QueryAsync(connection,
            """
            SELECT count(*) FROM (SELECT "UserId" FROM "Follows" WHERE "Kind" = 'consultation' AND "TargetId" = @target
                                  GROUP BY "UserId" HAVING count(*) > 1) d
            """, id, ("target", id.ToString(System.Globalization.CultureInfo.InvariantCulture))))[0];

        var responses = wrk.Statuses?.Values.Sum() ?? 0;
        var notAcknowledged = responses - wrk.Acked;
        var inFlight = wrk.Sent - responses;
        var problems = new List<string>();
        if (stored != distinct)
        {
            problems.Add($"{stored - distinct} comments stored more than once");
        }
        if (stored < wrk.Acked)
        {
            problems.Add($"{wrk.Acked - stored} acknowledged comments are missing");
        }
        if (stored > wrk.Acked + inFlight)
        {
            problems.Add($"{stored - wrk.Acked - inFlight} refused requests stored a comment");
        }
        if (notAcknowledged == 0 && settledStored != settledRequests)
        {
            problems.Add($"{settledRequests - settledStored} answered requests have no comment");
        }
        if (notAcknowledged != 0)
        {
            problems.Add($"{notAcknowledged} responses were not the success redirect ({string.Join(", ", wrk.Statuses!.Select(s => s.Key + ": " + s.Value))})");
        }
        if (notPublished != 0)
        {
            problems.Add($"{notPublished} comments on a post-moderated consultation are not published");
        }
        if (counters != 0)
        {
            problems.Add($"{counters} comment counters disagree with the rows");
        }
        if (duplicateFollows != 0)
        {
            problems.Add($"{duplicateFollows} participants follow the consultation twice");
        }
        var verdict = new SubmissionVerdict(
            wrk.Sent, responses, wrk.Acked, notAcknowledged, inFlight, stored, distinct, stored - distinct,
            settledRequests, settledStored, notPublished, counters, duplicateFollows, problems.Count == 0,
            problems.Count == 0
                ? $"{wrk.Acked:N0} acknowledged; {stored:N0} stored, each once; all {settledRequests:N0} requests answered before wrk's last {connectionsPerThread} per thread are stored; {inFlight} were in flight when wrk stopped."
                : string.Join("; ", problems));
        await File.WriteAllTextAsync(outFile, JsonSerializer.Serialize(verdict, Json.Options));
        Console.WriteLine(verdict.Explanation);
        return 0;
    }

    private static async Task<long[]> QueryAsync(NpgsqlConnection connection, string sql, int consultationId, params (string Name, object Value)[] parameters) =>
        await QueryAsync(connection, sql, consultationId, null, parameters);

    private static async Task<long[]> QueryAsync(NpgsqlConnection connection, string sql, int consultationId, string? marker, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("id", consultationId);
        if (marker is not null)
        {
            command.Parameters.AddWithValue("marker", marker);
        }
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var values = new long[reader.FieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.GetInt64(i);
        }
        return values;
    }
}
