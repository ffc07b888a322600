using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using EParticipation.Bench.Shared;
using EParticipation.Web.Areas.Polls;
using EParticipation.Web.Areas.Polls.Domain;
using EParticipation.Web.Areas.Polls.Models;
using EParticipation.Web.Areas.Polls.Services;
using EParticipation.Web.Data;
using EParticipation.Web.Platform;
using EParticipation.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace EParticipation.Bench.Polls;

/// <summary>The benchmark's settings (bench/polls/run.sh passes them).</summary>
internal sealed record BenchOptions(
    string Connection, string BaseUrl, int Votes, int Connections, string OutFolder, string Note,
    string CertificatePath, string CertificatePassword, int PortalPid, int Postmaster, int ClockTicks, string PortalSettings, string BurstStartedFile);

/// <summary>
/// Against the portal running as in production (Kestrel on a loopback port, started by run.sh):
/// creates one open poll with four options and one confirmed account per vote (binary COPY), signs
/// every account in (<see cref="Sessions"/>), then sends every vote as its browser would, a
/// <c>POST /ar/polls/{id}/vote</c> with the account's cookies and antiforgery token, from 32
/// concurrent connections. Then replays a tenth of the votes at once (double submits), and checks
/// the database against every acknowledgement.
/// </summary>
internal static class VoteBurst
{
    private const int Seed = 20261201;

    /// <summary>Warm-up accounts signed in through SignInManager, against which the minter is checked.</summary>
    private const int RealSignIns = 1_000;

