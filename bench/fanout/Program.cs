// The fan-out benchmark (bench/fanout/README.md): a summary report published to N followers (20,000 by
// default): the publish action's time, the time until every follower's email has reached a real SMTP
// server (aiosmtpd), each once, and the peak memory of the process that hosts the portal.
//
//   bench/fanout/run.sh [--followers 20000] [--note "..."]

using System.Diagnostics;
using System.Globalization;
using System.Text;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Services;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}
var followers = options.TryGetValue("followers", out var f) ? int.Parse(f, CultureInfo.InvariantCulture) : 20_000;
var output = options.GetValueOrDefault("out", "bench/results");
var note = options.GetValueOrDefault("note", "");
var defaults = new OutboxOptions();
var workers = options.GetValueOrDefault("workers", defaults.Workers.ToString(CultureInfo.InvariantCulture));
var batchSize = options.GetValueOrDefault("batch", defaults.BatchSize.ToString(CultureInfo.InvariantCulture));

// The benchmarks' receiver handler (SmtpReceiver.FastHandler): aiosmtpd's own Mailbox handler tops out
// at about 380 messages a second here, alone.
using var smtp = new SmtpReceiver(fast: true);
using var portal = new PortalFactory();
portal.With("Serilog:MinimumLevel:Default", "Warning");
foreach (var (key, value) in smtp.PortalSettings())
{
    portal.With(key, value);
}
portal.With("Outbox:Workers", workers);
portal.With("Outbox:BatchSize", batchSize);
_ = portal.Services;

