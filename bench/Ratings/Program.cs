using System.Diagnostics;
using System.Globalization;
using System.Text;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.ServiceRatings.Domain;
using EParticipation.Web.Areas.ServiceRatings.Models;
using EParticipation.Web.Areas.ServiceRatings.Services;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

// Service ratings under load: a generated set of ratings across 1,000 services (with their monthly
// aggregates), then real ratings through RatingSubmission (the incremental path, replacements included),
// the dashboard's JSON for the portal and for an agency at 32 concurrent clients, and a full recount
// that must equal the aggregates. The portal runs in process (PortalFactory) on SQLite, or on
// PostgreSQL with EP_TEST_DB=postgres (and the EP_TEST_* connection settings the tests use).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var ratingsTarget = Arg("--ratings", 200_000);
var servicesTarget = Arg("--services", 1_000);
var usersCount = Arg("--users", Math.Max(2_000, (ratingsTarget + servicesTarget - 1) / servicesTarget));
var writers = Arg("--writers", 32);
var submissions = Arg("--submissions", 2_000);
var seconds = Arg("--seconds", 10);
var output = Path.GetFullPath(ArgText("--out", Path.Combine("bench", "results", "ratings.md")));

// WebApplicationFactory finds the portal's content root through this (a test project gets a manifest instead).
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_EPARTICIPATION_WEB", Path.GetFullPath(Path.Combine("src", "EParticipation.Web")));
using var factory = new PortalFactory().With("ServiceRatings:CaseFiguresSeconds", "60");
_ = factory.Server; // starts the portal: migrations and seeds
var random = new Random(20261201);
var clock = Stopwatch.StartNew();

// 1. Services up to the target, spread over the agencies.
var agencies = await factory.WithDbAsync(db => db.Agencies.Select(a => new { a.Id, a.Code }).ToListAsync());
await factory.WithDbAsync(async db =>
{
    var have = await db.GovernmentServices.CountAsync();
    for (var i = have; i < servicesTarget; i++)
    {
        var agency = agencies[i % agencies.Count];
        var s = new GovernmentService
        {
            Code = $"{agency.Code}-bench-{i}", AgencyId = agency.Id, Name = new LocalizedText($"خدمة تجريبية {i}", $"Bench service {i}"),
            Description = new LocalizedText("خدمة لقياس الأداء", "A service for the benchmark"), Channels = ServiceChannel.Online, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        s.RefreshSearchText();
        db.GovernmentServices.Add(s);
    }
    await db.SaveChangesAsync();
});
var services = await factory.WithDbAsync(db => db.GovernmentServices.Select(s => new { s.Id, s.AgencyId }).ToListAsync());

// 2. Accounts (one password hash for all).
var hash = new Microsoft.AspNetCore.Identity.PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), "Bench-Password-2026");
var userIds = new List<Guid>(usersCount);
for (var batch = 0; batch < usersCount; batch += 1_000)
{
    await factory.WithDbAsync(async db =>
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = batch; i < Math.Min(usersCount, batch + 1_000); i++)
        {
            var id = Guid.NewGuid();
            userIds.Add(id);
            var email = $"bench{i}@example.com";
            db.Users.Add(new ApplicationUser
            {
                Id = id, UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, PasswordHash = hash, SecurityStamp = Guid.NewGuid().ToString(), FullName = "مستخدم " + i, AccountType = AccountType.Citizen,
            });
        }
        await db.SaveChangesAsync();
    });
}
var setupSeconds = clock.Elapsed.TotalSeconds;