    /// <summary>How far the session minter runs ahead of the burst's votes.</summary>
    internal const int SessionsAhead = 10_000;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(BenchOptions o)
    {
        var started = Stopwatch.StartNew();
        var baseUri = new Uri(o.BaseUrl);
        var dataFolder = Path.Combine(Path.GetTempPath(), "ep-bench-polls-" + Guid.NewGuid().ToString("N"));
        // The portal's services, configured as the running portal is (the same database, key ring
        // and certificate), without a web server: they write the data and sign the accounts in.
        var builder = WebApplication.CreateBuilder(["--environment", "Production"]);
        builder.Configuration["Database:Provider"] = "Postgres";
        builder.Configuration["Database:ConnectionString"] = o.Connection;
        builder.Configuration["Portal:DataFolder"] = dataFolder;
        builder.Configuration["DataProtection:CertificatePath"] = o.CertificatePath;
        builder.Configuration["DataProtection:CertificatePassword"] = o.CertificatePassword;
        builder.Configuration["Security:SecureCookies"] = "false";
        builder.Configuration["Outbox:Enabled"] = "false";
        builder.Configuration["Notifications:DigestEnabled"] = "false";
        builder.Configuration["Serilog:MinimumLevel:Default"] = "Warning";
        builder.AddPortalPlatform();
        builder.Services.AddPolls();
        await using var app = builder.Build();

        int pollId;
        int[] optionIds;
        var now = DateTime.UtcNow;
        var random = new Random(Seed);
        var users = new Guid[o.Votes];
        for (var i = 0; i < users.Length; i++)
        {
            users[i] = BenchMachine.NewGuid(random);
        }
        // The warm-up's voters are other accounts: every account of the burst votes on a session
        // made just before its vote, as a person who signs in (or opens the poll page) and votes.
        var warmupVotes = Math.Min(5_000, o.Votes);
        var warmupUsers = new Guid[warmupVotes];
        for (var i = 0; i < warmupUsers.Length; i++)
        {
            warmupUsers[i] = BenchMachine.NewGuid(random);
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await db.Polls.AnyAsync())
            {
                await Console.Error.WriteLineAsync("The database already holds polls; the benchmark needs an empty portal database.");
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
            optionIds = poll.Options.OrderBy(p => p.Position).Select(p => p.Id).ToArray();
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await BenchMachine.CopyUsersAsync(connection, users, now, "مصوّت", "voter");
            await BenchMachine.CopyUsersAsync(connection, warmupUsers, now, "مصوّت تجريبي", "warmup");
            await db.Database.CloseConnectionAsync();
        }
        Log(started, $"created the poll and {o.Votes + warmupVotes:N0} accounts");

        // The warm-up's accounts: the first ones signed in as the sign-in form does, and the bulk
        // minter checked against them; the rest minted.
        var real = Math.Min(RealSignIns, warmupVotes);
        var signInClock = Stopwatch.StartNew();
        var (realSessions, realCookies) = await Sessions.SignInAsync(app.Services, warmupUsers[..real], Math.Min(o.Connections, 16), baseUri.Authority);
        signInClock.Stop();
        Log(started, $"signed {real:N0} accounts in through SignInManager ({real / signInClock.Elapsed.TotalSeconds:N0}/s)");
        var minter = new Minter(app.Services, baseUri.Authority);
        var warmupAccounts = await Sessions.LoadAsync(app.Services, warmupUsers);
        await minter.CheckAgainstAsync(warmupUsers[..real].Select(u => warmupAccounts[u]).ToList(), realCookies);
        Log(started, $"the minted sessions are the same as those {real:N0} (claims, ticket properties, session row, cookie)");
        var warmupSessions = realSessions.Concat(await minter.MintAsync(warmupUsers[real..].Select(u => warmupAccounts[u]).ToList())).ToArray();
        var accounts = await Sessions.LoadAsync(app.Services, users);
        var stream = new SessionStream(minter, users.Select(u => accounts[u]).ToArray());

        // Each account's choice, skewed as real polls are (40/30/20/10).
        var choices = new int[o.Votes];
        for (var i = 0; i < o.Votes; i++)
        {
            var r = random.Next(100);
            choices[i] = optionIds[r < 40 ? 0 : r < 70 ? 1 : r < 90 ? 2 : 3];
        }

        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = o.Connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        })
        { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(2) };

        // Warm-up: the JIT and the connection pools, on a poll of its own (deleted before the burst).
        var warmupPoll = await CreateWarmupPollAsync(app.Services, now);
        var warm = await BurstAsync(http, o.Connections, warmupVotes, i => new((warmupPoll.Id, warmupPoll.Options[i % warmupPoll.Options.Length], warmupSessions[i])));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.PollVotes.Where(v => v.PollId == warmupPoll.Id).ExecuteDeleteAsync();
            await db.Polls.Where(p => p.Id == warmupPoll.Id).ExecuteDeleteAsync();
        }
        var warmRedirects = warm.Responses.Count(r => r.Status == 302 && r.Location == $"/ar/{PollsModule.Path}/{warmupPoll.Id}#results");
        Log(started, $"warm-up: {warmupVotes:N0} votes on another poll ({warmupVotes / warm.Elapsed.TotalSeconds:N0}/s, {warmRedirects:N0} redirected to the results)");
        if (warmRedirects != warmupVotes)
        {
            await Console.Error.WriteLineAsync("The warm-up's votes were not all accepted: " + string.Join(", ", warm.Responses.GroupBy(r => $"{r.Status} {r.Location}").Select(g => $"{g.Key}: {g.Count()}")));
            return 1;
        }

        // The burst's sessions are minted as it goes, at most SessionsAhead ahead of the votes.
        var mintClock = Stopwatch.StartNew();
        var producer = stream.RunAsync();
        await stream.WaitAsync(Math.Min(SessionsAhead, o.Votes) - 1);
        if (o.BurstStartedFile.Length > 0)
        {
            // For run.sh --trace: a profiler attaches to the portal now.
            await File.WriteAllTextAsync(o.BurstStartedFile, DateTime.UtcNow.ToString("O"));
        }
        var statementsMeasured = await Machine.ResetStatementsAsync(o.Connection);
        var load = BenchMachine.LoadAverage();
        var benchCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var portalBefore = Machine.Ticks(o.PortalPid);
        var pgBefore = o.Postmaster > 0 ? Machine.PostgresTicks(o.Postmaster) : 0;
        var machineBefore = Machine.MachineTicks();
        var burst = await BurstAsync(http, o.Connections, o.Votes, async i => (pollId, choices[i], await stream.WaitAsync(i)), stream.Consumed);
        var machineAfter = Machine.MachineTicks();
        var cpu = new Cpu(
            Portal: (Machine.Ticks(o.PortalPid) - portalBefore) / (double)o.ClockTicks,
            Postgres: o.Postmaster > 0 ? (Machine.PostgresTicks(o.Postmaster) - pgBefore) / (double)o.ClockTicks : 0,
            Bench: (Process.GetCurrentProcess().TotalProcessorTime - benchCpu).TotalSeconds,
            MachineBusyShare: (machineAfter.Busy - machineBefore.Busy) / (double)Math.Max(1, machineAfter.Total - machineBefore.Total),
            MachineBusySeconds: (machineAfter.Busy - machineBefore.Busy) / (double)o.ClockTicks);
        var loadAfter = BenchMachine.LoadAverage();
        var statements = statementsMeasured ? await Machine.StatementsAsync(o.Connection) : [];
        Log(started, $"burst: {o.Votes:N0} posts in {burst.Elapsed.TotalSeconds:0.0} s ({o.Votes / burst.Elapsed.TotalSeconds:N0}/s)");

        // Double submits: a tenth of the voters send the same vote again, all at once.
        var replays = o.Votes / 10;
        await producer;
        mintClock.Stop();
        var replay = await BurstAsync(http, o.Connections, replays, i => new((pollId, choices[i * 10], stream.Sessions[i * 10])));
        Log(started, $"replays: {replays:N0} in {replay.Elapsed.TotalSeconds:0.0} s");

        // What each answer said: a redirect to the poll's results with the flash message in the
        // TempData cookie, read with the portal's own TempData provider and key ring.
        var flash = new Flash(app.Services, pollId);
        var outcomes = burst.Responses.Select(flash.Outcome).ToArray();
        var replayOutcomes = replay.Responses.Select(flash.Outcome).ToArray();

        // The check: one row per acknowledged vote, each with the option acknowledged; results equal rows.
        Dictionary<Guid, int> rows;
        Dictionary<int, int> counted;
        PollResults results;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            rows = await db.PollVotes.AsNoTracking().Where(v => v.PollId == pollId).ToDictionaryAsync(v => v.UserId, v => v.OptionId);
            counted = await db.PollVotes.AsNoTracking().Where(v => v.PollId == pollId).GroupBy(v => v.OptionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
            var queries = scope.ServiceProvider.GetRequiredService<PollQueries>();
            results = await queries.ResultsAsync((await queries.FindAsync(pollId))!);
        }
        var acknowledged = Enumerable.Range(0, o.Votes).Where(i => outcomes[i] == "recorded").ToList();
        var missing = acknowledged.Count(i => !rows.TryGetValue(users[i], out var option) || option != choices[i]);
        var unacknowledgedStored = Enumerable.Range(0, o.Votes).Count(i => outcomes[i] != "recorded" && rows.ContainsKey(users[i]));
        var expectedPerOption = optionIds.ToDictionary(p => p, p => acknowledged.Count(i => choices[i] == p));
        var check = new Check(
            Acknowledged: acknowledged.Count,
            Rows: rows.Count,
            MissingOrWrong: missing,
            StoredWithoutAcknowledgement: unacknowledgedStored,
            ReplaysAnsweredAsChange: replayOutcomes.Count(r => r == "changed"),
            ResultsEqualRows: optionIds.All(p => results.Options.Single(r => r.OptionId == p).Votes == counted.GetValueOrDefault(p)) && results.Voters == rows.Count,
            CountsEqualAcknowledged: optionIds.All(p => counted.GetValueOrDefault(p) == expectedPerOption[p]),
            Failures: outcomes.Concat(replayOutcomes).Where(r => r is not ("recorded" or "changed")).GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count()),
            BurstNotRecorded: outcomes.Count(r => r != "recorded"),
            Errors: burst.Errors.Concat(replay.Errors).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value)),
            SessionsRenewed: burst.Responses.Count(r => r.Renewed),
            ReplaysRenewed: replay.Responses.Count(r => r.Renewed));
        var passed = check.MissingOrWrong == 0 && check.Rows == check.Acknowledged && check.Acknowledged == o.Votes && check.ResultsEqualRows
            && check.CountsEqualAcknowledged && check.StoredWithoutAcknowledgement == 0 && check.ReplaysAnsweredAsChange == replays;

        var totalCalls = statements.Sum(s => s.Calls);
        var figures = new Figures(
            Votes: o.Votes,
            Connections: o.Connections,
            Seconds: burst.Elapsed.TotalSeconds,
            VotesPerSecond: o.Votes / burst.Elapsed.TotalSeconds,
            P50Ms: BenchMachine.Percentile(burst.Latencies, 0.50),
            P99Ms: BenchMachine.Percentile(burst.Latencies, 0.99),
            MaxMs: burst.Latencies.Max(),
            ReplaysPerSecond: replays / replay.Elapsed.TotalSeconds,
            RealSignIns: real,
            RealSignInsPerSecond: real / signInClock.Elapsed.TotalSeconds,
            MintedPerSecond: stream.MintedPerSecond,
            Cpu: cpu,
            StatementsPerVote: totalCalls / (double)o.Votes,
            Statements: statements.Take(12).Select(s => s with { Query = s.Query.Length > 300 ? s.Query[..300] + " …" : s.Query }).ToList(),
            LoadAverageBefore: load,
            LoadAverageAfter: loadAfter,
            Cores: Environment.ProcessorCount,
            PortalSettings: o.PortalSettings,
            Check: check,
            Passed: passed,
            Note: o.Note,
            Date: DateTime.UtcNow);
        Directory.CreateDirectory(o.OutFolder);
        await File.WriteAllTextAsync(Path.Combine(o.OutFolder, "polls.json"), JsonSerializer.Serialize(figures, Indented));
        await File.WriteAllTextAsync(Path.Combine(o.OutFolder, "polls.md"), Markdown(figures, results));
        Log(started, passed ? "check passed" : "CHECK FAILED");
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
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
        return (poll.Id, poll.Options.Select(p => p.Id).ToArray());
    }

    /// <summary>One answer to a vote: status, where it redirects, the TempData cookie it sets, and whether it renewed the sign-in cookie.</summary>
    internal sealed record Response(int Status, string? Location, string? TempData, bool Renewed);

    private sealed record Burst(Response[] Responses, double[] Latencies, TimeSpan Elapsed, Dictionary<string, int> Errors);

    /// <summary>Posts <paramref name="count"/> votes over <paramref name="workers"/> concurrent connections, each worker one request at a time.</summary>
    private static async Task<Burst> BurstAsync(HttpClient http, int workers, int count, Func<int, ValueTask<(int Poll, int Option, BrowserSession Session)>> vote, Action<int>? progress = null)
    {
        var responses = new Response[count];
        var latencies = new double[count];
        var errors = new ConcurrentDictionary<string, int>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                progress?.Invoke(i);
                var (poll, option, session) = await vote(i);
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"/ar/{PollsModule.Path}/{poll}/vote");
                    request.Headers.TryAddWithoutValidation("Cookie", session.Cookie);
                    request.Content = new FormUrlEncodedContent([
                        new("optionId", option.ToString(CultureInfo.InvariantCulture)),
                        new("__RequestVerificationToken", session.RequestToken)]);
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    string? tempData = null;
                    var renewed = false;
                    if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
                    {
                        foreach (var cookie in cookies)
                        {
                            if (cookie.StartsWith("ep-tempdata=", StringComparison.Ordinal))
                            {
                                tempData = cookie["ep-tempdata=".Length..cookie.IndexOf(';', StringComparison.Ordinal)];
                            }
                            renewed |= cookie.StartsWith("ep-auth=", StringComparison.Ordinal);
                        }
                    }
                    responses[i] = new Response((int)response.StatusCode, response.Headers.Location?.OriginalString, tempData, renewed);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    // Not acknowledged: what a browser would show as a failed request.
                    responses[i] = new Response(0, null, null, false);
                    errors.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
                }
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        })));
        clock.Stop();
        return new Burst(responses, latencies, clock.Elapsed, new Dictionary<string, int>(errors));
    }

    /// <summary>Tells "recorded" from "changed" by the flash message the portal put in its TempData cookie.</summary>
    private sealed class Flash
    {
        private readonly IServiceProvider _services;
        private readonly ITempDataProvider _tempData;
        private readonly string _results;
        private readonly string _recorded;
        private readonly string _changed;

        public Flash(IServiceProvider services, int pollId)
        {
            _services = services;
            _tempData = services.GetRequiredService<ITempDataProvider>();
            _results = $"/ar/{PollsModule.Path}/{pollId}#results";
            var culture = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = PortalCultures.For("ar");
            var t = services.GetRequiredService<IStringLocalizer<PollsResource>>();
            _recorded = t["Thank you: your vote has been recorded."];
            _changed = t["Your vote has been changed."];
            CultureInfo.CurrentUICulture = culture;
        }

        public string Outcome(Response response)
        {
            if (response.Status == 0)
            {
                return "no answer";
            }
            if (response.Status != 302 || response.Location != _results)
            {
                return response.Status == 302 ? $"302 to {response.Location}" : $"HTTP {response.Status}";
            }
            if (response.TempData is null)
            {
                return "redirect without a message";
            }
            var context = new DefaultHttpContext { RequestServices = _services };
            context.Request.Headers.Cookie = "ep-tempdata=" + response.TempData;
            var message = _tempData.LoadTempData(context).TryGetValue("flash", out var value) ? value?.ToString() : null;
            return message == _recorded ? "recorded" : message == _changed ? "changed" : $"message: {message}";
        }
    }

    private sealed record Cpu(double Portal, double Postgres, double Bench, double MachineBusyShare, double MachineBusySeconds);

    private sealed record Check(int Acknowledged, int Rows, int MissingOrWrong, int StoredWithoutAcknowledgement, int ReplaysAnsweredAsChange,
        bool ResultsEqualRows, bool CountsEqualAcknowledged, Dictionary<string, int> Failures, int BurstNotRecorded, Dictionary<string, int> Errors, int SessionsRenewed, int ReplaysRenewed);

    private sealed record Figures(int Votes, int Connections, double Seconds, double VotesPerSecond, double P50Ms, double P99Ms, double MaxMs,
        double ReplaysPerSecond, int RealSignIns, double RealSignInsPerSecond, double MintedPerSecond, Cpu Cpu, double StatementsPerVote, List<Machine.Statement> Statements,
        string LoadAverageBefore, string LoadAverageAfter, int Cores, string PortalSettings, Check Check, bool Passed, string Note, DateTime Date);

    private static string Markdown(Figures f, PollResults results)
    {
        var md = new StringBuilder();
        md.AppendLine("# Polls: a burst of votes on one poll, over HTTP");
        md.AppendLine();
        md.AppendLine($"Measured {f.Date:yyyy-MM-dd HH:mm} UTC by `bench/polls/run.sh` ([bench/polls/README.md](../polls/README.md)): every vote a");
        md.AppendLine("`POST /ar/polls/{id}/vote` from its own signed-in account (sign-in cookie, antiforgery cookie and token), to the portal");
        md.AppendLine("published in Release and started as in production (Kestrel on a loopback port, PostgreSQL durable), at 32 concurrent connections.");
        md.AppendLine();
        md.AppendLine("| figure | value | target |");
        md.AppendLine("| --- | ---: | --- |");
        md.AppendLine($"| votes in the burst (one per account) | {f.Votes:N0} | 200,000 |");
        md.AppendLine($"| concurrent connections | {f.Connections} | 32 |");
        md.AppendLine($"| burst duration | {f.Seconds:0.0} s | |");
        md.AppendLine($"| **votes/s** | **{f.VotesPerSecond:N0}** | ≥ 1,000 ({(f.VotesPerSecond >= 1000 ? "met" : "NOT met")}) |");
        md.AppendLine($"| latency p50 / p99 / max (client side) | {f.P50Ms:0.0} / {f.P99Ms:0.0} / {f.MaxMs:0} ms | |");
        md.AppendLine($"| replayed votes (double submits, sessions by then over a minute old) /s | {f.ReplaysPerSecond:N0} | |");
        md.AppendLine($"| SQL statements per vote (pg_stat_statements, burst) | {f.StatementsPerVote:0.00} | |");
        md.AppendLine($"| sessions: warm-up accounts signed in through SignInManager (no password hash; README) | {f.RealSignIns:N0} at {f.RealSignInsPerSecond:N0}/s | |");
        md.AppendLine($"| sessions: the burst's accounts, minted as it went (checked against those) | {f.Votes:N0} at {f.MintedPerSecond:N0}/s while minting | |");
        md.AppendLine();
        md.AppendLine("## Check");
        md.AppendLine();
        md.AppendLine($"- acknowledged votes (302 to the results with the \"recorded\" message): {f.Check.Acknowledged:N0}; rows in `PollVotes`: {f.Check.Rows:N0}; acknowledged but missing or with another option: {f.Check.MissingOrWrong}; stored without an acknowledgement: {f.Check.StoredWithoutAcknowledgement}");
        md.AppendLine($"- per-option counts equal to the acknowledged votes per option: {(f.Check.CountsEqualAcknowledged ? "yes" : "NO")}; the results the page shows (`PollQueries.ResultsAsync`) equal the rows: {(f.Check.ResultsEqualRows ? "yes" : "NO")}");
        md.AppendLine($"- replays: {f.Check.ReplaysAnsweredAsChange:N0} of {f.Votes / 10:N0} answered as a change of vote (\"changed\" message), with no new row");
        md.AppendLine($"- not acknowledged (burst and replays): {(f.Check.Failures.Count == 0 ? "none" : string.Join(", ", f.Check.Failures.Select(x => $"{x.Key}: {x.Value}")))}{(f.Check.Errors.Count == 0 ? "" : "; client errors: " + string.Join(", ", f.Check.Errors.Select(x => $"{x.Key} {x.Value}")))}");
        md.AppendLine($"- answers that also renewed the sign-in cookie (Identity's security-stamp check, once a minute per session): {f.Check.SessionsRenewed:N0} in the burst, {f.Check.ReplaysRenewed:N0} of the replays");
        md.AppendLine($"- **{(f.Passed ? "every vote acknowledged, and every acknowledged vote counted exactly once" : "CHECK FAILED")}**");
        md.AppendLine();
        md.AppendLine("| option | votes | share |");
        md.AppendLine("| --- | ---: | ---: |");
        foreach (var o in results.Options)
        {
            md.AppendLine($"| {o.Text.En} | {o.Votes:N0} | {o.Share:P1} |");
        }
        md.AppendLine();
        md.AppendLine("## Machine and where the time went");
        md.AppendLine();
        md.AppendLine($"{f.Cores} cores shared with the other engineers' builds, tests and browsers. Load average (1, 5, 15 min) {f.LoadAverageBefore} before the burst, {f.LoadAverageAfter} after; the machine's cores were {f.Cpu.MachineBusyShare:P0} busy during the burst ({f.Cpu.MachineBusySeconds:0} core-seconds in {f.Seconds:0} s).");
        md.AppendLine();
        md.AppendLine("| process | CPU during the burst | per vote |");
        md.AppendLine("| --- | ---: | ---: |");
        md.AppendLine($"| portal (Kestrel, ASP.NET Core) | {f.Cpu.Portal:0.0} s | {f.Cpu.Portal * 1000 / f.Votes:0.00} ms |");
        md.AppendLine($"| PostgreSQL (all backends) | {f.Cpu.Postgres:0.0} s | {f.Cpu.Postgres * 1000 / f.Votes:0.00} ms |");
        md.AppendLine($"| the benchmark's HTTP client | {f.Cpu.Bench:0.0} s | {f.Cpu.Bench * 1000 / f.Votes:0.00} ms |");
        md.AppendLine($"| everything else on the machine | {Math.Max(0, f.Cpu.MachineBusySeconds - f.Cpu.Portal - f.Cpu.Postgres - f.Cpu.Bench):0.0} s | |");
        md.AppendLine();
        if (f.Statements.Count > 0)
        {
            md.AppendLine("Statements during the burst (pg_stat_statements, costliest first):");
            md.AppendLine();
            md.AppendLine("| calls | total ms | mean ms | statement |");
            md.AppendLine("| ---: | ---: | ---: | --- |");
            foreach (var s in f.Statements)
            {
                md.AppendLine($"| {s.Calls:N0} | {s.TotalMs:N0} | {s.MeanMs:0.000} | `{s.Query.Replace("|", "\\|", StringComparison.Ordinal)}` |");
            }
            md.AppendLine();
        }
        md.AppendLine($"Portal settings: `{f.PortalSettings}`");
        if (!string.IsNullOrWhiteSpace(f.Note))
        {
            md.AppendLine();
            md.AppendLine(f.Note);
        }
        return md.ToString();
    }

    private static void Log(Stopwatch clock, string message) => Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {message}");
}
