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
var httpSubmissions = Arg("--http-submissions", submissions);
var seconds = Arg("--seconds", 10);
var output = Path.GetFullPath(ArgText("--out", Path.Combine("bench", "results", "ratings.md")));

var dataset = ArgText("--dataset", "");
const string BenchPassword = "Bench-Password-2026";

// WebApplicationFactory finds the portal's content root through this (a test project gets a manifest instead).
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_EPARTICIPATION_WEB", Path.GetFullPath(Path.Combine("src", "EParticipation.Web")));
var postgres = TestDatabase.Provider == DatabaseProvider.Postgres;
if (dataset.Length > 0 && (!postgres || !System.Text.RegularExpressions.Regex.IsMatch(dataset, "^[a-z0-9_]{1,50}$")))
{
    Console.Error.WriteLine("--dataset needs PostgreSQL (EP_TEST_DB=postgres) and a name of lower-case letters, digits and underscores.");
    return 2;
}
// The benchmark's own database (a copy of the migrated template, dropped at the end). With --dataset
// NAME on PostgreSQL, a generated dataset is kept as the database NAME (made from this one by
// CREATE DATABASE … TEMPLATE before any rating is submitted), marked with the sizes and the schema it
// was made for; a later run with the same sizes and schema starts from a copy of it instead of
// generating again (minutes at 10 million ratings).
var database = TestDatabase.Migrated();
var databaseName = postgres ? new NpgsqlConnectionStringBuilder(database.ConnectionString).Database! : "";
string schema;
using (var probe = database.NewContext())
{
    schema = probe.Database.GetMigrations().Last();
}
var marker = $"ep-bench-ratings ratings={ratingsTarget} services={servicesTarget} users={usersCount} schema={schema}";
async Task ServerSql(string sql)
{
    await using var c = new NpgsqlConnection(TestDatabase.ServerConnectionString());
    await c.OpenAsync();
    await using var command = new NpgsqlCommand(sql, c) { CommandTimeout = 3600 };
    await command.ExecuteNonQueryAsync();
}
async Task<string?> DatasetMarkerAsync()
{
    await using var c = new NpgsqlConnection(TestDatabase.ServerConnectionString());
    await c.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1", c);
    command.Parameters.AddWithValue(dataset);
    return await command.ExecuteScalarAsync() as string;
}
// Logging at Warning, as the other benchmarks run the portal (otherwise a console and a file line per request are measured too).
// The per-account submission limit raised as bench/run.sh raises it: warmed up on a fast machine each of
// the 32 accounts posts about 40 ratings a second, and PortalFactory's 1,000 a minute refused some of the
// second burst's posts (429). The limiter itself still runs on every post.
PortalFactory NewFactory() => PortalFactory.OnDatabase(database).With("ServiceRatings:CaseFiguresSeconds", "60").With("Serilog:MinimumLevel:Default", "Warning")
    .With("RateLimits:submission:PermitLimit", "100000000");
