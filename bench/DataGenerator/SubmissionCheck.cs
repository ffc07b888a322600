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
    long AcknowledgedIds,
    long AcknowledgedStored,
    long StoredNotPublished,
    long CounterMismatches,
    long DuplicateFollows,
    bool Passed,
    string Explanation);

/// <summary>
/// Checks that every acknowledged comment is stored exactly once:
/// - the portal's success redirect names the new comment ("#my-comment-ID") and comment.lua writes the
///   acknowledged ids; each must be a distinct stored row of this run (its text carries the run's marker);
/// - every stored row carries a marker [bench:RUN:THREAD:SEQ] unique to its request, so rows = distinct
///   markers means no request stored two comments;
/// - rows &lt;= acknowledged + unanswered: a request answered otherwise stored nothing.
/// It also checks the counters the pages read (consultation and article comment counts) against the rows.
/// </summary>
internal static class SubmissionCheck
{
    public static async Task<int> RunAsync(string connectionString, string datasetFile, string wrkFile, string outFile)
    {
        var dataset = JsonSerializer.Deserialize<Dataset>(await File.ReadAllTextAsync(datasetFile), Json.Options)!;
        var wrk = WrkResult.Read(wrkFile);
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

        var ackedIds = File.Exists(wrkFile + ".acked")
            ? (await File.ReadAllLinesAsync(wrkFile + ".acked")).Where(l => l.Length > 0).Select(l => long.Parse(l, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
            : [];
        var ackedDistinct = ackedIds.Distinct().LongCount();
        long ackedStored;
        await using (var command = new NpgsqlCommand(
            """
            SELECT count(*) FROM "ConsultationComments"
            WHERE "Id" = ANY(@ids) AND "ConsultationId" = @id AND strpos("Body", @marker) > 0
            """, connection) { CommandTimeout = 0 })
        {
            command.Parameters.AddWithValue("ids", ackedIds);
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("marker", marker);
            ackedStored = (long)(await command.ExecuteScalarAsync())!;
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
        if (ackedIds.LongLength != wrk.Acked || ackedDistinct != ackedIds.LongLength)
        {
            problems.Add($"{wrk.Acked:N0} acknowledgements named {ackedDistinct:N0} distinct comments");
        }
        if (ackedStored != ackedDistinct)
        {
            problems.Add($"{ackedDistinct - ackedStored} acknowledged comments are not stored");
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
            ackedIds.LongLength, ackedStored, notPublished, counters, duplicateFollows, problems.Count == 0,
            problems.Count == 0
                ? $"{wrk.Acked:N0} acknowledged; {stored:N0} stored, each once; each acknowledgement names its own stored comment; of the {inFlight} requests in flight when wrk stopped, {stored - wrk.Acked} had stored theirs."
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
