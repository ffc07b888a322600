using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EParticipation.Bench.DataGenerator;

/// <summary>
/// Writes bench/results/consultations.md and .json from what run.sh left in its work folder: the
/// dataset, each scenario's wrk result and CPU accounting, the submission check, and the settings.
/// </summary>
internal static class Report
{
    private sealed record Scenario(string Key, string Name, string Path, double? MinRps, double? MaxP99Ms, double? MinRatio = null);

    // Targets of issue 13 (the cached page keeps issue 5's): each as requests/s and as a ratio to
    // /health/live in the same run. "met?" needs both, the p99 and no errors.
    private static readonly Scenario[] Scenarios =
    [
        new("health-before", "`/health/live` (before)", "/health/live", null, null),
        new("list", "Consultations list, cache on", "", 10000, 50, 0.18),
        new("page", "Consultation page (10,000 comments), visitor, cache on", "", 2000, 100),
        new("page-signed-in", "The same page, signed-in participant (cache on)", "", 2000, 50, 0.035),
        new("submit", "Signed-in comment submission", "", 1500, null, 0.03),
        new("list-nocache", "Consultations list, cache off", "", 3000, 50, 0.05),
        new("page-nocache", "Consultation page, visitor, cache off", "", 2000, 50, 0.035),
        new("page-signed-in-nocache", "Consultation page, signed-in participant, cache off", "", 2000, 50, 0.035),
        new("health-after", "`/health/live` (after)", "/health/live", null, null),
    ];