var reusedFrom = dataset.Length > 0 && await DatasetMarkerAsync() is { } found && found.StartsWith(marker + " ", StringComparison.Ordinal) ? found : null;
var clock = Stopwatch.StartNew();
double copySeconds = 0;
if (reusedFrom is not null)
{
    NpgsqlConnection.ClearAllPools();
    await ServerSql($"DROP DATABASE \"{databaseName}\" WITH (FORCE)");
    await ServerSql($"CREATE DATABASE \"{databaseName}\" TEMPLATE \"{dataset}\" STRATEGY FILE_COPY");
    copySeconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"dataset {dataset} copied in {copySeconds:0.0} s ({reusedFrom})");
}
var factory = NewFactory();
_ = factory.Server; // starts the portal: migrations and seeds
var random = new Random(20261201);
clock.Restart();
var generated = 0;
double setupSeconds = 0, generateSeconds = 0, indexSeconds = 0, aggregateSeconds = 0;
var connectionString = database.ConnectionString;
if (reusedFrom is null)
{

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
var genServices = await factory.WithDbAsync(db => db.GovernmentServices.Select(s => new { s.Id, s.AgencyId }).ToListAsync());

// 2. Accounts (one password hash for all).
var hash = new Microsoft.AspNetCore.Identity.PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), BenchPassword);
var genUserIds = new List<Guid>(usersCount);
for (var batch = 0; batch < usersCount; batch += 1_000)
{
    await factory.WithDbAsync(async db =>
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = batch; i < Math.Min(usersCount, batch + 1_000); i++)
        {
            var id = Guid.NewGuid();
            genUserIds.Add(id);
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
setupSeconds = clock.Elapsed.TotalSeconds;

// 3. Generated ratings (distinct account and service), with the aggregate rows they give. On PostgreSQL
// through COPY (Npgsql's binary importer, two streams, the secondary indexes built afterwards and the
// foreign-key triggers off for the loading sessions), the aggregates then made by one INSERT … SELECT … GROUP BY;
// on SQLite through EF in batches, the aggregates counted as the ratings are made.
clock.Restart();
var perService = Math.Max(1, Math.Min(ratingsTarget / genServices.Count, genUserIds.Count));
var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
(DateTime At, int Overall, int? Ease, ServiceChannel Channel) Draw(Random rnd)
{
    var at = start.AddMinutes(rnd.Next(0, 60 * 24 * 330));
    var overall = Math.Clamp((int)Math.Round(rnd.NextDouble() * 2.2 + 2.8 + (rnd.NextDouble() - 0.5) * 2), 1, 5);
    int? ease = rnd.Next(4) == 0 ? null : Math.Clamp(overall + rnd.Next(-1, 2), 1, 5);
    return (at, overall, ease, (ServiceChannel)(1 << rnd.Next(3)));
}
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
        for (var i = stream; i < genServices.Count; i += streams)
        {
            var s = genServices[i];
            var offset = rnd.Next(genUserIds.Count);
            for (var k = 0; k < perService; k++)
            {
                var (at, overall, ease, channel) = Draw(rnd);
                // Synchronous writes: the importer buffers, and an await per field costs more than the row.
                writer.StartRow();
                writer.Write(s.Id, NpgsqlDbType.Integer);
                writer.Write(genUserIds[(offset + k) % genUserIds.Count], NpgsqlDbType.Uuid);
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
    var loadSeconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"COPY {generated:N0} ratings in {loadSeconds:0.0} s");
    await Task.WhenAll(
        Sql("""SET maintenance_work_mem = '512MB'; CREATE UNIQUE INDEX "IX_ServiceRatings_ServiceId_UserId" ON "ServiceRatings" ("ServiceId", "UserId");"""),
        Sql("""SET maintenance_work_mem = '512MB'; CREATE INDEX "IX_ServiceRatings_ServiceId_SubmittedAt" ON "ServiceRatings" ("ServiceId", "SubmittedAt");"""));
    await Sql("""SET maintenance_work_mem = '512MB'; CREATE INDEX "IX_ServiceRatings_UserId" ON "ServiceRatings" ("UserId");""");
    indexSeconds = clock.Elapsed.TotalSeconds - loadSeconds;
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
    aggregateSeconds = clock.Elapsed.TotalSeconds - loadSeconds - indexSeconds;
    Console.WriteLine($"aggregates in {aggregateSeconds:0.0} s");
}
else
{
    var aggregates = new Dictionary<(int, DateOnly), ServiceRatingMonth>();
    foreach (var chunk in genServices.Chunk(Math.Max(1, 20_000 / perService)))
    {
        await factory.WithDbAsync(async db =>
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var s in chunk)
            {
                var offset = random.Next(genUserIds.Count);
                for (var k = 0; k < perService; k++)
                {
                    var (at, overall, ease, channel) = Draw(random);
                    db.ServiceRatings.Add(new ServiceRating
                    {
                        ServiceId = s.Id, UserId = genUserIds[(offset + k) % genUserIds.Count], Overall = overall, Ease = ease, Channel = channel,
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
generateSeconds = clock.Elapsed.TotalSeconds;
if (dataset.Length > 0)
{
    // Kept before any rating is submitted: the portal stops (no connection may stay on a template).
    factory.Dispose();
    NpgsqlConnection.ClearAllPools();
    clock.Restart();
    await ServerSql($"DROP DATABASE IF EXISTS \"{dataset}\" WITH (FORCE)");
    await ServerSql($"CREATE DATABASE \"{dataset}\" TEMPLATE \"{databaseName}\" STRATEGY FILE_COPY");
    await ServerSql($"COMMENT ON DATABASE \"{dataset}\" IS '{marker} generated={generated} setup={setupSeconds:0.0}s generation={generateSeconds:0.0}s copy={indexSeconds:0.0}/{aggregateSeconds:0.0} made={DateTime.UtcNow:yyyy-MM-ddTHH:mmZ}'");
    Console.WriteLine($"kept as {dataset} in {clock.Elapsed.TotalSeconds:0.0} s");
    factory = NewFactory();
    _ = factory.Server;
}
}
else
{
    // Sizes and times of the generation that made the dataset, from its marker.
    string Field(string name) => System.Text.RegularExpressions.Regex.Match(reusedFrom, $@"\b{name}=([^ ]+)").Groups[1].Value;
    generated = int.Parse(Field("generated"), CultureInfo.InvariantCulture);
    setupSeconds = double.Parse(Field("setup").TrimEnd('s'), CultureInfo.InvariantCulture);
    generateSeconds = double.Parse(Field("generation").TrimEnd('s'), CultureInfo.InvariantCulture);
    var parts = Field("copy").Split('/');
    indexSeconds = double.Parse(parts[0], CultureInfo.InvariantCulture);
    aggregateSeconds = double.Parse(parts[1], CultureInfo.InvariantCulture);
}
var services = await factory.WithDbAsync(db => db.GovernmentServices.OrderBy(s => s.Id).Select(s => new { s.Id, s.AgencyId }).ToListAsync());
var accounts = await factory.WithDbAsync(db => db.Users.Where(u => u.Email!.StartsWith("bench")).OrderBy(u => u.Id).Select(u => new { u.Id, u.Email }).ToListAsync());
var userIds = accounts.Select(a => a.Id).ToList();

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
// The first ratings of the process are not measured: 500 for the JIT's tiered compilation to settle.
var warmup = Arg("--warmup", 500);
var written = 0;
async Task WriteAsync(int count, int seed)
{
    await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
    {
        var r = new Random(seed + w);
        for (var i = w; i < count; i += writers)
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
    })));
}
// Warm-up, not measured: --warmup ratings at a time until --warmup-seconds (10 by default) have
// passed, so that the measure runs the JIT's optimised code (see the HTTP warm-up below).
var warmupClock = System.Diagnostics.Stopwatch.StartNew();
for (var round = 0; round == 0 || warmupClock.Elapsed.TotalSeconds < Arg("--warmup-seconds", 10); round++)
{
    await WriteAsync(warmup, 500_000 + round * writers);
}
var warmedUp = written;
clock.Restart();
var writeCpuStart = Cpu();
await WriteAsync(submissions, 0);
written -= warmedUp;
var writeSeconds = clock.Elapsed.TotalSeconds;
var writeCpu = Spent(writeCpuStart);

// 4b. Ratings as a browser sends them: POST /ar/services/{id}/rate with the form, each of 32 clients
// signed in as its own generated account (through the sign-in form) with its antiforgery cookie and
// token, so each rating goes through the whole pipeline (authentication and the session row, the
// rate limiter, antiforgery, validation, the controller, RatingSubmission and the page that answers),
// in process over TestServer (no sockets). A rating counts as accepted when the answer is the 303
// See Other to its thank-you page (post/redirect/get); in the second burst the client also fetches
// that page and the rating counts when the page shows its confirmation.
var httpClients = new List<(HttpClient Http, string Token, Guid UserId)>();
for (var w = 0; w < writers; w++)
{
    var client = factory.Client();
    await client.SignInAsync(accounts[w].Email!, BenchPassword);
    var page = await PortalClient.ParseAsync(await client.Http.GetAsync($"/ar/services/{services[w].Id}/rate"));
    var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException("No antiforgery token on the rating form");
    httpClients.Add((client.Http, token, accounts[w].Id));
}
var httpWarmedUp = 0;
// Warm-up, not measured: ratings for --http-warmup-seconds (15 by default) and at least 20 per client,
// as bench/run.sh warms each scenario up for 30 s. The first requests compile the pipeline's paths at
// the JIT's first tier; the optimised code replaces it in the background over the next seconds, and a
// burst measured before that (a run that starts from a copied dataset, seconds after the process
// started) costs about twice the CPU per rating.
var httpWarmupSeconds = Arg("--http-warmup-seconds", 15);
async Task<bool> RateOverHttpAsync(HttpClient http, string token, int serviceId, Random r, bool withThanks)
{
    using var form = new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = token,
        ["Input.SubmissionKey"] = Guid.NewGuid().ToString(),
        ["Input.Overall"] = r.Next(1, 6).ToString(CultureInfo.InvariantCulture),
        ["Input.Ease"] = r.Next(1, 6).ToString(CultureInfo.InvariantCulture),
        ["Input.Speed"] = "",
        ["Input.Clarity"] = "",
        ["Input.Staff"] = "",
        ["Input.Channel"] = nameof(ServiceChannel.Online),
        ["Input.Comment"] = "",
        ["Input.Suggestion"] = "",
    });
    using var response = await http.PostAsync($"/ar/services/{serviceId}/rate", form);
    await response.Content.ReadAsByteArrayAsync();
    // Accepted: 303 See Other to the thank-you page (post/redirect/get).
    var accepted = response.StatusCode == System.Net.HttpStatusCode.SeeOther
        && response.Headers.Location?.OriginalString == $"/ar/services/{serviceId}/rated";
    if (!accepted || !withThanks)
    {
        return accepted;
    }
    // As a browser goes on: the thank-you page, with its confirmation.
    using var thanks = await http.GetAsync(response.Headers.Location);
    var body = await thanks.Content.ReadAsStringAsync();
    return thanks.StatusCode == System.Net.HttpStatusCode.OK && body.Contains("class=\"alert alert-success\" role=\"status\"", StringComparison.Ordinal);
}
await Task.WhenAll(httpClients.Select((c, w) => Task.Run(async () =>
{
    var r = new Random(1000 + w);
    var warming = System.Diagnostics.Stopwatch.StartNew();
    for (var i = 0; i < 20 || warming.Elapsed.TotalSeconds < httpWarmupSeconds; i++)
    {
        if (await RateOverHttpAsync(c.Http, c.Token, services[r.Next(services.Count)].Id, r, withThanks: i % 2 == 0))
        {
            Interlocked.Increment(ref httpWarmedUp);
        }
    }
})));
var burstStart = DateTime.UtcNow;
var acceptedPairs = new System.Collections.Concurrent.ConcurrentDictionary<(Guid, int), bool>();
// Two bursts of the same size: the form posts alone (a rating is accepted when its 303 arrives), then
// each post followed by the GET of its thank-you page, as a browser goes on (what a whole rating costs).
async Task<HttpBurst> BurstAsync(bool withThanks, int seed)
{
    Console.WriteLine($"HTTP burst of {httpSubmissions:N0} ratings{(withThanks ? " with their thank-you pages" : "")} starts (process {Environment.ProcessId})");
    var sw0 = Stopwatch.StartNew();
    var cpuStart = Cpu();
    var accepted = 0;
    var refused = 0;
    var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
    await Task.WhenAll(httpClients.Select((c, w) => Task.Run(async () =>
    {
        var r = new Random(seed + w);
        for (var i = w; i < httpSubmissions; i += writers)
        {
            var serviceId = services[r.Next(services.Count)].Id;
            var sw = Stopwatch.StartNew();
            var ok = await RateOverHttpAsync(c.Http, c.Token, serviceId, r, withThanks);
            latencies.Add(sw.Elapsed.TotalMilliseconds);
            if (ok)
            {
                Interlocked.Increment(ref accepted);
                acceptedPairs[(c.UserId, serviceId)] = true;
            }
            else
            {
                Interlocked.Increment(ref refused);
            }
        }
    })));
    var seconds = sw0.Elapsed.TotalSeconds;
    var cpu = Spent(cpuStart);
    var sorted = latencies.Order().ToList();
    return new HttpBurst(accepted, refused, seconds, cpu.App, cpu.Pg, sorted[sorted.Count / 2], sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(sorted.Count * 0.99) - 1)]);
}
var posts = await BurstAsync(withThanks: false, seed: 2000);
var journeys = await BurstAsync(withThanks: true, seed: 3000);
var httpAccepted = posts.Accepted;
// Every accepted rating stored: the (account, service) pairs rated in the bursts are exactly the current ratings of those accounts submitted since the first began.
var burstUsers = httpClients.Select(c => c.UserId).ToList();
var storedPairs = await factory.WithDbAsync(db => db.ServiceRatings.AsNoTracking()
    .Where(x => burstUsers.Contains(x.UserId) && x.SubmittedAt >= burstStart).Select(x => new { x.UserId, x.ServiceId }).ToListAsync());
