using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using EParticipation.Bench.Shared;
using EParticipation.Web.Areas.Admin;
using EParticipation.Web.Areas.Ideas;
using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Areas.Ideas.Models;
using EParticipation.Web.Areas.Ideas.Services;
using EParticipation.Web.Data;
using EParticipation.Web.Platform;
using EParticipation.Web.Platform.Seeding;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace EParticipation.Bench.Ideas;

/// <summary>
/// Starts the portal's services on an empty PostgreSQL database (its own migrations and seeders), writes
/// the ideas through the domain (<see cref="Idea.Write"/> computes the normalised title, search text and the title's words and pairs of words)
/// and the accounts and supports with binary COPY, sets each idea's counter from its rows, then measures
/// through the services the pages call, each call in its own DI scope and DbContext as a request has:
/// the list sorted by support (<see cref="IdeaQueries.ListAsync"/>, GET /{lang}/ideas?sort=supported),
/// supports (<see cref="IdeaSubmissions.SupportAsync"/>, POST /{lang}/ideas/{id}/support) and the
/// similar-idea suggestions (<see cref="IdeaQueries.SimilarAsync"/>, GET /{lang}/ideas/similar?title=).
/// </summary>
internal static class IdeasBench
{
    private const int Seed = 20261201;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // Words of idea titles about public services, as participants write them.
    private static readonly string[] Vocabulary =
    [
        "حجز", "المواعيد", "الإلكتروني", "تطبيق", "منصة", "خدمة", "المحاكم", "الجلسات", "المرئية", "تذكير", "رسالة", "نصية", "الوكالة",
        "الصك", "التوثيق", "العقاري", "الانتظار", "كبار", "السن", "ذوي", "الإعاقة", "المدارس", "النقل", "الحافلات", "المواقف", "الحدائق",
        "الإنارة", "الطرق", "الأرصفة", "المستشفيات", "المراجعين", "الصيدليات", "الوصفات", "المواطنين", "المقيمين", "الزوار", "البلدية",
        "رخص", "البناء", "المحلات", "التجارية", "الشكاوى", "البلاغات", "متابعة", "الطلبات", "تقليل", "الزحام", "توحيد", "النماذج", "اختصار",
        "الإجراءات", "الدفع", "الرسوم", "الاستعلام", "الهوية", "الرقمية", "التدريب", "الشباب", "التوظيف", "العمل", "عن", "بعد", "المكتبات",
        "العامة", "النظافة", "إعادة", "التدوير", "المياه", "الكهرباء", "الطاقة", "الشمسية", "السلامة", "المرورية", "الإسعاف", "الطوارئ",
    ];

    public sealed record Plan(string Connection, int Ideas, int Supports, int Burst, int Requests, int Connections, string OutFolder, string Note);

