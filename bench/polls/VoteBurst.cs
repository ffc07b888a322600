using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using EParticipation.Bench.Shared;
using EParticipation.Web.Areas.Admin;
using EParticipation.Web.Areas.Polls;
using EParticipation.Web.Areas.Polls.Domain;
using EParticipation.Web.Areas.Polls.Models;
using EParticipation.Web.Areas.Polls.Services;
using EParticipation.Web.Data;
using EParticipation.Web.Platform;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Seeding;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace EParticipation.Bench.Polls;

/// <summary>
/// Starts the portal's services on an empty PostgreSQL database (its own migrations and seeders),
/// creates one open poll with four options and one account per vote (binary COPY), then sends the
/// votes through the portal's vote service (<see cref="PollVoting"/>, what POST /{lang}/polls/{id}/vote
/// calls), each in its own DI scope and DbContext as a request has, from N concurrent workers. Then
/// replays a share of the votes at once (double submits), and checks the database against every
/// acknowledgement.
/// </summary>
internal static class VoteBurst
{
    private const int Seed = 20261201;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(string connectionString, int votes, int connections, string outFolder, string note)
    {
        var started = Stopwatch.StartNew();
        var dataFolder = Path.Combine(Path.GetTempPath(), "ep-bench-polls-" + Guid.NewGuid().ToString("N"));
        // Development: the host only runs services here (no HTTP), and outside Development the portal
        // refuses to start without a data-protection certificate and the deployment settings.
        var builder = WebApplication.CreateBuilder(["--environment", "Development"]);
        builder.Configuration["Database:Provider"] = "Postgres";
        builder.Configuration["Database:ConnectionString"] = connectionString;
        builder.Configuration["Portal:DataFolder"] = dataFolder;
        builder.Configuration["Outbox:Enabled"] = "false";
        builder.Configuration["Notifications:DigestEnabled"] = "false";
        builder.Configuration["Seeds:DemoData"] = "false";
        builder.Configuration["Serilog:MinimumLevel:Default"] = "Warning";
        builder.AddPortalPlatform();
        builder.Services.AddAdministration();
        builder.Services.AddPolls();
        await using var app = builder.Build();
        await app.Services.GetRequiredService<DatabaseInitializer>().StartingAsync(CancellationToken.None);
        Log(started, "migrated and seeded reference data");

        int pollId;
        int[] optionIds;
        var now = DateTime.UtcNow;
        var users = new Guid[votes];
        var random = new Random(Seed);
        for (var i = 0; i < users.Length; i++)
        {
            users[i] = BenchMachine.NewGuid(random);
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await db.Polls.AnyAsync() || await db.Users.AnyAsync())
            {
                await Console.Error.WriteLineAsync("The database already holds polls or accounts; the benchmark needs an empty portal database.");
                return 1;
            }
            var poll = new Poll
            {
                AgencyId = await db.Agencies.Where(a => a.Code == "moj").Select(a => a.Id).SingleAsync(),
                Question = new LocalizedText("ما الخدمة العدلية الإلكترونية التي ترغب في تطويرها أولًا؟", "Which online justice service would you like improved first?"),
                CreatedAt = now,
                UpdatedAt = now,
            };
            poll.Schedule(now.AddMinutes(-1), now.AddDays(1));
            string[][] texts = [["الوكالات الإلكترونية", "Electronic powers of attorney"], ["صحيفة الدعوى الإلكترونية", "Filing a lawsuit online"], ["الجلسات القضائية عن بعد", "Remote court hearings"], ["التوثيق العقاري", "Real-estate notarisation"]];
            poll.Options.AddRange(texts.Select((t, i) => new PollOption { Position = i + 1, Text = new LocalizedText(t[0], t[1]) }));
            db.Polls.Add(poll);
            await db.SaveChangesAsync();
            pollId = poll.Id;
            optionIds = poll.Options.OrderBy(o => o.Position).Select(o => o.Id).ToArray();
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await BenchMachine.CopyUsersAsync(connection, users, now, "مصوّت", "voter");
            await db.Database.CloseConnectionAsync();
        }
        Log(started, $"created the poll and {votes:N0} accounts");

