using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EParticipation.Bench.DataGenerator;

/// <summary>
/// Writes bench/results/cases.md and .json from what run.sh --suite cases left in its work folder: the
/// dataset, each scenario's wrk result, CPU accounting and statements, the submission check and the
/// deadline job's runs, and the machine and settings.
/// </summary>
internal static class CasesReport
{
    private sealed record Scenario(string Key, string Name, string Target);

    private static readonly Scenario[] Scenarios =
    [
        new("health-before", "`/health/live` (before)", ""),
        new("queue", "Officer's queue, agency with 50,000 open cases", "p99 < 100 ms"),
        new("search", "Officer's queue with a search (?q=)", "(none; p99 < 100 ms as for the queue)"),
        new("submit", "Signed-in complaint submission", ">= 500 cases/s, each acknowledged case stored once"),
        new("health-after", "`/health/live` (after)", ""),
    ];

    public static int Run(string work, string outFolder)
    {
        var meta = Report.ReadKeyValues(Path.Combine(work, "meta.env"));
        var dataset = JsonNode.Parse(File.ReadAllText(Path.Combine(work, "cases-dataset.json")))!;
        var verify = ReadNode(Path.Combine(work, "verify.json"));
        var overdue = ReadNode(Path.Combine(work, "overdue.json"));
        var rows = new JsonArray();
        var md = new StringBuilder();
        md.AppendLine("# Cases under load").AppendLine();
        md.AppendLine($"Measured {meta.GetValueOrDefault("date")} on commit `{meta.GetValueOrDefault("commit")}` by `bench/run.sh --suite cases` (bench/README.md, \"Cases under load\").").AppendLine();
        md.AppendLine("## Dataset").AppendLine();
        md.AppendLine($"{(int)dataset["cases"]!:N0} cases ({(int)dataset["openCases"]!:N0} open; {(int)dataset["queueAgencyOpen"]!:N0} of them at agency {dataset["queueAgencyCode"]}), {(long)dataset["timelineEntries"]!:N0} timeline entries, {(long)dataset["details"]!:N0} details, {(int)dataset["users"]!:N0} participants and {(int)dataset["officers"]!:N0} case officers, generated in {(double)dataset["seconds"]!:0} s.");
        md.AppendLine($"Open cases by category: {string.Join(", ", dataset["openByCategory"]!.AsObject().Select(p => $"{p.Key} {(int)p.Value!:N0}"))}.").AppendLine();

        md.AppendLine("## Results").AppendLine();
        md.AppendLine("| scenario | target | requests/s | p50 ms | p90 ms | p99 ms | errors | met | portal CPU ms/req | PostgreSQL CPU ms/req | load average |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |");
        foreach (var s in Scenarios)
        {
            var file = Path.Combine(work, s.Key + ".json");
            if (!File.Exists(file))
            {
                continue;
            }
            var wrk = WrkResult.Read(file);
            var cpu = Report.ReadKeyValues(Path.Combine(work, s.Key + ".cpu"));
            double V(string k) => cpu.TryGetValue(k, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : double.NaN;
            var rps = wrk.RequestsPerSecond;
            var p99 = wrk.LatencyUs.P99 / 1000.0;
            long errors = wrk.Errors.Total;
            bool? met = null;
            if (s.Key == "queue")
            {
                met = p99 < 100 && errors == 0;
            }
            else if (s.Key == "submit")
            {
                errors = wrk.Errors.Total + (wrk.Requests - wrk.Acked);
                met = wrk.Acked / (wrk.DurationUs / 1e6) >= 500 && verify?["passed"]?.GetValue<bool>() == true;
                rps = wrk.Acked / (wrk.DurationUs / 1e6);
            }
            var portalMs = V("portal_ticks") / V("clk_tck") * 1000 / Math.Max(1, wrk.Requests);
            var pgMs = V("pg_ticks") / V("clk_tck") * 1000 / Math.Max(1, wrk.Requests);
            md.AppendLine($"| {s.Name} | {s.Target} | {rps:N0} | {wrk.LatencyUs.P50 / 1000.0:0.0} | {wrk.LatencyUs.P90 / 1000.0:0.0} | {p99:0.0} | {errors:N0} | {(met is null ? "" : met.Value ? "yes" : "**no**")} | {portalMs:0.00} | {pgMs:0.00} | {cpu.GetValueOrDefault("loadavg")} |");
            rows.Add(new JsonObject
            {
                ["scenario"] = s.Key, ["target"] = s.Target, ["requestsPerSecond"] = Math.Round(rps, 1), ["requests"] = (long)wrk.Requests,
                ["p50Ms"] = wrk.LatencyUs.P50 / 1000.0, ["p90Ms"] = wrk.LatencyUs.P90 / 1000.0, ["p99Ms"] = p99, ["errors"] = errors,
                ["met"] = met, ["portalCpuMsPerRequest"] = Math.Round(portalMs, 3), ["postgresCpuMsPerRequest"] = Math.Round(pgMs, 3),
                ["machineBusyCores"] = Math.Round(V("busy_ticks") / V("clk_tck") / (wrk.DurationUs / 1e6), 2),
                ["loadAverage"] = cpu.GetValueOrDefault("loadavg"), ["statuses"] = wrk.Statuses is null ? null : JsonSerializer.SerializeToNode(wrk.Statuses),
                ["statements"] = Statements(Path.Combine(work, s.Key + ".statements.tsv")),
            });
        }
        md.AppendLine();
        if (verify is not null)
        {
            md.AppendLine($"Submission check: **{(verify["passed"]!.GetValue<bool>() ? "passed" : "failed")}**: {verify["explanation"]}.").AppendLine();
        }
        bool? overdueMet = null;
        if (overdue is not null)
        {
            var first = overdue["runs"]![0]!;
            var second = overdue["runs"]![1]!;
            overdueMet = (double)first["seconds"]! < 10 && overdue["secondRunSentNothing"]!.GetValue<bool>();
            md.AppendLine("## The deadline job (reminders and escalations)").AppendLine();
            md.AppendLine($"`CaseDeadlines.RunAsync` through the portal's services over {(long)overdue["cases"]!:N0} cases ({(long)overdue["openCases"]!:N0} open). Target: under 10 s. Met: **{(overdueMet.Value ? "yes" : "no")}**.").AppendLine();
            md.AppendLine("| run | wall time s | CPU s (the job's process) | load average | reminders | escalations | emails queued | timeline entries |");
            md.AppendLine("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |");
            md.AppendLine($"| first | {(double)first["seconds"]!:0.00} | {first["cpuSeconds"]} | {first["loadAverage"]} | {first["reminders"]} | {first["escalations"]} | {first["emailsQueued"]} | {first["timelineEntries"]} |");
            md.AppendLine($"| second | {(double)second["seconds"]!:0.00} | {second["cpuSeconds"]} | {second["loadAverage"]} | {second["reminders"]} | {second["escalations"]} | {second["emailsQueued"]} | {second["timelineEntries"]} |");
            md.AppendLine().AppendLine($"The second run sent nothing: {(overdue["secondRunSentNothing"]!.GetValue<bool>() ? "yes" : "**no**")}.").AppendLine();
            md.AppendLine("PostgreSQL's busiest statements in the first run:").AppendLine();
            md.AppendLine("| calls | total ms | mean ms | statement |").AppendLine("| ---: | ---: | ---: | --- |");
            foreach (var st in overdue["statements"]!.AsArray().Take(6))
            {
                md.AppendLine($"| {st!["calls"]} | {st["totalMs"]} | {st["meanMs"]} | `{Short(st["query"]!.ToString())}` |");
            }
            md.AppendLine();
        }
        md.AppendLine("## Where PostgreSQL's time goes").AppendLine();
        foreach (var row in rows.Where(r => !r!["scenario"]!.ToString().StartsWith("health", StringComparison.Ordinal)))
        {
            // Calls per request: the measured run's calls of each statement over the requests wrk counted
            // (requests in flight at either end make it approximate); their sum is the round trips a request costs.
            var requests = Math.Max(1, row!["requests"]?.GetValue<long>() ?? 1);
            var statements = row["statements"]!.AsArray().Where(st => !st!["query"]!.ToString().Contains("pg_stat_statements_reset", StringComparison.Ordinal)).ToList();
            md.AppendLine($"**{row["scenario"]}**: {statements.Sum(st => st!["calls"]!.GetValue<long>()) / (double)requests:0.0} statements per request (the busiest {statements.Count}, including the outbox dispatcher's)").AppendLine();
            md.AppendLine("| calls | per request | total ms | mean ms | statement |").AppendLine("| ---: | ---: | ---: | ---: | --- |");
            foreach (var st in statements)
            {
                md.AppendLine($"| {st!["calls"]} | {st["calls"]!.GetValue<long>() / (double)requests:0.00} | {st["totalMs"]} | {st["meanMs"]} | `{Short(st["query"]!.ToString())}` |");
            }
            md.AppendLine();
        }
        foreach (var (key, name) in new[] { ("queue", "Officer's queue, first page"), ("search", "Officer's queue with a search") })
        {
            var plans = Plans.Read(work, key);
            if (plans.Count == 0)
            {
                continue;
            }
            md.AppendLine($"### Plans of one request: {name} (EXPLAIN (ANALYZE, BUFFERS) through auto_explain, the portal idle)").AppendLine();
            md.AppendLine($"{plans.Count} statements, {plans.Sum(p => p.Ms):0.000} ms inside PostgreSQL, {plans.Sum(p => p.Buffers):N0} buffers.").AppendLine();
            foreach (var plan in plans)
            {
                md.AppendLine($"`{Short(plan.Query)}` ({plan.Ms:0.000} ms, {plan.Buffers:N0} buffers)").AppendLine();
                if (plan.Query.Contains("\"Cases\"", StringComparison.Ordinal))
                {
                    md.AppendLine("```").AppendLine(plan.Plan).AppendLine("```").AppendLine();
                }
            }
        }
        md.AppendLine("## Machine and settings").AppendLine();
        foreach (var key in new[] { "nproc", "memory", "cpu", "os", "kernel", "dotnet", "pg_version", "wrk_version", "connections", "threads", "warmup", "duration", "loadavg_start", "loadavg_end", "portal_settings" })
        {
            md.AppendLine($"- {key}: `{meta.GetValueOrDefault(key)}`");
        }
        md.AppendLine().AppendLine("The machine is shared with other work (the load average above is the whole machine's, taken at the start of each measured run); the portal, PostgreSQL and wrk share its cores.");

        var json = new JsonObject
        {
            ["meta"] = JsonSerializer.SerializeToNode(meta), ["dataset"] = dataset.DeepClone(), ["scenarios"] = rows,
            ["verify"] = verify?.DeepClone(), ["overdue"] = overdue?.DeepClone(), ["overdueMet"] = overdueMet,
        };
        Directory.CreateDirectory(outFolder);
        File.WriteAllText(Path.Combine(outFolder, "cases.md"), md.ToString());
        File.WriteAllText(Path.Combine(outFolder, "cases.json"), json.ToJsonString(Json.Options) + "\n");
        Console.WriteLine($"wrote {Path.Combine(outFolder, "cases.md")}");
        return 0;
    }

    private static JsonNode? ReadNode(string file) => File.Exists(file) ? JsonNode.Parse(File.ReadAllText(file)) : null;

    private static string Short(string query) => (query.Length > 220 ? query[..220] + "…" : query).Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);

    private static JsonArray Statements(string file)
    {
        var rows = new JsonArray();
        if (!File.Exists(file))
        {
            return rows;
        }
        foreach (var line in File.ReadLines(file).Skip(1))
        {
            var f = line.Split('\t', 5);
            if (f.Length == 5 && long.TryParse(f[0], CultureInfo.InvariantCulture, out var calls))
            {
                rows.Add(new JsonObject { ["calls"] = calls, ["totalMs"] = f[1], ["meanMs"] = f[2], ["rows"] = f[3], ["query"] = f[4] });
            }
        }
        return rows;
    }
}
