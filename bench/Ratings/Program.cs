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

// Service ratings under load: a generated set of ratings across 1,000 services (with their monthly
// aggregates), then real ratings through RatingSubmission (the incremental path, replacements included),
// the dashboard's JSON for the portal and for an agency at 32 concurrent clients, and a full recount
// that must equal the aggregates. The portal runs in process (PortalFactory) on SQLite, or on
// PostgreSQL with EP_TEST_DB=postgres (and the EP_TEST_* connection settings the tests use).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var ratingsTarget = Arg("--ratings", 200_000);
var servicesTarget = Arg("--services", 1_000);
var usersCount = Arg("--users", 2_000);
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

// 3. Generated ratings (distinct account and service), with the aggregate rows they give.
clock.Restart();
var perService = Math.Max(1, ratingsTarget / services.Count);
var aggregates = new Dictionary<(int, DateOnly), ServiceRatingMonth>();
var generated = 0;
var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
foreach (var chunk in services.Chunk(Math.Max(1, 20_000 / perService)))
{
    await factory.WithDbAsync(async db =>
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var s in chunk)
        {
            var offset = random.Next(userIds.Count);
            for (var k = 0; k < Math.Min(perService, userIds.Count); k++)
            {
                var at = start.AddMinutes(random.Next(0, 60 * 24 * 330));
                var overall = Math.Clamp((int)Math.Round(random.NextDouble() * 2.2 + 2.8 + (random.NextDouble() - 0.5) * 2), 1, 5);
                int? ease = random.Next(4) == 0 ? null : Math.Clamp(overall + random.Next(-1, 2), 1, 5);
                var channel = (ServiceChannel)(1 << random.Next(3));
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
var generateSeconds = clock.Elapsed.TotalSeconds;

// 4. Ratings through the real path: 8 writers, a quarter replacing a rating within its window.
clock.Restart();
var written = 0;
var writerTasks = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
{
    var r = new Random(w);
    for (var i = w; i < submissions; i += 8)
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

// 5. The dashboard at 32 concurrent clients, for the portal and for one agency.
async Task<(int Count, double P50, double P99)> LoadAsync(string path)
{
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
    return (sorted.Count, sorted[sorted.Count / 2], sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(sorted.Count * 0.99) - 1)]);
}
using (var warm = factory.Browser())
{
    await warm.GetAsync("/api/v1/dashboard");
    await warm.GetAsync("/api/v1/dashboard/agencies/moh");
}
var portal = await LoadAsync("/api/v1/dashboard");
var agency = await LoadAsync("/api/v1/dashboard/agencies/moh");

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
    .AppendLine($"| dataset | 10,000,000 ratings across 1,000 services | {totalRatings:N0} current ratings across {services.Count:N0} services ({generated:N0} generated + {written:N0} submitted, {versions:N0} earlier versions) | no (reduced size) |")
    .AppendLine($"| portal dashboard JSON, 32 clients, p99 | < 100 ms | p50 {portal.P50:0.0} ms, p99 {portal.P99:0.0} ms ({portal.Count:N0} requests in {seconds} s) | {(portal.P99 < 100 ? "yes" : "no")} |")
    .AppendLine($"| agency dashboard JSON (moh), 32 clients, p99 | < 100 ms | p50 {agency.P50:0.0} ms, p99 {agency.P99:0.0} ms ({agency.Count:N0} requests in {seconds} s) | {(agency.P99 < 100 ? "yes" : "no")} |")
    .AppendLine($"| ratings accepted (RatingSubmission, 8 writers) | >= 1,000/s | {written / writeSeconds:N0}/s ({written:N0} in {writeSeconds:0.0} s) | {(written / writeSeconds >= 1000 ? "yes" : "no")} |")
    .AppendLine($"| aggregates equal a full recount | equal | {(differences.Count == 0 ? "equal" : differences.Count + " differences")} (recount {recountSeconds:0.0} s) | {(differences.Count == 0 ? "yes" : "no")} |")
    .AppendLine()
    .AppendLine($"Setup (services and {usersCount:N0} accounts) {setupSeconds:0.0} s; generating the ratings and their aggregate rows {generateSeconds:0.0} s.")
    .AppendLine("Run again: `dotnet run -c Release --project bench/Ratings -- --ratings 200000 --submissions 2000` (EP_TEST_DB=postgres for PostgreSQL).");
foreach (var d in differences.Take(10))
{
    report.AppendLine("- " + d);
}
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
await File.WriteAllTextAsync(output, report.ToString());
Console.WriteLine(report);
return differences.Count == 0 ? 0 : 1;

int Arg(string name, int fallback) => int.TryParse(ArgText(name, ""), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;

string ArgText(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