    public static int Run(string work, string outFolder)
    {
        var meta = ReadKeyValues(Path.Combine(work, "meta.env"));
        var dataset = JsonSerializer.Deserialize<Dataset>(File.ReadAllText(Path.Combine(work, "dataset.json")), Json.Options)!;
        var verdictFile = Path.Combine(work, "verify.json");
        var verdict = File.Exists(verdictFile) ? JsonSerializer.Deserialize<SubmissionVerdict>(File.ReadAllText(verdictFile), Json.Options) : null;
        var results = Scenarios
            .Where(s => File.Exists(Path.Combine(work, s.Key + ".json")))
            .Select(s => (Scenario: s, Wrk: WrkResult.Read(Path.Combine(work, s.Key + ".json")), Cpu: ReadKeyValues(Path.Combine(work, s.Key + ".cpu"))))
            .ToList();
        var health = results.Where(r => r.Scenario.Key.StartsWith("health", StringComparison.Ordinal)).Select(r => r.Wrk.RequestsPerSecond).DefaultIfEmpty(double.NaN).Average();

        var rows = new List<Dictionary<string, object?>>();
        foreach (var (scenario, wrk, cpu) in results)
        {
            var path = scenario.Key switch
            {
                "list" or "list-nocache" => dataset.ListPath,
                "page" or "page-nocache" or "page-signed-in" or "page-signed-in-nocache" => dataset.PagePath,
                "submit" => $"POST /ar/consultations/{dataset.SubmitConsultationId}/comments",
                _ => scenario.Path,
            };
            var rps = wrk.RequestsPerSecond;
            var p99 = wrk.LatencyUs.P99 / 1000.0;
            var errors = wrk.Errors.Total + (scenario.Key == "submit" ? verdict?.NotAcknowledged ?? 0 : 0);
            bool? met = scenario.MinRps is { } min
                ? rps >= min && (scenario.MaxP99Ms is not { } maxP99 || p99 < maxP99) && (scenario.MinRatio is not { } minRatio || rps / health >= minRatio)
                    && errors == 0 && (scenario.Key != "submit" || verdict?.Passed == true)
                : null;
            var seconds = wrk.DurationUs / 1e6;
            double Share(string key) => cpu.TryGetValue(key, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : double.NaN;
            var ticks = Share("clk_tck");
            var portalCpu = Share("portal_ticks") / ticks;
            var pgCpu = Share("pg_ticks") / ticks;
            var wrkCpu = Share("wrk_cpu_seconds");
            var busy = Share("busy_ticks") / ticks;
            rows.Add(new Dictionary<string, object?>
            {
                ["scenario"] = scenario.Key,
                ["name"] = scenario.Name,
                ["request"] = path,
                ["requests"] = wrk.Requests,
                ["seconds"] = Math.Round(seconds, 2),
                ["requests_per_second"] = Math.Round(rps, 1),
                ["p50_ms"] = wrk.LatencyUs.P50 / 1000.0,
                ["p90_ms"] = wrk.LatencyUs.P90 / 1000.0,
                ["p99_ms"] = p99,
                ["max_ms"] = wrk.LatencyUs.Max / 1000.0,
                ["bytes_per_response"] = wrk.Requests == 0 ? 0 : wrk.Bytes / wrk.Requests,
                ["errors"] = errors,
                ["socket_errors"] = new { wrk.Errors.Connect, wrk.Errors.Read, wrk.Errors.Write, wrk.Errors.Timeout },
                ["status_errors"] = wrk.Errors.Status,
                ["ratio_to_health"] = scenario.Key.StartsWith("health", StringComparison.Ordinal) ? null : Math.Round(rps / health, 3),
                ["target"] = Target(scenario),
                ["met"] = met,
                // Where the two cores went during the measured run (CPU seconds per wall second, so 2.0 = both cores).
                ["cpu"] = new
                {
                    portal = Math.Round(portalCpu / seconds, 2),
                    postgres = Math.Round(pgCpu / seconds, 2),
                    wrk = Math.Round(wrkCpu / seconds, 2),
                    other = Math.Round(Math.Max(0, busy - portalCpu - pgCpu - wrkCpu) / seconds, 2),
                    idle = Math.Round(Math.Max(0, Share("total_ticks") / ticks - busy) / seconds, 2),
                    portal_us_per_request = Math.Round(portalCpu / wrk.Requests * 1e6),
                    postgres_us_per_request = Math.Round(pgCpu / wrk.Requests * 1e6),
                },
                ["load_average_before"] = cpu.GetValueOrDefault("loadavg"),
            });
        }

        var report = new Dictionary<string, object?>
        {
            ["date"] = meta.GetValueOrDefault("date"),
            ["commit"] = meta.GetValueOrDefault("commit"),
            ["machine"] = new
            {
                cores = meta.GetValueOrDefault("nproc"),
                memory = meta.GetValueOrDefault("memory"),
                cpu = meta.GetValueOrDefault("cpu"),
                os = meta.GetValueOrDefault("os"),
                kernel = meta.GetValueOrDefault("kernel"),
            },
            ["dataset"] = dataset,
            ["postgres"] = new { version = meta.GetValueOrDefault("pg_version"), settings = ReadKeyValues(Path.Combine(work, "pg-settings.env")) },
            ["portal"] = new { settings = meta.GetValueOrDefault("portal_settings")?.Split(' ', StringSplitOptions.RemoveEmptyEntries), dotnet = meta.GetValueOrDefault("dotnet") },
            ["wrk"] = new
            {
                version = meta.GetValueOrDefault("wrk_version"),
                connections = meta.GetValueOrDefault("connections"),
                threads = meta.GetValueOrDefault("threads"),
                seconds = meta.GetValueOrDefault("duration"),
                warmup_seconds = meta.GetValueOrDefault("warmup"),
            },
            ["health_requests_per_second"] = Math.Round(health, 1),
            ["scenarios"] = rows,
            ["submission_check"] = verdict,
            ["second_pass_settings"] = meta.GetValueOrDefault("second_pass_settings"),
            ["plans"] = Plans.Keys.Keys.ToDictionary(k => k, k => Plans.Read(work, k)),
        };
        Directory.CreateDirectory(outFolder);
        File.WriteAllText(Path.Combine(outFolder, "consultations.json"), JsonSerializer.Serialize(report, Json.Options) + "\n");
        File.WriteAllText(Path.Combine(outFolder, "consultations.md"), Markdown(report, rows, meta, dataset, verdict, work));
        Console.WriteLine($"wrote {Path.Combine(outFolder, "consultations.md")} and consultations.json");
        return 0;
    }

    private static string Target(Scenario scenario)
    {
        if (scenario.MinRps is not { } min)
        {
            return "(baseline)";
        }
        var parts = new List<string> { string.Create(CultureInfo.InvariantCulture, $"≥ {min:N0}/s") };
        if (scenario.MinRatio is { } ratio)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"ratio ≥ {ratio:0.000}"));
        }
        if (scenario.MaxP99Ms is { } p99)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"p99 < {p99:0} ms"));
        }
        if (scenario.Key == "submit")
        {
            parts.Add("each acknowledged comment stored once");
        }
        return string.Join(", ", parts);
    }

    private static string Markdown(Dictionary<string, object?> report, List<Dictionary<string, object?>> rows, Dictionary<string, string> meta, Dataset dataset, SubmissionVerdict? verdict, string work)
    {
        var md = new StringBuilder();
        md.AppendLine("# Consultations benchmark: results");
        md.AppendLine();
        md.AppendLine($"Written by `bench/run.sh` ({meta.GetValueOrDefault("date")}, commit `{meta.GetValueOrDefault("commit")}`). How to run it and what each figure means: [bench/README.md](../README.md).");
        md.AppendLine();
        md.AppendLine($"Machine: {meta.GetValueOrDefault("nproc")} cores ({meta.GetValueOrDefault("cpu")}), {meta.GetValueOrDefault("memory")} memory, {meta.GetValueOrDefault("os")} (kernel {meta.GetValueOrDefault("kernel")}), .NET {meta.GetValueOrDefault("dotnet")}. wrk {meta.GetValueOrDefault("wrk_version")}, PostgreSQL {meta.GetValueOrDefault("pg_version")}, the portal and wrk on the same machine over loopback.");
        md.AppendLine();
        md.AppendLine($"Load: {meta.GetValueOrDefault("connections")} connections, {meta.GetValueOrDefault("threads")} wrk threads, {meta.GetValueOrDefault("duration")} s per scenario after {meta.GetValueOrDefault("warmup")} s of warm-up, in this order, in one run. The scenarios marked \"cache off\" ran after the portal was started again with `{meta.GetValueOrDefault("second_pass_settings")}` (same database, same sessions); the signed-in scenarios send one participant's sign-in cookie on every request.");
        md.AppendLine();
        md.AppendLine("| scenario | requests/s | p50 ms | p90 ms | p99 ms | errors | ratio to /health/live | target | met? |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        foreach (var r in rows)
        {
            var met = r["met"] switch { true => "yes", false => "**no**", _ => "" };
            var ratio = r["ratio_to_health"] is double d ? d.ToString("0.000", CultureInfo.InvariantCulture) : "1 (baseline)";
            md.AppendLine($"| {r["name"]} | {(double)r["requests_per_second"]!:N0} | {r["p50_ms"]:0.00} | {r["p90_ms"]:0.00} | {r["p99_ms"]:0.00} | {r["errors"]} | {ratio} | {r["target"]} | {met} |");
        }
        md.AppendLine();
        md.AppendLine($"The ratio divides a scenario's requests/s by the mean of the two `/health/live` runs ({report["health_requests_per_second"]:N0}/s), measured in the same run, so it carries over to other machines better than the raw figures.");
        md.AppendLine();
        md.AppendLine("## Where the time goes");
        md.AppendLine();
        md.AppendLine("CPU used during each measured run, in cores (2.00 = both cores busy), from /proc: the portal's process, all PostgreSQL processes, wrk, and anything else on the machine; and the portal's and PostgreSQL's CPU per request.");
        md.AppendLine();
        md.AppendLine("| scenario | portal | PostgreSQL | wrk | other | idle | portal µs/request | PostgreSQL µs/request | bytes/response | load average before |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in rows)
        {
            var cpu = JsonSerializer.SerializeToElement(r["cpu"], Json.Options);
            md.AppendLine($"| {r["name"]} | {cpu.GetProperty("portal")} | {cpu.GetProperty("postgres")} | {cpu.GetProperty("wrk")} | {cpu.GetProperty("other")} | {cpu.GetProperty("idle")} | {cpu.GetProperty("portal_us_per_request")} | {cpu.GetProperty("postgres_us_per_request")} | {r["bytes_per_response"]:N0} | {r["load_average_before"]} |");
        }
        md.AppendLine();
        md.AppendLine("PostgreSQL's statements by total execution time during each measured run (pg_stat_statements; time inside the server only, not the round trip):");
        md.AppendLine();
        foreach (var r in rows)
        {
            var file = Path.Combine(work, r["scenario"] + ".statements.tsv");
            var statements = File.Exists(file)
                ? File.ReadAllLines(file).Skip(1).Where(l => l.Length > 0 && !l.StartsWith('(')).Select(l => l.Split('\t')).Where(f => f.Length >= 5).Take(6).ToList()
                : [];
            if (statements.Count == 0 || r["scenario"] is string key && key.StartsWith("health", StringComparison.Ordinal))
            {
                continue;
            }
            md.AppendLine($"{r["name"]}:");
            md.AppendLine();
            md.AppendLine("| calls | total ms | mean ms | statement |");
            md.AppendLine("| ---: | ---: | ---: | --- |");
            foreach (var f in statements)
            {
                var query = string.Join('\t', f.Skip(4)).Replace("|", "\\|", StringComparison.Ordinal);
                md.AppendLine($"| {f[0]} | {f[1]} | {f[2]} | `{(query.Length > 180 ? query[..180] + "…" : query)}` |");
            }
            md.AppendLine();
        }
        Plans.Markdown(md, work);
        if (verdict is not null)
        {
            md.AppendLine("## Submission: every acknowledged comment stored exactly once");
            md.AppendLine();
            md.AppendLine($"{(verdict.Passed ? "Passed" : "**Failed**")}: {verdict.Explanation}");
            md.AppendLine();
            md.AppendLine($"Sent {verdict.Sent:N0}, answered {verdict.Responses:N0} ({verdict.Acknowledged:N0} with the success redirect, {verdict.NotAcknowledged:N0} otherwise), {verdict.InFlightAtEnd:N0} unanswered when wrk stopped. Stored {verdict.Stored:N0} rows with {verdict.DistinctMarkers:N0} distinct markers ({verdict.Duplicates} duplicates); the {verdict.AcknowledgedIds:N0} acknowledgements named their comments (the success redirect goes to the new comment), and {verdict.AcknowledgedStored:N0} of those are stored rows of this run. Counters that disagree with the rows: {verdict.CounterMismatches}; participants following the consultation twice: {verdict.DuplicateFollows}.");
            md.AppendLine();
        }
        md.AppendLine("## Dataset");
        md.AppendLine();
        md.AppendLine($"{dataset.Consultations:N0} consultations ({dataset.OpenConsultations} open) with {dataset.Articles:N0} articles, {dataset.Comments:N0} comments, {dataset.Supports:N0} supports, {dataset.Follows:N0} follows, {dataset.Users:N0} participants; generated in {dataset.Seconds:N0} s by `bench/DataGenerator`. The page scenario reads consultation {dataset.PageConsultationId} ({dataset.PagePublishedComments:N0} published comments); the submission scenario posts to consultation {dataset.SubmitConsultationId} (post-moderation, a policy: no email to a legislation office).");
        md.AppendLine();
        md.AppendLine("## Settings");
        md.AppendLine();
        md.AppendLine("Portal (command line, on top of `appsettings.json` and the Production environment):");
        md.AppendLine();
        md.AppendLine("```");
        foreach (var setting in meta.GetValueOrDefault("portal_settings", "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            md.AppendLine(setting);
        }
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine("PostgreSQL (the throwaway server's non-default settings):");
        md.AppendLine();
        md.AppendLine("```");
        foreach (var (key, value) in ReadKeyValues(Path.Combine(work, "pg-settings.env")))
        {
            md.AppendLine($"{key} = {value}");
        }
        md.AppendLine("```");
        return md.ToString();
    }

    internal static Dictionary<string, string> ReadKeyValues(string file)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(file))
        {
            return values;
        }
        foreach (var line in File.ReadAllLines(file))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && !line.StartsWith('#'))
            {
                values[line[..eq].Trim()] = line[(eq + 1)..].Trim();
            }
        }
        return values;
    }
}