        // Each account's choice, skewed as real polls are (40/30/20/10).
        var choices = new int[votes];
        for (var i = 0; i < votes; i++)
        {
            var r = random.Next(100);
            choices[i] = optionIds[r < 40 ? 0 : r < 70 ? 1 : r < 90 ? 2 : 3];
        }

        // Warm-up: the JIT and the connection pool, on a poll of its own (deleted before the burst).
        var warmupVotes = Math.Min(5_000, votes);
        var warmupPoll = await CreateWarmupPollAsync(app.Services, now);
        await BurstAsync(app.Services, connections, warmupVotes, i => (warmupPoll.Id, warmupPoll.Options[i % warmupPoll.Options.Length], users[i]));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.PollVotes.Where(v => v.PollId == warmupPoll.Id).ExecuteDeleteAsync();
            await db.Polls.Where(p => p.Id == warmupPoll.Id).ExecuteDeleteAsync();
        }
        Log(started, $"warm-up: {warmupVotes:N0} votes on another poll");

        var load = BenchMachine.LoadAverage();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var burst = await BurstAsync(app.Services, connections, votes, i => (pollId, choices[i], users[i]));
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Log(started, $"burst: {burst.Outcomes.Count(o => o == VoteOutcome.Recorded):N0} recorded in {burst.Elapsed.TotalSeconds:0.0} s ({votes / burst.Elapsed.TotalSeconds:N0} votes/s)");

        // Double submits: a tenth of the voters send the same vote again, all at once.
        var replays = votes / 10;
        var replay = await BurstAsync(app.Services, connections, replays, i => (pollId, choices[i * 10], users[i * 10]));
        Log(started, $"replays: {replays:N0} in {replay.Elapsed.TotalSeconds:0.0} s");

        // The check: one row per acknowledged vote, each with the option acknowledged; results equal rows.
        Dictionary<Guid, int> rows;
        Dictionary<int, int> counted;
        PollResults results;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            rows = await db.PollVotes.AsNoTracking().Where(v => v.PollId == pollId).ToDictionaryAsync(v => v.UserId, v => v.OptionId);
            counted = await db.PollVotes.AsNoTracking().Where(v => v.PollId == pollId).GroupBy(v => v.OptionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
            var poll = await scope.ServiceProvider.GetRequiredService<PollQueries>().FindAsync(pollId);
            var timer = Stopwatch.StartNew();
            results = await scope.ServiceProvider.GetRequiredService<PollQueries>().ResultsAsync(poll!);
            timer.Stop();
            Log(started, $"results of {results.Voters:N0} voters computed in {timer.Elapsed.TotalMilliseconds:0} ms");
        }
        var acknowledged = Enumerable.Range(0, votes).Where(i => burst.Outcomes[i] == VoteOutcome.Recorded).ToList();
        var missing = acknowledged.Count(i => !rows.TryGetValue(users[i], out var option) || option != choices[i]);
        var unacknowledgedStored = Enumerable.Range(0, votes).Count(i => burst.Outcomes[i] != VoteOutcome.Recorded && rows.ContainsKey(users[i]));
        var expectedPerOption = optionIds.ToDictionary(o => o, o => acknowledged.Count(i => choices[i] == o));
        var check = new Check(
            Acknowledged: acknowledged.Count,
            Rows: rows.Count,
            MissingOrWrong: missing,
            StoredWithoutAcknowledgement: unacknowledgedStored,
            ReplaysAnsweredAsChange: replay.Outcomes.Count(o => o == VoteOutcome.Changed),
            ResultsEqualRows: optionIds.All(o => results.Options.Single(r => r.OptionId == o).Votes == counted.GetValueOrDefault(o)) && results.Voters == rows.Count,
            CountsEqualAcknowledged: optionIds.All(o => counted.GetValueOrDefault(o) == expectedPerOption[o]),
            Failures: burst.Outcomes.Where(o => o != VoteOutcome.Recorded).GroupBy(o => o.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            Errors: burst.Errors);
        var passed = check.MissingOrWrong == 0 && check.Rows == check.Acknowledged && check.ResultsEqualRows && check.CountsEqualAcknowledged
            && check.StoredWithoutAcknowledgement == 0 && check.ReplaysAnsweredAsChange == replays;

        var figures = new Figures(
            Votes: votes,
            Connections: connections,
            Seconds: burst.Elapsed.TotalSeconds,
            VotesPerSecond: votes / burst.Elapsed.TotalSeconds,
            P50Ms: BenchMachine.Percentile(burst.Latencies, 0.50),
            P99Ms: BenchMachine.Percentile(burst.Latencies, 0.99),
            MaxMs: burst.Latencies.Max(),
            ReplaysPerSecond: replays / replay.Elapsed.TotalSeconds,
            BenchCpuSeconds: cpuUsed.TotalSeconds,
            LoadAverageBefore: load,
            LoadAverageAfter: BenchMachine.LoadAverage(),
            Cores: Environment.ProcessorCount,
            Check: check,
            Passed: passed,
            Note: note,
            Date: DateTime.UtcNow);
        Directory.CreateDirectory(outFolder);
        await File.WriteAllTextAsync(Path.Combine(outFolder, "polls.json"), JsonSerializer.Serialize(figures, Indented));
        await File.WriteAllTextAsync(Path.Combine(outFolder, "polls.md"), Markdown(figures, results));
        Log(started, passed ? "check passed" : "CHECK FAILED");
        return passed ? 0 : 1;
    }

    private static async Task<(int Id, int[] Options)> CreateWarmupPollAsync(IServiceProvider services, DateTime now)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var poll = new Poll { AgencyId = await db.Agencies.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(), Question = new LocalizedText("إحماء", "Warm-up"), CreatedAt = now, UpdatedAt = now };
        poll.Schedule(now.AddMinutes(-1), now.AddDays(1));
        poll.Options.Add(new PollOption { Position = 1, Text = new LocalizedText("أ", "A") });
        poll.Options.Add(new PollOption { Position = 2, Text = new LocalizedText("ب", "B") });
        db.Polls.Add(poll);
        await db.SaveChangesAsync();
        return (poll.Id, poll.Options.Select(o => o.Id).ToArray());
    }

    private sealed record Burst(VoteOutcome[] Outcomes, double[] Latencies, TimeSpan Elapsed, Dictionary<string, int> Errors);

    /// <summary>Sends <paramref name="count"/> votes from <paramref name="workers"/> concurrent workers, each vote in its own scope.</summary>
    private static async Task<Burst> BurstAsync(IServiceProvider services, int workers, int count, Func<int, (int Poll, int Option, Guid User)> vote)
    {
        var outcomes = new VoteOutcome[count];
        var latencies = new double[count];
        var errors = new ConcurrentDictionary<string, int>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var (poll, option, user) = vote(i);
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await using var scope = services.CreateAsyncScope();
                    outcomes[i] = await scope.ServiceProvider.GetRequiredService<PollVoting>().VoteAsync(poll, option, user);
                }
                catch (Exception e) when (e is DbUpdateException or NpgsqlException or InvalidOperationException or TimeoutException)
                {
                    // Not acknowledged: what a client would get as a 5xx.
                    outcomes[i] = VoteOutcome.NotFound;
                    errors.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
                }
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        })));
        clock.Stop();
        return new Burst(outcomes, latencies, clock.Elapsed, new Dictionary<string, int>(errors));
    }

    private sealed record Check(int Acknowledged, int Rows, int MissingOrWrong, int StoredWithoutAcknowledgement, int ReplaysAnsweredAsChange,
        bool ResultsEqualRows, bool CountsEqualAcknowledged, Dictionary<string, int> Failures, Dictionary<string, int> Errors);

    private sealed record Figures(int Votes, int Connections, double Seconds, double VotesPerSecond, double P50Ms, double P99Ms, double MaxMs,
        double ReplaysPerSecond, double BenchCpuSeconds, string LoadAverageBefore, string LoadAverageAfter, int Cores, Check Check, bool Passed, string Note, DateTime Date);

    private static string Markdown(Figures f, PollResults results)
    {
        var md = new StringBuilder();
        md.AppendLine("# Polls: a burst of votes on one poll");
        md.AppendLine();
        md.AppendLine($"Measured {f.Date:yyyy-MM-dd HH:mm} UTC by `bench/polls/run.sh` ([bench/polls/README.md](../polls/README.md)).");
        md.AppendLine();
        md.AppendLine("| figure | value | target |");
        md.AppendLine("| --- | ---: | --- |");
        md.AppendLine($"| votes in the burst | {f.Votes:N0} | 200,000 |");
        md.AppendLine($"| concurrent connections | {f.Connections} | 32 |");
        md.AppendLine($"| burst duration | {f.Seconds:0.0} s | |");
        md.AppendLine($"| **votes/s** | **{f.VotesPerSecond:N0}** | ≥ 1,000 ({(f.VotesPerSecond >= 1000 ? "met" : "NOT met")}) |");
        md.AppendLine($"| latency p50 / p99 / max | {f.P50Ms:0.0} / {f.P99Ms:0.0} / {f.MaxMs:0} ms | |");
        md.AppendLine($"| replayed votes (double submits) /s | {f.ReplaysPerSecond:N0} | |");
        md.AppendLine();
        md.AppendLine("## Check");
        md.AppendLine();
        md.AppendLine($"- acknowledged votes: {f.Check.Acknowledged:N0}; rows in `PollVotes`: {f.Check.Rows:N0}; acknowledged but missing or with another option: {f.Check.MissingOrWrong}; stored without an acknowledgement: {f.Check.StoredWithoutAcknowledgement}");
        md.AppendLine($"- per-option counts equal to the acknowledged votes per option: {(f.Check.CountsEqualAcknowledged ? "yes" : "NO")}; the results the page shows (`PollQueries.ResultsAsync`) equal the rows: {(f.Check.ResultsEqualRows ? "yes" : "NO")}");
        md.AppendLine($"- replays: {f.Check.ReplaysAnsweredAsChange:N0} of {f.Votes / 10:N0} answered as a change of vote, with no new row");
        md.AppendLine($"- refused or failed in the burst: {(f.Check.Failures.Count == 0 ? "none" : string.Join(", ", f.Check.Failures.Select(x => $"{x.Key} {x.Value}")))}{(f.Check.Errors.Count == 0 ? "" : "; errors: " + string.Join(", ", f.Check.Errors.Select(x => $"{x.Key} {x.Value}")))}");
        md.AppendLine($"- **{(f.Passed ? "every acknowledged vote is counted exactly once" : "CHECK FAILED")}**");
        md.AppendLine();
        md.AppendLine("| option | votes | share |");
        md.AppendLine("| --- | ---: | ---: |");
        foreach (var o in results.Options)
        {
            md.AppendLine($"| {o.Text.En} | {o.Votes:N0} | {o.Share:P1} |");
        }
        md.AppendLine();
        md.AppendLine("## Machine");
        md.AppendLine();
        md.AppendLine($"{f.Cores} cores shared with the other engineers' builds, tests and browsers; load average (1, 5, 15 min) {f.LoadAverageBefore} before the burst, {f.LoadAverageAfter} after. The benchmark process used {f.BenchCpuSeconds:0.0} s of CPU during the burst. PostgreSQL durable as in production (fsync and synchronous_commit on).");
        if (!string.IsNullOrWhiteSpace(f.Note))
        {
            md.AppendLine();
            md.AppendLine(f.Note);
        }
        return md.ToString();
    }

    private static void Log(Stopwatch clock, string message) => Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {message}");
}
