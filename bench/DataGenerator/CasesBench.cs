using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Cases;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EParticipation.Bench.DataGenerator;

/// <summary>The cases benchmark's other commands (bench/README.md, "Cases under load"): sessions, verify, overdue.</summary>
internal static class CasesBench
{
    /// <summary>
    /// Signs in <paramref name="count"/> participants (the last of the population, who have no generated
    /// cases) and opens the complaint form as each: sessions.tsv, as for the consultations. Signs in the
    /// queue agency's first case officer and opens the queue: officer.tsv (Cookie header, tab, token).
    /// </summary>
    public static async Task<int> SessionsAsync(Uri baseUrl, string datasetFile, int count, string outFile, string officerFile)
    {
        var dataset = JsonSerializer.Deserialize<CasesDataset>(await File.ReadAllTextAsync(datasetFile), Json.Options)!;
        var lines = new string[count];
        var participant = CompositeFormat.Parse(dataset.UserEmailFormat);
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, cancellationToken) =>
        {
            var email = string.Format(CultureInfo.InvariantCulture, participant, dataset.Users - 1 - i);
            lines[i] = await Sessions.SignInAsync(baseUrl, email, dataset.Password, dataset.ComplaintPath, cancellationToken);
        });
        await File.WriteAllLinesAsync(outFile, lines);
        var officer = await Sessions.SignInAsync(baseUrl, dataset.QueueOfficerEmails[0], dataset.Password, dataset.QueuePath, CancellationToken.None);
        await File.WriteAllTextAsync(officerFile, officer + "\n");
        Console.WriteLine($"signed in {count} participants and the officer {dataset.QueueOfficerEmails[0]}");
        return 0;
    }

    /// <summary>
    /// The submission scenario's check: every acknowledged tracking number (complaint.lua writes the
    /// redirect's) is a distinct stored case of this run; one case per request marker; no tracking number
    /// twice in the table; each counter row equal to both the count and the highest number of its cases.
    /// </summary>
    public static async Task<int> VerifyAsync(string connectionString, string wrkFile, string outFile)
    {
        var wrk = WrkResult.Read(wrkFile);
        var marker = $"[bench:{wrk.Run}:";
        var acked = File.Exists(wrkFile + ".acked")
            ? (await File.ReadAllLinesAsync(wrkFile + ".acked")).Where(l => l.Length > 0).ToArray()
            : [];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task<long> Scalar(string sql, params (string, object)[] parameters)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        var stored = await Scalar("""SELECT count(*) FROM "Cases" WHERE strpos("Description", @m) > 0""", ("m", marker));
        var markers = await Scalar("""SELECT count(DISTINCT substring("Description" from strpos("Description", @m))) FROM "Cases" WHERE strpos("Description", @m) > 0""", ("m", marker));
        var ackedDistinct = acked.Distinct(StringComparer.Ordinal).LongCount();
        var ackedStored = await Scalar("""SELECT count(*) FROM "Cases" WHERE "TrackingNumber" = ANY(@t) AND strpos("Description", @m) > 0""", ("t", acked), ("m", marker));
        var withoutTimeline = await Scalar("""SELECT count(*) FROM "Cases" c WHERE strpos(c."Description", @m) > 0 AND NOT EXISTS (SELECT 1 FROM "CaseTimeline" t WHERE t."CaseId" = c."Id" AND t."Event" = 'Submitted')""", ("m", marker));
        var total = await Scalar("""SELECT count(*) FROM "Cases" """);
        var distinctNumbers = await Scalar("""SELECT count(DISTINCT "TrackingNumber") FROM "Cases" """);
        var counterMismatches = await Scalar(
            """
            SELECT count(*) FROM "CaseCounters" k
            LEFT JOIN (SELECT split_part("TrackingNumber", '-', 1) AS p, split_part("TrackingNumber", '-', 2)::int AS y,
                              count(*) AS n, max(split_part("TrackingNumber", '-', 3)::int) AS top
                       FROM "Cases" GROUP BY 1, 2) c ON c.p = k."Prefix" AND c.y = k."Year"
            WHERE k."Value" < coalesce(c.top, 0)
            """);
        var uncounted = await Scalar(
            """
            SELECT count(*) FROM (SELECT DISTINCT split_part("TrackingNumber", '-', 1) AS p, split_part("TrackingNumber", '-', 2)::int AS y FROM "Cases") c
            WHERE NOT EXISTS (SELECT 1 FROM "CaseCounters" k WHERE k."Prefix" = c.p AND k."Year" = c.y)
            """);
        var responses = wrk.Statuses?.Values.Sum() ?? wrk.Requests;
        var unanswered = Math.Max(0, wrk.Sent - responses);
        var problems = new List<string>();
        if (acked.LongLength != wrk.Acked || ackedDistinct != acked.LongLength)
        {
            problems.Add($"{wrk.Acked:N0} acknowledgements named {ackedDistinct:N0} distinct tracking numbers");
        }
        if (ackedStored != ackedDistinct)
        {
            problems.Add($"{ackedDistinct - ackedStored} acknowledged cases are not stored");
        }
        if (stored != markers)
        {
            problems.Add($"{stored - markers} requests stored more than one case");
        }
        if (stored > wrk.Acked + unanswered)
        {
            problems.Add($"{stored - wrk.Acked - unanswered} cases stored for requests answered with an error");
        }
        if (distinctNumbers != total)
        {
            problems.Add($"{total - distinctNumbers} tracking numbers given twice");
        }
        if (counterMismatches + uncounted != 0)
        {
            problems.Add($"{counterMismatches + uncounted} counters are behind a number already given");
        }
        if (withoutTimeline != 0)
        {
            problems.Add($"{withoutTimeline} stored cases have no Submitted entry");
        }
        var verdict = new Dictionary<string, object>
        {
            ["sent"] = wrk.Sent, ["responses"] = responses, ["acknowledged"] = wrk.Acked, ["unanswered"] = unanswered,
            ["stored"] = stored, ["distinctMarkers"] = markers, ["acknowledgedStored"] = ackedStored,
            ["casesInTable"] = total, ["distinctTrackingNumbers"] = distinctNumbers, ["counterMismatches"] = counterMismatches + uncounted,
            ["withoutTimeline"] = withoutTimeline, ["passed"] = problems.Count == 0,
            ["explanation"] = problems.Count == 0
                ? $"{wrk.Acked:N0} acknowledged cases, each stored once with its own tracking number; {stored:N0} stored in all ({unanswered} requests unanswered when wrk stopped); {total:N0} tracking numbers in the table, all distinct; every counter at or past the highest number of its kind and year (instances reserve blocks of numbers, so unused numbers are gaps)"
                : string.Join("; ", problems),
        };
        await File.WriteAllTextAsync(outFile, JsonSerializer.Serialize(verdict, Json.Options));
        Console.WriteLine(verdict["explanation"]);
        return problems.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// Runs the portal's deadline job (<see cref="CaseDeadlines.RunAsync"/>, through the portal's own
    /// services, as the background service does) twice over the whole table, timing each, counting the
    /// emails it queued and the timeline entries it wrote, with PostgreSQL's busiest statements of the
    /// first run. The second run must send nothing.
    /// </summary>
    public static async Task<int> OverdueAsync(string connectionString, string outFile)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "ep-bench-overdue-" + Guid.NewGuid().ToString("N"));
        await using var app = DatasetGenerator.BuildPortal(connectionString, dataFolder);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Warm: the model built and the first query compiled, as in the portal's background service after its first poll.
        await using (var warm = app.Services.CreateAsyncScope())
        {
            await warm.ServiceProvider.GetRequiredService<AppDbContext>().Cases.AsNoTracking().Where(c => c.ReminderSentAt == null).Select(c => c.Id).FirstOrDefaultAsync();
        }
        var runs = new List<Dictionary<string, object>>();
        List<Dictionary<string, object>>? statements = null;
        for (var i = 0; i < 2; i++)
        {
            var emailsBefore = await DatasetGenerator.ScalarAsync(connection, """SELECT count(*) FROM "OutboxMessages" """);
            var entriesBefore = await DatasetGenerator.ScalarAsync(connection, """SELECT count(*) FROM "CaseTimeline" WHERE "Event" IN ('ReminderSent', 'Escalated')""");
            if (i == 0)
            {
                await DatasetGenerator.TryExecuteAsync(connection, "SELECT pg_stat_statements_reset()");
            }
            var clock = Stopwatch.StartNew();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            DeadlineRun run;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                run = await scope.ServiceProvider.GetRequiredService<CaseDeadlines>().RunAsync();
            }
            var seconds = clock.Elapsed.TotalSeconds;
            // On a shared machine the wall time is mostly waiting for a core: the job's own CPU time says what it costs.
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";
            if (i == 0)
            {
                statements = await TopStatementsAsync(connection);
            }
            var emails = await DatasetGenerator.ScalarAsync(connection, """SELECT count(*) FROM "OutboxMessages" """) - emailsBefore;
            var entries = await DatasetGenerator.ScalarAsync(connection, """SELECT count(*) FROM "CaseTimeline" WHERE "Event" IN ('ReminderSent', 'Escalated')""") - entriesBefore;
            runs.Add(new Dictionary<string, object>
            {
                ["reminders"] = run.Reminders, ["escalations"] = run.Escalations, ["seconds"] = Math.Round(seconds, 2), ["cpuSeconds"] = Math.Round(cpuSeconds, 2), ["loadAverage"] = load,
                ["emailsQueued"] = emails, ["timelineEntries"] = entries,
            });
            Console.WriteLine($"deadline run {i + 1}: {run.Reminders} reminders, {run.Escalations} escalations, {emails} emails queued, {seconds:0.00} s");
        }
        var open = await DatasetGenerator.ScalarAsync(connection, """SELECT count(*) FROM "Cases" WHERE "State" <> 'Closed'""");
        var all = await DatasetGenerator.ScalarAsync(connection, """SELECT count(*) FROM "Cases" """);
        var report = new Dictionary<string, object>
        {
            ["cases"] = all, ["openCases"] = open, ["runs"] = runs, ["statements"] = statements ?? [],
            ["secondRunSentNothing"] = (int)runs[1]["reminders"] + (int)runs[1]["escalations"] == 0 && (long)runs[1]["emailsQueued"] == 0,
        };
        await File.WriteAllTextAsync(outFile, JsonSerializer.Serialize(report, Json.Options));
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A log file still held by the closing sink; /tmp is cleaned by the OS.
        }
        return 0;
    }

    private static async Task<List<Dictionary<string, object>>> TopStatementsAsync(NpgsqlConnection connection)
    {
        var rows = new List<Dictionary<string, object>>();
        try
        {
            await using var command = new NpgsqlCommand(
                """
                SELECT calls, round(total_exec_time::numeric, 1), round(mean_exec_time::numeric, 3), rows, regexp_replace(query, '\s+', ' ', 'g')
                FROM pg_stat_statements WHERE calls > 0 AND query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 10
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(new Dictionary<string, object>
                {
                    ["calls"] = reader.GetInt64(0), ["totalMs"] = reader.GetDecimal(1), ["meanMs"] = reader.GetDecimal(2),
                    ["rows"] = reader.GetInt64(3), ["query"] = reader.GetString(4),
                });
            }
        }
        catch (PostgresException)
        {
            // pg_stat_statements is not loaded: no statements to show.
        }
        return rows;
    }
}