var httpStoredMatches = storedPairs.Count == acceptedPairs.Count && storedPairs.All(x => acceptedPairs.ContainsKey((x.UserId, x.ServiceId)));

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
    .AppendLine("The portal runs in process (WebApplicationFactory's TestServer: no sockets, no Kestrel), so latencies exclude the network stack, and the clients' CPU is counted in the portal process's.")
    .AppendLine("As in the other benchmarks, the portal logs at Warning (production's Information writes a console and a file line per request) and the per-account submission limit is raised (100,000,000 a minute instead of 30, as `bench/run.sh` raises it; each of the 32 accounts rates about 40 times a second, and the limiter still runs on every post).")
    .AppendLine()
    .AppendLine("| measure | target | measured | met |")
    .AppendLine("| --- | --- | --- | --- |")
    .AppendLine($"| dataset | 10,000,000 ratings across 1,000 services | {totalRatings:N0} current ratings across {services.Count:N0} services ({generated:N0} generated + {warmedUp + written + httpWarmedUp + posts.Accepted + journeys.Accepted:N0} submitted, {versions:N0} earlier versions); {aggregateRows:N0} aggregate rows | {(generated >= 10_000_000 && services.Count >= 1_000 ? "yes" : "no (reduced size)")} |")
    .AppendLine($"| portal dashboard JSON, 32 clients, p99 | < 100 ms | p50 {portal.P50:0.0} ms, p99 {portal.P99:0.0} ms ({portal.Count:N0} requests in {seconds} s) | {(portal.P99 < 100 ? "yes" : "no")} |")
    .AppendLine($"| agency dashboard JSON (moh), 32 clients, p99 | < 100 ms | p50 {agency.P50:0.0} ms, p99 {agency.P99:0.0} ms ({agency.Count:N0} requests in {seconds} s) | {(agency.P99 < 100 ? "yes" : "no")} |")
    .AppendLine($"| ratings accepted (RatingSubmission, {writers} writers) | >= 1,000/s | {written / writeSeconds:N0}/s ({written:N0} in {writeSeconds:0.0} s) | {(written / writeSeconds >= 1000 ? "yes" : "no")} |")
    .AppendLine($"| CPU per rating accepted (portal process + PostgreSQL) | | {writeCpu.App / Math.Max(1, written):0.00} ms + {writeCpu.Pg / Math.Max(1, written):0.00} ms: on two otherwise idle cores at most about {2000 / Math.Max(0.001, (writeCpu.App + writeCpu.Pg) / Math.Max(1, written)):N0}/s | |")
    .AppendLine(HttpRow("ratings accepted over HTTP (signed-in form posts answered 303, TestServer, " + writers + " clients)", posts))
    .AppendLine(HttpRow("ratings over HTTP with the thank-you page fetched after each 303 (post + get, as a browser goes on)", journeys, target: false))
    .AppendLine($"| every accepted HTTP rating stored (as the account's current rating of that service) | all | {(httpStoredMatches ? "all" : $"no: {storedPairs.Count:N0} stored for {acceptedPairs.Count:N0} accepted pairs")} | {(httpStoredMatches ? "yes" : "no")} |")
    .AppendLine($"| CPU per dashboard request, portal / agency (portal process + PostgreSQL) | | {portal.AppMs:0.00} ms + {Pg(portal.PgMs)} / {agency.AppMs:0.00} ms + {Pg(agency.PgMs)} | |")
    .AppendLine($"| aggregates equal a full recount | equal | {(differences.Count == 0 ? "equal" : differences.Count + " differences")} (recount {recountSeconds:0.0} s) | {(differences.Count == 0 ? "yes" : "no")} |")
    .AppendLine()
    .AppendLine($"Setup (services and {usersCount:N0} accounts) {setupSeconds:0.0} s; generating the ratings and their aggregate rows {generateSeconds:0.0} s"
        + (postgres ? $" (COPY {generateSeconds - indexSeconds - aggregateSeconds:0.0} s, secondary indexes {indexSeconds:0.0} s, aggregates by INSERT … SELECT … GROUP BY {aggregateSeconds:0.0} s)." : "."))
    .AppendLine(reusedFrom is null ? "" : $"The dataset was not generated by this run: copied in {copySeconds:0.0} s from the kept database `{dataset}` ({reusedFrom}); the times above are of the run that made it.")
    .AppendLine($"Run again: `dotnet run -c Release --project bench/Ratings -- --ratings {ratingsTarget} --submissions {submissions} --http-submissions {httpSubmissions} --writers {writers}{(dataset.Length > 0 ? " --dataset " + dataset : "")}` (EP_TEST_DB=postgres and EP_TEST_PG for PostgreSQL).");
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
factory.Dispose();
database.Dispose();
return differences.Count == 0 && httpStoredMatches ? 0 : 1;