// 3. Generated ratings (distinct account and service), with the aggregate rows they give. On PostgreSQL
// through COPY (Npgsql's binary importer, two streams, the secondary indexes built afterwards and the
// foreign-key triggers off for the loading sessions), the aggregates then made by one INSERT … SELECT … GROUP BY;
// on SQLite through EF in batches, the aggregates counted as the ratings are made.
clock.Restart();
var perService = Math.Max(1, Math.Min(ratingsTarget / services.Count, userIds.Count));
var generated = 0;
var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
(DateTime At, int Overall, int? Ease, ServiceChannel Channel) Draw(Random rnd)
{
    var at = start.AddMinutes(rnd.Next(0, 60 * 24 * 330));
    var overall = Math.Clamp((int)Math.Round(rnd.NextDouble() * 2.2 + 2.8 + (rnd.NextDouble() - 0.5) * 2), 1, 5);
    int? ease = rnd.Next(4) == 0 ? null : Math.Clamp(overall + rnd.Next(-1, 2), 1, 5);
    return (at, overall, ease, (ServiceChannel)(1 << rnd.Next(3)));
}
var postgres = TestDatabase.Provider == DatabaseProvider.Postgres;
var connectionString = await factory.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
double indexSeconds = 0, aggregateSeconds = 0;
if (postgres)
{
    async Task Sql(string sql, int timeoutSeconds = 3600)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using var command = new NpgsqlCommand(sql, c) { CommandTimeout = timeoutSeconds };
        await command.ExecuteNonQueryAsync();
    }
    await Sql("""DROP INDEX "IX_ServiceRatings_ServiceId_UserId"; DROP INDEX "IX_ServiceRatings_ServiceId_SubmittedAt"; DROP INDEX "IX_ServiceRatings_UserId";""");
    var streams = 2;
    var loaders = Enumerable.Range(0, streams).Select(stream => Task.Run(async () =>
    {
        var rnd = new Random(20261201 + stream);
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using (var off = new NpgsqlCommand("SET session_replication_role = replica", c))
        {
            await off.ExecuteNonQueryAsync();
        }
        using var writer = c.BeginBinaryImport(
            """COPY "ServiceRatings" ("ServiceId", "UserId", "Overall", "Ease", "Channel", "CommentHidden", "WindowStartedAt", "SubmittedAt", "Revision") FROM STDIN (FORMAT BINARY)""");
        var mine = 0;
        for (var i = stream; i < services.Count; i += streams)
        {
            var s = services[i];
            var offset = rnd.Next(userIds.Count);
            for (var k = 0; k < perService; k++)
            {
                var (at, overall, ease, channel) = Draw(rnd);
                // Synchronous writes: the importer buffers, and an await per field costs more than the row.
                writer.StartRow();
                writer.Write(s.Id, NpgsqlDbType.Integer);
                writer.Write(userIds[(offset + k) % userIds.Count], NpgsqlDbType.Uuid);
                writer.Write(overall, NpgsqlDbType.Integer);
                if (ease is { } e) { writer.Write(e, NpgsqlDbType.Integer); } else { writer.WriteNull(); }
                writer.Write((int)channel, NpgsqlDbType.Integer);
                writer.Write(false, NpgsqlDbType.Boolean);
                writer.Write(at, NpgsqlDbType.TimestampTz);
                writer.Write(at, NpgsqlDbType.TimestampTz);
                writer.Write(0, NpgsqlDbType.Integer);
                mine++;
            }
        }
        writer.Complete();
        Interlocked.Add(ref generated, mine);
    })).ToArray();
    await Task.WhenAll(loaders);
    var copySeconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"COPY {generated:N0} ratings in {copySeconds:0.0} s");
    await Task.WhenAll(
        Sql("""SET maintenance_work_mem = '512MB'; CREATE UNIQUE INDEX "IX_ServiceRatings_ServiceId_UserId" ON "ServiceRatings" ("ServiceId", "UserId");"""),
        Sql("""SET maintenance_work_mem = '512MB'; CREATE INDEX "IX_ServiceRatings_ServiceId_SubmittedAt" ON "ServiceRatings" ("ServiceId", "SubmittedAt");"""));
    await Sql("""SET maintenance_work_mem = '512MB'; CREATE INDEX "IX_ServiceRatings_UserId" ON "ServiceRatings" ("UserId");""");
    indexSeconds = clock.Elapsed.TotalSeconds - copySeconds;
    Console.WriteLine($"indexes in {indexSeconds:0.0} s");
    await Sql($$"""
        INSERT INTO "ServiceRatingMonths" ("ServiceId", "AgencyId", "Month", "Count", "Stars1", "Stars2", "Stars3", "Stars4", "Stars5",
            "EaseSum", "EaseCount", "SpeedSum", "SpeedCount", "ClaritySum", "ClarityCount", "StaffSum", "StaffCount", "OnlineCount", "ServiceCentreCount", "PhoneCount")
        SELECT r."ServiceId", s."AgencyId", date_trunc('month', r."SubmittedAt" AT TIME ZONE 'UTC')::date, count(*),
            count(*) FILTER (WHERE r."Overall" = 1), count(*) FILTER (WHERE r."Overall" = 2), count(*) FILTER (WHERE r."Overall" = 3),
            count(*) FILTER (WHERE r."Overall" = 4), count(*) FILTER (WHERE r."Overall" = 5),
            coalesce(sum(r."Ease"), 0), count(r."Ease"), coalesce(sum(r."Speed"), 0), count(r."Speed"),
            coalesce(sum(r."Clarity"), 0), count(r."Clarity"), coalesce(sum(r."Staff"), 0), count(r."Staff"),
            count(*) FILTER (WHERE r."Channel" = {{(int)ServiceChannel.Online}}), count(*) FILTER (WHERE r."Channel" = {{(int)ServiceChannel.ServiceCentre}}),
            count(*) FILTER (WHERE r."Channel" = {{(int)ServiceChannel.Phone}})
        FROM "ServiceRatings" r JOIN "GovernmentServices" s ON s."Id" = r."ServiceId"
        GROUP BY r."ServiceId", s."AgencyId", 3;
        ANALYZE "ServiceRatings"; ANALYZE "ServiceRatingMonths";
        """);
    aggregateSeconds = clock.Elapsed.TotalSeconds - copySeconds - indexSeconds;
    Console.WriteLine($"aggregates in {aggregateSeconds:0.0} s");
}
else
{
    var aggregates = new Dictionary<(int, DateOnly), ServiceRatingMonth>();
    foreach (var chunk in services.Chunk(Math.Max(1, 20_000 / perService)))
    {
        await factory.WithDbAsync(async db =>
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var s in chunk)
            {
                var offset = random.Next(userIds.Count);
                for (var k = 0; k < perService; k++)
                {
                    var (at, overall, ease, channel) = Draw(random);
                    db.ServiceRatings.Add(new ServiceRating
                    {
                        ServiceId = s.Id, UserId = userIds[(offset + k) % userIds.Count], Overall = overall, Ease = ease, Channel = channel,
                        WindowStartedAt = at, SubmittedAt = at,
                    });
                    var key = (s.Id, ServiceRatingMonth.MonthOf(at));
                    if (!aggregates.TryGetValue(key, out var m))
                    {
                        aggregates[key] = m = new ServiceRatingMonth { ServiceId = s.Id, AgencyId = s.AgencyId, Month = key.Item2 };
                    }
                    m.Count++;
                    switch (overall)
                    {
                        case 1: m.Stars1++; break;
                        case 2: m.Stars2++; break;
                        case 3: m.Stars3++; break;
                        case 4: m.Stars4++; break;
                        default: m.Stars5++; break;
                    }
                    if (ease is { } e) { m.EaseSum += e; m.EaseCount++; }
                    if (channel == ServiceChannel.Online) { m.OnlineCount++; } else if (channel == ServiceChannel.ServiceCentre) { m.ServiceCentreCount++; } else { m.PhoneCount++; }
                    generated++;
                }
            }
            await db.SaveChangesAsync();
        });
    }
    await factory.WithDbAsync(async db =>
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.ServiceRatingMonths.AddRange(aggregates.Values);
        await db.SaveChangesAsync();
    });
}
var generateSeconds = clock.Elapsed.TotalSeconds;