// A closed consultation with its report written, and N followers (one account each, a third in English).
var now = DateTime.UtcNow;
async Task<int> ClosedConsultationWithReportAsync(string titleAr, string titleEn) => await portal.WithDbAsync(async db =>
{
    var consultation = new Consultation
    {
        AgencyId = await db.Agencies.Where(a => a.Code == "hrsd").Select(a => a.Id).SingleAsync(),
        SectorId = await db.Sectors.Select(s => s.Id).FirstAsync(),
        Kind = ConsultationKind.Law,
        CreatedAt = now,
        UpdatedAt = now,
    };
    consultation.Describe(new LocalizedText(titleAr, titleEn), new LocalizedText("ملخص", "Summary"));
    consultation.Schedule(now.AddDays(-20), now.AddDays(-20), now.AddDays(-1));
    db.Consultations.Add(consultation);
    await db.SaveChangesAsync();
    db.ConsultationReports.Add(new ConsultationReport { ConsultationId = consultation.Id, Narrative = new LocalizedText("شكرًا لكل من شارك.", "Thank you."), CreatedAt = now, UpdatedAt = now });
    await db.SaveChangesAsync();
    return consultation.Id;
});
var consultationId = await ClosedConsultationWithReportAsync("مشروع قياس الإرسال", "Fan-out benchmark draft");
// A second one without followers, published first: a running portal has served requests before, so the
// measured publication is not the process's first (JIT, EF's query compilation); that first one is
// written down too.
var warmUpId = await ClosedConsultationWithReportAsync("مشروع تهيئة القياس", "Fan-out warm-up draft");
var target = consultationId.ToString(CultureInfo.InvariantCulture);
var publisher = await TestAccounts.CreateAsync(portal, agencyCode: "hrsd", roles: [Roles.LegislationReviewer]);
for (var start = 0; start < followers; start += 2000)
{
    await portal.WithDbAsync(async db =>
    {
        for (var i = start; i < Math.Min(followers, start + 2000); i++)
        {
            var email = $"follower{i}@bench.example.test";
            var user = new ApplicationUser
            {
                Id = Guid.NewGuid(),
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                FullName = "متابع " + i.ToString(CultureInfo.InvariantCulture),
                PreferredLanguage = i % 3 == 0 ? "en" : "ar",
                SecurityStamp = Guid.NewGuid().ToString("N"),
                CreatedAt = now,
            };
            db.Users.Add(user);
            db.Follows.Add(new Follow { UserId = user.Id, Kind = FollowKinds.Consultation, TargetId = target, CreatedAt = now });
        }
        await db.SaveChangesAsync();
    });
}
GC.Collect();
using var process = Process.GetCurrentProcess();
process.Refresh();
var before = process.WorkingSet64;
var peak = before;
using var sampling = new CancellationTokenSource();
var sampler = Task.Run(async () =>
{
    while (!sampling.IsCancellationRequested)
    {
        process.Refresh();
        peak = Math.Max(peak, process.WorkingSet64);
        try
        {
            await Task.Delay(100, sampling.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }
});

// The publish action: what POST .../report/publish runs (SummaryReports.PublishAsync). First the
// warm-up's (no followers), then the measured one.
var cpuBefore = process.TotalProcessorTime;
var coldClock = Stopwatch.StartNew();
await portal.WithScopeAsync(sp => sp.GetRequiredService<SummaryReports>().PublishAsync(warmUpId, publisher.Id));
var coldPublishMs = coldClock.Elapsed.TotalMilliseconds;
var clock = Stopwatch.StartNew();
var (outcome, count) = await portal.WithScopeAsync(sp => sp.GetRequiredService<SummaryReports>().PublishAsync(consultationId, publisher.Id));
var publishMs = clock.Elapsed.TotalMilliseconds;
if (outcome != PublishOutcome.Published)
{
    Console.Error.WriteLine($"Publish refused: {outcome}");
    return 1;
}

var folder = Path.Combine(smtp.Folder, "new");
double? enqueuedMs = null;
var deadline = TimeSpan.FromMinutes(10);
while (clock.Elapsed < deadline)
{
    if (enqueuedMs is null && await portal.WithDbAsync(db => db.FanOutEvents.AnyAsync(e => e.TargetId == target && e.CompletedAt != null)))
    {
        enqueuedMs = clock.Elapsed.TotalMilliseconds;
    }
    if (Directory.Exists(folder) && Directory.EnumerateFiles(folder).Count() >= followers)
    {
        break;
    }
    await Task.Delay(100);
}
var deliveredMs = clock.Elapsed.TotalMilliseconds;
process.Refresh();
var cpuMsPerEmail = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / Math.Max(1, followers);
await sampling.CancelAsync();
await sampler;
var files = Directory.Exists(folder) ? Directory.EnumerateFiles(folder).ToList() : [];
var ids = new HashSet<string>(StringComparer.Ordinal);
foreach (var file in files)
{
    foreach (var line in File.ReadLines(file))
    {
        if (line.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))
        {
            ids.Add(line[11..].Trim());
            break;
        }
        if (line.Length == 0)
        {
            break;
        }
    }
}
var perRecipient = await portal.WithDbAsync(db => db.OutboxMessages.Where(m => m.Category == "consultation.report").GroupBy(m => m.ToAddress).Select(g => g.Count()).Where(n => n > 1).CountAsync());

var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?";
var md = new StringBuilder();
md.AppendLine("# Publication of a summary report to its followers");
md.AppendLine();
md.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `bench/fanout/run.sh --followers {followers}` on PostgreSQL (throwaway, durable), the portal in-process, a real SMTP server (python3-aiosmtpd, its messages written to a Maildir as received, no fsync: SmtpReceiver's fast handler) on loopback; `Outbox:Workers` {workers}, `Outbox:BatchSize` {batchSize}. {Environment.ProcessorCount} cores; load average at the end: {load}.{(note.Length > 0 ? " " + note : "")}");
md.AppendLine();
md.AppendLine("| figure | target | measured | met |");
md.AppendLine("| --- | --- | ---: | --- |");
md.AppendLine(CultureInfo.InvariantCulture, $"| the publish action (SummaryReports.PublishAsync, what the request runs; {count:N0} followers to email) | < 500 ms | {publishMs:F0} ms | {(publishMs < 500 ? "yes" : "no")} |");
md.AppendLine(CultureInfo.InvariantCulture, $"| the first publish action in the process (another report, no followers: JIT and query compilation included) | — | {coldPublishMs:F0} ms | — |");
md.AppendLine(CultureInfo.InvariantCulture, $"| every follower enqueued by the fan-out job | — | {enqueuedMs:F0} ms | — |");
md.AppendLine(CultureInfo.InvariantCulture, $"| all {followers:N0} emails accepted by the SMTP server | < 60 s | {deliveredMs / 1000:F1} s ({files.Count:N0} received, {followers / (deliveredMs / 1000):F0}/s) | {(deliveredMs < 60_000 && files.Count >= followers ? "yes" : "no")} |");
md.AppendLine(CultureInfo.InvariantCulture, $"| distinct Message-IDs received / recipients with more than one outbox row | {followers:N0} / 0 | {ids.Count:N0} / {perRecipient} | {(ids.Count == followers && perRecipient == 0 ? "yes" : "no")} |");
md.AppendLine(CultureInfo.InvariantCulture, $"| peak working set of the process hosting the portal (before publishing: {before / 1048576:N0} MB) | < 400 MB | {peak / 1048576:N0} MB | {(peak < 400L * 1048576 ? "yes" : "no")} |");
md.AppendLine(CultureInfo.InvariantCulture, $"| CPU of the process hosting the portal, from the publication until the last email was accepted, per email | — | {cpuMsPerEmail:F2} ms | — |");
md.AppendLine();
md.AppendLine("The process also holds the benchmark itself (the accounts it created, the test server); the portal's own share is below the figure.");
Directory.CreateDirectory(output);
await File.WriteAllTextAsync(Path.Combine(output, "fanout.md"), md.ToString());
Console.WriteLine(md.ToString());
return 0;