    public static async Task<int> RunAsync(Plan plan)
    {
        var started = Stopwatch.StartNew();
        var dataFolder = Path.Combine(Path.GetTempPath(), "ep-bench-ideas-" + Guid.NewGuid().ToString("N"));
        // Development: the host only runs services here (no HTTP), and outside Development the portal
        // refuses to start without a data-protection certificate and the deployment settings.
        var builder = WebApplication.CreateBuilder(["--environment", "Development"]);
        builder.Configuration["Database:Provider"] = "Postgres";
        builder.Configuration["Database:ConnectionString"] = plan.Connection;
        builder.Configuration["Portal:DataFolder"] = dataFolder;
        builder.Configuration["Outbox:Enabled"] = "false";
        builder.Configuration["Notifications:DigestEnabled"] = "false";
        builder.Configuration["Seeds:DemoData"] = "false";
        builder.Configuration["Serilog:MinimumLevel:Default"] = "Warning";
        builder.AddPortalPlatform();
        builder.Services.AddAdministration();
        builder.Services.AddIdeas();
        await using var app = builder.Build();
        await app.Services.GetRequiredService<DatabaseInitializer>().StartingAsync(CancellationToken.None);
        Log(started, "migrated and seeded reference data");

        var random = new Random(Seed);
        var now = DateTime.UtcNow;
        // Accounts: enough that the most supported idea can have 2,000 distinct supporters, and a
        // separate set for the burst, whose supports are therefore all new.
        var baseUsers = Math.Max(2_000, Math.Min(50_000, plan.Supports / 20));
        var burstUsers = Math.Max(1, plan.Burst / 10);
        var users = Enumerable.Range(0, baseUsers + burstUsers).Select(_ => BenchMachine.NewGuid(random)).ToArray();
        int[] ideaIds;
        int agencyId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await db.Ideas.AnyAsync() || await db.Users.AnyAsync())
            {
                await Console.Error.WriteLineAsync("The database already holds ideas or accounts; the benchmark needs an empty portal database.");
                return 1;
            }
            agencyId = await db.Agencies.Where(a => a.Code == "moj").Select(a => a.Id).SingleAsync();
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await BenchMachine.CopyUsersAsync(connection, users, now, "مشارك", "supporter");
            await db.Database.CloseConnectionAsync();
        }
        Log(started, $"created {users.Length:N0} accounts");

        var agencies = await Scoped(app.Services, db => db.Agencies.OrderBy(a => a.Id).Select(a => a.Id).ToArrayAsync());
        var sectors = await Scoped(app.Services, db => db.Sectors.OrderBy(s => s.Id).Select(s => s.Id).ToArrayAsync());
        var titles = new string[plan.Ideas];
        for (var i = 0; i < plan.Ideas; i++)
        {
            titles[i] = string.Join(' ', Enumerable.Range(0, random.Next(4, 8)).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));
        }
        const int batch = 2_000;
        for (var from = 0; from < plan.Ideas; from += batch)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var written = new List<(Idea Idea, List<IdeaWord> Words, List<IdeaWordPair> Pairs, List<IdeaWordTriple> Triples)>();
            for (var i = from; i < Math.Min(plan.Ideas, from + batch); i++)
            {
                var at = now.AddMinutes(-(plan.Ideas - i));
                var idea = new Idea
                {
                    // Half of the ideas at one agency (the Ministry of Justice), as a busy agency would have.
                    AgencyId = i % 2 == 0 ? agencyId : agencies[i % agencies.Length],
                    SectorId = sectors[i % sectors.Length],
                    AuthorId = users[i % baseUsers],
                    DisplayName = "مشارك " + i,
                    Visibility = IdeaVisibility.Published,
                    Status = (IdeaStatus)(i % 5),
                    SubmissionKey = BenchMachine.NewGuid(random),
                    CreatedAt = at,
                    StatusChangedAt = at,
                };
                idea.Write(titles[i], "المشكلة كما يصفها المشارك: " + titles[i], "المقترح: " + titles[i], "فائدة للمستفيدين");
                // The title's words, pairs and threes that Write computed are loaded with COPY once the
                // idea has its id: through EF they are about 40 rows per idea, most of the data's loading time.
                written.Add((idea, [.. idea.Words], [.. idea.WordPairs], [.. idea.WordTriples]));
                idea.Words.Clear();
                idea.WordPairs.Clear();
                idea.WordTriples.Clear();
                db.Ideas.Add(idea);
            }
            await db.SaveChangesAsync();
            await CopyTitleIndexAsync(db, written);
        }
        ideaIds = await Scoped(app.Services, db => db.Ideas.OrderBy(i => i.Id).Select(i => i.Id).ToArrayAsync());
        Log(started, $"wrote {ideaIds.Length:N0} ideas");

        // Supports: skewed (a few ideas very popular, most with a handful), distinct supporters per idea
        // (a stride coprime with the number of accounts), stopping at the planned total.
        var perIdea = new int[ideaIds.Length];
        long planned = 0;
        for (var i = 0; i < perIdea.Length && planned < plan.Supports; i++)
        {
            var n = (int)Math.Min(Math.Min(2_000, baseUsers), Math.Round(-Math.Log(1 - random.NextDouble()) * plan.Supports / (double)ideaIds.Length));
            n = (int)Math.Min(n, plan.Supports - planned);
            perIdea[i] = n;
            planned += n;
        }
        for (var i = 0; planned < plan.Supports; i = (i + 1) % perIdea.Length)
        {
            if (perIdea[i] < Math.Min(2_000, baseUsers))
            {
                perIdea[i]++;
                planned++;
            }
        }
        var stride = 7919 % baseUsers == 0 ? 1 : 7919;
        while (Gcd(stride, baseUsers) != 1)
        {
            stride += 2;
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // Loading a million rows and setting 100,000 counters takes minutes on a busy machine.
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using (var writer = await connection.BeginBinaryImportAsync("""COPY "IdeaSupports" ("IdeaId", "UserId", "CreatedAt") FROM STDIN (FORMAT BINARY)"""))
            {
                for (var i = 0; i < ideaIds.Length; i++)
                {
                    var start = random.Next(baseUsers);
                    for (var j = 0; j < perIdea[i]; j++)
                    {
                        await writer.StartRowAsync();
                        await writer.WriteAsync(ideaIds[i], NpgsqlDbType.Integer);
                        await writer.WriteAsync(users[(int)((start + (long)j * stride) % baseUsers)], NpgsqlDbType.Uuid);
                        await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                    }
                }
                await writer.CompleteAsync();
            }
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Ideas" i SET "SupportCount" = s.n FROM (SELECT "IdeaId", count(*) AS n FROM "IdeaSupports" GROUP BY "IdeaId") s WHERE s."IdeaId" = i."Id" """);
            // What autovacuum would have done by then: statistics, and the visibility map the index-only scans use.
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE)");
            await db.Database.CloseConnectionAsync();
        }
        var supportRows = await Scoped(app.Services, db => db.IdeaSupports.LongCountAsync());
        Log(started, $"wrote {supportRows:N0} supports and set the counters");

        // Warm-up: the JIT, the connection pool and the database's cache.
        await TimedAsync(app.Services, plan.Connections, Math.Min(500, plan.Requests), (sp, i) => sp.GetRequiredService<IdeaQueries>().ListAsync(ListQuery(i), CancellationToken.None));
        await TimedAsync(app.Services, plan.Connections, Math.Min(500, plan.Requests), (sp, i) => sp.GetRequiredService<IdeaQueries>().SimilarAsync(Typed(titles, i), null, CancellationToken.None));
        Log(started, "warm-up done");

        var loadBefore = BenchMachine.LoadAverage();
        var list = await TimedAsync(app.Services, plan.Connections, plan.Requests, (sp, i) => sp.GetRequiredService<IdeaQueries>().ListAsync(ListQuery(i), CancellationToken.None));
        Log(started, $"list sorted by support: p99 {BenchMachine.Percentile(list.Latencies, 0.99):0.0} ms");
        var similar = await TimedAsync(app.Services, plan.Connections, plan.Requests, (sp, i) => sp.GetRequiredService<IdeaQueries>().SimilarAsync(Typed(titles, i * 7), null, CancellationToken.None));
        Log(started, $"similar while typing: p99 {BenchMachine.Percentile(similar.Latencies, 0.99):0.0} ms");
        var similarAgency = await TimedAsync(app.Services, plan.Connections, plan.Requests, (sp, i) => sp.GetRequiredService<IdeaQueries>().SimilarAsync(Typed(titles, i * 11), agencyId, CancellationToken.None));

        // The burst: new supporters, a fifth of their supports on the 100 most supported ideas (contention
        // on the same counter rows), the rest anywhere.
        var popular = await Scoped(app.Services, db => db.Ideas.OrderByDescending(i => i.SupportCount).Take(100).Select(i => i.Id).ToArrayAsync());
        var pairs = new (int Idea, Guid User)[plan.Burst];
        for (var k = 0; k < plan.Burst; k++)
        {
            var user = users[baseUsers + k / 10];
            var idea = k % 5 == 0 ? popular[(k / 5) % popular.Length] : ideaIds[random.Next(ideaIds.Length)];
            pairs[k] = (idea, user);
        }
        pairs = pairs.DistinctBy(p => p).ToArray();
        var outcomes = new SupportOutcome[pairs.Length];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var burst = await TimedAsync(app.Services, plan.Connections, pairs.Length, async (sp, i) => outcomes[i] = await sp.GetRequiredService<IdeaSubmissions>().SupportAsync(pairs[i].Idea, pairs[i].User, CancellationToken.None));
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Log(started, $"supports: {pairs.Length / burst.Elapsed.TotalSeconds:N0}/s");
        var loadAfter = BenchMachine.LoadAverage();

        var (mismatched, rows, counted) = await Scoped(app.Services, async db =>
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            var wrong = await db.Ideas.CountAsync(i => i.SupportCount != db.IdeaSupports.Count(s => s.IdeaId == i.Id));
            return (wrong, await db.IdeaSupports.LongCountAsync(), await db.Ideas.SumAsync(i => (long)i.SupportCount));
        });
        var acknowledged = outcomes.Count(o => o == SupportOutcome.Done);
        var check = new Check(acknowledged, rows - supportRows, mismatched, rows, counted, burst.Errors);
        var passed = mismatched == 0 && rows == counted && rows - supportRows == acknowledged && burst.Errors.Count == 0;

        // The database connections the portal's services may open at once (the portal's default unless
        // the connection string given to the benchmark says otherwise): the callers beyond it wait their turn.
        var poolSize = await Scoped(app.Services, db => Task.FromResult(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).MaxPoolSize));
        var figures = new Figures(
            plan.Ideas, supportRows, users.Length, plan.Connections, poolSize, plan.Requests,
            Stats(list), Stats(similar), Stats(similarAgency),
            pairs.Length, burst.Elapsed.TotalSeconds, pairs.Length / burst.Elapsed.TotalSeconds, Stats(burst),
            cpuUsed.TotalSeconds, loadBefore, loadAfter, Environment.ProcessorCount, check, passed, plan.Note, DateTime.UtcNow);
        Directory.CreateDirectory(plan.OutFolder);
        await File.WriteAllTextAsync(Path.Combine(plan.OutFolder, "ideas.json"), JsonSerializer.Serialize(figures, Indented));
        await File.WriteAllTextAsync(Path.Combine(plan.OutFolder, "ideas.md"), Markdown(figures));
        Log(started, passed ? "check passed" : "CHECK FAILED");
        return passed ? 0 : 1;
    }

    private static async Task CopyTitleIndexAsync(AppDbContext db, List<(Idea Idea, List<IdeaWord> Words, List<IdeaWordPair> Pairs, List<IdeaWordTriple> Triples)> written)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using (var writer = await connection.BeginBinaryImportAsync("""COPY "IdeaWords" ("IdeaId", "AgencyId", "Word", "Head", "WordCount") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var (idea, words, _, _) in written)
            {
                foreach (var w in words)
                {
                    await writer.WriteRowAsync(default, idea.Id, idea.AgencyId, w.Word, w.Head, w.WordCount);
                }
            }
            await writer.CompleteAsync();
        }
        await using (var writer = await connection.BeginBinaryImportAsync("""COPY "IdeaWordPairs" ("IdeaId", "AgencyId", "Pair", "WordCount") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var (idea, _, pairs, _) in written)
            {
                foreach (var p in pairs)
                {
                    await writer.WriteRowAsync(default, idea.Id, idea.AgencyId, p.Pair, p.WordCount);
                }
            }
            await writer.CompleteAsync();
        }
        await using (var writer = await connection.BeginBinaryImportAsync("""COPY "IdeaWordTriples" ("IdeaId", "AgencyId", "Triple", "WordCount") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var (idea, _, _, triples) in written)
            {
                foreach (var t in triples)
                {
                    await writer.WriteRowAsync(default, idea.Id, idea.AgencyId, t.Triple, t.WordCount);
                }
            }
            await writer.CompleteAsync();
        }
        await db.Database.CloseConnectionAsync();
    }

    // The first pages are what people read: page 1 most of the time, sometimes 2 to 5.
    private static IdeaListQuery ListQuery(int i) => new() { Sort = IdeaListQuery.MostSupported, Page = i % 4 == 0 ? 2 + (i / 4) % 4 : 1 };

    // What the page sends while someone types a title: the first words of a title, growing word by word.
    private static string Typed(string[] titles, int i)
    {
        var words = titles[i % titles.Length].Split(' ');
        return string.Join(' ', words.Take(2 + i % Math.Max(1, words.Length - 1)));
    }

    /// <summary>A measured phase: each call's latency, the wall time, the errors, and the CPU milliseconds used by this process (the portal's services and the load generator) and by PostgreSQL.</summary>
    private sealed record Timed(double[] Latencies, TimeSpan Elapsed, Dictionary<string, int> Errors, double ProcessCpuMs, double PostgresCpuMs, double GcPauseMs, int Gen2Collections);

    private static async Task<Timed> TimedAsync<T>(IServiceProvider services, int workers, int count, Func<IServiceProvider, int, Task<T>> call)
    {
        var latencies = new double[count];
        var errors = new ConcurrentDictionary<string, int>();
        var next = -1;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var pgBefore = BenchMachine.PostgresCpuMs();
        var pauseBefore = GC.GetTotalPauseDuration();
        var gen2Before = GC.CollectionCount(2);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await using var scope = services.CreateAsyncScope();
                    await call(scope.ServiceProvider, i);
                }
                catch (Exception e) when (e is DbUpdateException or NpgsqlException or InvalidOperationException or TimeoutException)
                {
                    errors.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
                }
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        })));
        clock.Stop();
        process.Refresh();
        return new Timed(latencies, clock.Elapsed, new Dictionary<string, int>(errors),
            (process.TotalProcessorTime - cpuBefore).TotalMilliseconds, BenchMachine.PostgresCpuMs() - pgBefore,
            (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds, GC.CollectionCount(2) - gen2Before);
    }

    private static async Task<T> Scoped<T>(IServiceProvider services, Func<AppDbContext, Task<T>> read)
    {
        await using var scope = services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private sealed record Latency(double P50Ms, double P99Ms, double MaxMs, double PerSecond, double ProcessCpuMsPerCall, double PostgresCpuMsPerCall, double GcPauseMs, int Gen2Collections);

    private static Latency Stats(Timed t) =>
        new(BenchMachine.Percentile(t.Latencies, 0.50), BenchMachine.Percentile(t.Latencies, 0.99), t.Latencies.Max(), t.Latencies.Length / t.Elapsed.TotalSeconds,
            t.ProcessCpuMs / t.Latencies.Length, t.PostgresCpuMs / t.Latencies.Length, t.GcPauseMs, t.Gen2Collections);

    private sealed record Check(int Acknowledged, long NewRows, int IdeasWhoseCounterDiffers, long SupportRows, long CountersTotal, Dictionary<string, int> Errors);

    private sealed record Figures(int Ideas, long Supports, int Accounts, int Connections, int DatabaseConnections, int Requests,
        Latency List, Latency Similar, Latency SimilarInAgency,
        int BurstSupports, double BurstSeconds, double SupportsPerSecond, Latency Support,
        double BenchCpuSeconds, string LoadAverageBefore, string LoadAverageAfter, int Cores, Check Check, bool Passed, string Note, DateTime Date);

    private static string Met(bool met) => met ? "met" : "NOT met";

    // CPU per call: this process (the portal's services and the load generator) and PostgreSQL.
    private static string Cpu(Latency l) => $"{l.ProcessCpuMsPerCall:0.00} + {l.PostgresCpuMsPerCall:0.00} ms";

    // The garbage collector's pauses in the phase (all of them, in total) and how many were full collections.
    private static string Gc(Latency l) => $"{l.GcPauseMs:0} ms ({l.Gen2Collections} full)";

    private static string Markdown(Figures f)
    {
        var md = new StringBuilder();
        md.AppendLine("# Ideas: the list by support, supports, similar ideas while typing");
        md.AppendLine();
        md.AppendLine($"Measured {f.Date:yyyy-MM-dd HH:mm} UTC by `bench/ideas/run.sh` ([bench/ideas/README.md](../ideas/README.md)): {f.Ideas:N0} published ideas, {f.Supports:N0} supports by {f.Accounts:N0} accounts, {f.Connections} concurrent callers sharing at most {f.DatabaseConnections} database connections (the portal's own bound, `DatabaseSetup.DefaultMaxPoolSize`, unless the connection string sets another), {f.Requests:N0} measured calls per read figure, through the portal's services on PostgreSQL (no HTTP).");
        md.AppendLine();
        md.AppendLine("| figure | p50 | p99 | max | calls/s | CPU per call: this process + PostgreSQL | GC pauses in the phase | target |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        md.AppendLine($"| ideas list sorted by support (`IdeaQueries.ListAsync`, pages 1-5) | {f.List.P50Ms:0.0} ms | **{f.List.P99Ms:0.0} ms** | {f.List.MaxMs:0} ms | {f.List.PerSecond:N0} | {Cpu(f.List)} | {Gc(f.List)} | p99 < 100 ms ({Met(f.List.P99Ms < 100)}) |");
        md.AppendLine($"| similar ideas while typing (`IdeaQueries.SimilarAsync`, all agencies) | {f.Similar.P50Ms:0.0} ms | **{f.Similar.P99Ms:0.0} ms** | {f.Similar.MaxMs:0} ms | {f.Similar.PerSecond:N0} | {Cpu(f.Similar)} | {Gc(f.Similar)} | p99 < 150 ms ({Met(f.Similar.P99Ms < 150)}) |");
        md.AppendLine($"| similar ideas while typing, within one agency (half of the ideas) | {f.SimilarInAgency.P50Ms:0.0} ms | {f.SimilarInAgency.P99Ms:0.0} ms | {f.SimilarInAgency.MaxMs:0} ms | {f.SimilarInAgency.PerSecond:N0} | {Cpu(f.SimilarInAgency)} | {Gc(f.SimilarInAgency)} | |");
        md.AppendLine($"| supports (`IdeaSubmissions.SupportAsync`), {f.BurstSupports:N0} new, a fifth on the 100 most supported ideas | {f.Support.P50Ms:0.0} ms | {f.Support.P99Ms:0.0} ms | {f.Support.MaxMs:0} ms | **{f.SupportsPerSecond:N0}** | {Cpu(f.Support)} | {Gc(f.Support)} | ≥ 1,000/s ({Met(f.SupportsPerSecond >= 1000)}) |");
        md.AppendLine();
        md.AppendLine("## Check");
        md.AppendLine();
        md.AppendLine($"- supports acknowledged in the burst: {f.Check.Acknowledged:N0}; new rows in `IdeaSupports`: {f.Check.NewRows:N0}");
        md.AppendLine($"- ideas whose `SupportCount` differs from their rows: {f.Check.IdeasWhoseCounterDiffers}; all rows {f.Check.SupportRows:N0}, sum of counters {f.Check.CountersTotal:N0}");
        md.AppendLine($"- errors: {(f.Check.Errors.Count == 0 ? "none" : string.Join(", ", f.Check.Errors.Select(x => $"{x.Key} {x.Value}")))}");
        md.AppendLine($"- **{(f.Passed ? "counters equal rows; every acknowledged support is stored once" : "CHECK FAILED")}**");
        md.AppendLine();
        md.AppendLine("## Machine");
        md.AppendLine();
        md.AppendLine($"{f.Cores} cores shared with the other engineers' builds, tests and browsers; load average (1, 5, 15 min) {f.LoadAverageBefore} before the measured runs, {f.LoadAverageAfter} after. The benchmark process (portal services and load generator in one process) used {f.BenchCpuSeconds:0.0} s of CPU during the support burst. PostgreSQL durable as in production (fsync and synchronous_commit on).");
        if (!string.IsNullOrWhiteSpace(f.Note))
        {
            md.AppendLine();
            md.AppendLine(f.Note);
        }
        return md.ToString();
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    private static void Log(Stopwatch clock, string message) => Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {message}");
}