// CPU time spent, by this process (the portal and the clients) and by PostgreSQL's processes: on a
// machine shared with other work the wall-clock rates say more about the neighbours than about the
// portal, the CPU per operation does not.
var postmaster = 0;
if (postgres)
{
    await using var c = new NpgsqlConnection(connectionString);
    await c.OpenAsync();
    await using var pidCommand = new NpgsqlCommand("SELECT pg_backend_pid()", c);
    var backend = (int)(await pidCommand.ExecuteScalarAsync())!;
    postmaster = int.Parse(File.ReadAllText($"/proc/{backend}/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
double AppCpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
double PgCpu()
{
    if (postmaster == 0)
    {
        return 0;
    }
    var total = 0.0;
    foreach (var dir in Directory.EnumerateDirectories("/proc"))
    {
        try
        {
            var name = Path.GetFileName(dir);
            if (!char.IsAsciiDigit(name[0]))
            {
                continue;
            }
            var f = File.ReadAllText(Path.Combine(dir, "stat")).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (name == postmaster.ToString(CultureInfo.InvariantCulture) || f[1] == postmaster.ToString(CultureInfo.InvariantCulture))
            {
                total += (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) * 10.0; // clock ticks of 10 ms
            }
        }
        catch (IOException)
        {
            // The process ended meanwhile.
        }
    }
    return total;
}
(double App, double Pg) Cpu() => (AppCpu(), PgCpu());
(double App, double Pg) Spent((double App, double Pg) since) { var now = Cpu(); return (now.App - since.App, now.Pg - since.Pg); }


// 4. Ratings through the real path, by concurrent writers: some replace a rating within its window (a
// generated one is months old: its old month is subtracted, the new one added), most are new.
clock.Restart();
var writeCpuStart = Cpu();
var written = 0;
var writerTasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
{
    var r = new Random(w);
    for (var i = w; i < submissions; i += writers)
    {
        var service = services[r.Next(services.Count)];
        var user = userIds[r.Next(userIds.Count)];
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var s = await db.GovernmentServices.AsNoTracking().SingleAsync(x => x.Id == service.Id);
            await sp.GetRequiredService<RatingSubmission>().SubmitAsync(s, user, new RatingInput
            {
                SubmissionKey = Guid.NewGuid(), Overall = r.Next(1, 6), Ease = r.Next(1, 6), Channel = ServiceChannel.Phone,
            });
            return 0;
        });
        Interlocked.Increment(ref written);
    }
})).ToArray();
await Task.WhenAll(writerTasks);
var writeSeconds = clock.Elapsed.TotalSeconds;
var writeCpu = Spent(writeCpuStart);