// The target is about a rating being accepted (the post); the post with its thank-you page is shown
// beside it as what a browser's whole rating costs, with no target of its own.
string HttpRow(string name, HttpBurst b, bool target = true) =>
    $"| {name} | {(target ? ">= 1,000/s" : "(none: the post alone is the rating accepted)")} | {b.Accepted / b.Seconds:N0}/s ({b.Accepted:N0} accepted in {b.Seconds:0.0} s, {b.Refused:N0} not; p50 {b.P50:0.0} ms, p99 {b.P99:0.0} ms); CPU per rating {b.AppMs / Math.Max(1, b.Accepted):0.00} ms (portal process incl. the clients) + {Pg(b.PgMs / Math.Max(1, b.Accepted))} (PostgreSQL): on two otherwise idle cores at most about {2000 / Math.Max(0.001, (b.AppMs + Math.Max(0, b.PgMs)) / Math.Max(1, b.Accepted)):N0}/s | {(!target ? (b.Refused == 0 ? "" : "no: some refused") : b.Accepted / b.Seconds >= 1000 && b.Refused == 0 ? "yes" : "no")} |";

// A PostgreSQL process that ended during the measure takes its CPU time with it: then no figure.
static string Pg(double ms) => ms < 0 ? "n/a (a PostgreSQL process ended meanwhile)" : $"{ms:0.00} ms";

int Arg(string name, int fallback) => int.TryParse(ArgText(name, ""), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;

string ArgText(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

sealed record HttpBurst(int Accepted, int Refused, double Seconds, double AppMs, double PgMs, double P50, double P99);