// 5. The dashboard at 32 concurrent clients, for the portal and for one agency.
async Task<(int Count, double P50, double P99, double AppMs, double PgMs)> LoadAsync(string path)
{
    var cpuStart = Cpu();
    var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
    var until = DateTime.UtcNow.AddSeconds(seconds);
    var clients = Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
    {
        using var http = factory.Browser();
        while (DateTime.UtcNow < until)
        {
            var sw = Stopwatch.StartNew();
            using var response = await http.GetAsync(path);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            latencies.Add(sw.Elapsed.TotalMilliseconds);
        }
    })).ToArray();
    await Task.WhenAll(clients);
    var sorted = latencies.Order().ToList();
    var spent = Spent(cpuStart);
    return (sorted.Count, sorted[sorted.Count / 2], sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(sorted.Count * 0.99) - 1)], spent.App / sorted.Count, spent.Pg / sorted.Count);
}
using (var warm = factory.Browser())
{
    await warm.GetAsync("/api/v1/dashboard");
    await warm.GetAsync("/api/v1/dashboard/agencies/moh");
}
var portal = await LoadAsync("/api/v1/dashboard");
var agency = await LoadAsync("/api/v1/dashboard/agencies/moh");

// 5b. What the dashboard's rating reads cost in the database (PostgreSQL): EXPLAIN ANALYZE of the same queries.
var plans = new List<(string Name, string Plan)>();
if (postgres)
{
    var agencyId = await factory.WithDbAsync(db => db.Agencies.Where(a => a.Code == "moh").Select(a => a.Id).SingleAsync());
    var queriesSql = await factory.WithScopeAsync(sp =>
    {
        var q = sp.GetRequiredService<DashboardQueries>();
        return Task.FromResult(new[] { ("portal: aggregate rows summed per agency and month", q.PortalRatingRows().ToQueryString()), ("agency (moh): its aggregate rows", q.AgencyRatingRows(agencyId).ToQueryString()) });
    });
    await using var c = new NpgsqlConnection(connectionString);
    await c.OpenAsync();
    foreach (var (name, text) in queriesSql)
    {
        // ToQueryString writes the parameters as "-- @name='value'" lines above the statement.
        var lines = text.Split('\n');
        var sql = string.Join('\n', lines.Where(l => !l.StartsWith("-- ", StringComparison.Ordinal)));
        foreach (var p in lines.Where(l => l.StartsWith("-- @", StringComparison.Ordinal)))
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            sql = sql.Replace(p[3..eq], p[(eq + 1)..].Trim(), StringComparison.Ordinal);
        }
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, c);
        var plan = new StringBuilder();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.AppendLine(reader.GetString(0));
            }
        }
        plans.Add((name, plan.ToString()));
    }
}
var aggregateRows = await factory.WithDbAsync(db => db.ServiceRatingMonths.CountAsync());

// 6. The aggregates against a full recount.
clock.Restart();
var differences = await factory.WithScopeAsync(sp => sp.GetRequiredService<RatingAggregates>().RecountAsync());
var recountSeconds = clock.Elapsed.TotalSeconds;
var totalRatings = await factory.WithDbAsync(db => db.ServiceRatings.CountAsync());
var versions = await factory.WithDbAsync(db => db.ServiceRatingVersions.CountAsync());

var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
var report = new StringBuilder()
    .AppendLine("# Service ratings benchmark")
    .AppendLine()
    .AppendLine($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {TestDatabase.Provider}, {Environment.ProcessorCount} cores, load average at the end {load} (the machine is shared with other builds and test runs).")
    .AppendLine("The portal runs in process (WebApplicationFactory's TestServer: no sockets, no Kestrel), so latencies exclude the network stack.")
    .AppendLine()
    .AppendLine("| measure | target | measured | met |")
    .AppendLine("| --- | --- | --- | --- |")
    .AppendLine($"| dataset | 10,000,000 ratings across 1,000 services | {totalRatings:N0} current ratings across {services.Count:N0} services ({generated:N0} generated + {written:N0} submitted, {versions:N0} earlier versions); {aggregateRows:N0} aggregate rows | {(generated >= 10_000_000 && services.Count >= 1_000 ? "yes" : "no (reduced size)")} |")
    .AppendLine($"| portal dashboard JSON, 32 clients, p99 | < 100 ms | p50 {portal.P50:0.0} ms, p99 {portal.P99:0.0} ms ({portal.Count:N0} requests in {seconds} s) | {(portal.P99 < 100 ? "yes" : "no")} |")
    .AppendLine($"| agency dashboard JSON (moh), 32 clients, p99 | < 100 ms | p50 {agency.P50:0.0} ms, p99 {agency.P99:0.0} ms ({agency.Count:N0} requests in {seconds} s) | {(agency.P99 < 100 ? "yes" : "no")} |")
    .AppendLine($"| ratings accepted (RatingSubmission, {writers} writers) | >= 1,000/s | {written / writeSeconds:N0}/s ({written:N0} in {writeSeconds:0.0} s) | {(written / writeSeconds >= 1000 ? "yes" : "no")} |")
    .AppendLine($"| CPU per rating accepted (portal process + PostgreSQL) | | {writeCpu.App / Math.Max(1, written):0.00} ms + {writeCpu.Pg / Math.Max(1, written):0.00} ms: on two otherwise idle cores at most about {2000 / Math.Max(0.001, (writeCpu.App + writeCpu.Pg) / Math.Max(1, written)):N0}/s | |")
    .AppendLine($"| CPU per dashboard request, portal / agency (portal process + PostgreSQL) | | {portal.AppMs:0.00} ms + {Pg(portal.PgMs)} / {agency.AppMs:0.00} ms + {Pg(agency.PgMs)} | |")
    .AppendLine($"| aggregates equal a full recount | equal | {(differences.Count == 0 ? "equal" : differences.Count + " differences")} (recount {recountSeconds:0.0} s) | {(differences.Count == 0 ? "yes" : "no")} |")
    .AppendLine()
    .AppendLine($"Setup (services and {usersCount:N0} accounts) {setupSeconds:0.0} s; generating the ratings and their aggregate rows {generateSeconds:0.0} s"
        + (postgres ? $" (COPY {generateSeconds - indexSeconds - aggregateSeconds:0.0} s, secondary indexes {indexSeconds:0.0} s, aggregates by INSERT … SELECT … GROUP BY {aggregateSeconds:0.0} s)." : "."))
    .AppendLine($"Run again: `dotnet run -c Release --project bench/Ratings -- --ratings {ratingsTarget} --submissions {submissions} --writers {writers}` (EP_TEST_DB=postgres and EP_TEST_PG for PostgreSQL).");
foreach (var d in differences.Take(10))
{
    report.AppendLine("- " + d);
}
foreach (var (name, plan) in plans)
{
    report.AppendLine().AppendLine($"EXPLAIN (ANALYZE, BUFFERS), {name}:").AppendLine().AppendLine("```").Append(plan).AppendLine("```");
}
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
await File.WriteAllTextAsync(output, report.ToString());
Console.WriteLine(report);
return differences.Count == 0 ? 0 : 1;

// A PostgreSQL process that ended during the measure takes its CPU time with it: then no figure.
static string Pg(double ms) => ms < 0 ? "n/a (a PostgreSQL process ended meanwhile)" : $"{ms:0.00} ms";

int Arg(string name, int fallback) => int.TryParse(ArgText(name, ""), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;

string ArgText(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
