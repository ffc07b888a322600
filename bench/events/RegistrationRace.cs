using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using EParticipation.Bench.Shared;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Areas.Events.Domain;
using EParticipation.Web.Areas.Events.Services;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Bench.Events;

/// <summary>
/// An event whose capacity is taken but for the last few places; a crowd of signed-in people, each
/// with the event page open (its antiforgery token), all press "Register" at once through
/// POST /ar/events/{id}/register (authentication, antiforgery, rate limiter, the controller and
/// <see cref="EventRegistrations"/>), at most N requests in flight. Then the rows are checked.
/// </summary>
internal static class RegistrationRace
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(int people, int connections, int left, string outFolder, string note)
    {
        var started = Stopwatch.StartNew();
        using var portal = new BenchPortal();
        _ = portal.Services;
        Log(started, "portal started, migrated and seeded");

        // The event: capacity = places already taken + the places left; the taken ones registered first.
        var holders = 40;
        var now = DateTime.UtcNow;
        var creator = await TestAccounts.CreateAsync(portal);
        var eventId = await portal.WithDbAsync(async db =>
        {
            var e = new PortalEvent
            {
                AgencyId = await db.Agencies.Where(a => a.Code == "moj").Select(a => a.Id).SingleAsync(),
                Kind = EventKind.Hackathon,
                Title = new LocalizedText("هاكاثون العدالة الرقمية", "Digital justice hackathon"),
                Description = new LocalizedText("سباق على آخر المقاعد", "A race for the last places"),
                StartsAt = now.AddDays(10),
                EndsAt = now.AddDays(10).AddHours(8),
                RegistrationOpensAt = now.AddDays(-1),
                RegistrationClosesAt = now.AddDays(9),
                Address = "طريق الملك فهد",
                City = "الرياض",
                Capacity = holders + left,
                CreatedById = creator.Id,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Events.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });
        for (var i = 0; i < holders; i++)
        {
            var holder = await TestAccounts.CreateAsync(portal);
            await portal.WithScopeAsync(sp => sp.GetRequiredService<EventRegistrations>().RegisterAsync(eventId, holder, SeatPool.General, null, [], CancellationToken.None));
        }
        Log(started, $"event {eventId}: {holders} of {holders + left} places taken");

        // The crowd: accounts, each signed in through the form, each with the event page open.
        var path = $"/ar/events/{eventId}";
        var crowd = new (PortalClient Client, ApplicationUser User, string Token)[people];
        await Parallel.ForEachAsync(Enumerable.Range(0, people), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var user = await TestAccounts.CreateAsync(portal);
            var client = portal.Client();
            await client.SignInAsync(user.Email!, TestAccounts.Password);
            var page = await client.PageAsync(path);
            var form = page.QuerySelector($"form[action='{path}/register']") ?? throw new InvalidOperationException("The event page has no registration form.");
            crowd[i] = (client, user, form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!);
        });
        Log(started, $"{people:N0} people signed in with the page open");

        // The race.
        var statuses = new HttpStatusCode[people];
        var latencies = new double[people];
        var answeredAt = new int[people];
        var answered = 0;
        var errors = new ConcurrentDictionary<string, int>();
        using var gate = new SemaphoreSlim(connections);
        var load = BenchMachine.LoadAverage();
        var race = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, people).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var (client, _, token) = crowd[i];
                var timer = Stopwatch.StartNew();
                using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Pool", "General"), new("Input.AsTeam", "false")]);
                using var response = await client.Http.PostAsync(new Uri($"{path}/register", UriKind.Relative), content);
                latencies[i] = timer.Elapsed.TotalMilliseconds;
                statuses[i] = response.StatusCode;
                answeredAt[i] = Interlocked.Increment(ref answered);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                errors.AddOrUpdate(e.GetType().Name + ": " + e.Message, 1, (_, n) => n + 1);
            }
            finally
            {
                gate.Release();
            }
        }));
        race.Stop();
        Log(started, $"race: {people:N0} registrations in {race.Elapsed.TotalSeconds:0.0} s");

        // The check.
        var ids = crowd.Select(c => c.User.Id).ToList();
        var rows = await portal.WithDbAsync(db => db.EventRegistrations.AsNoTracking().Where(r => r.EventId == eventId && ids.Contains(r.UserId))
            .Select(r => new { r.Id, r.UserId, r.Status, r.Seats }).ToListAsync());
        var stored = await portal.WithDbAsync(db => db.Events.AsNoTracking().SingleAsync(e => e.Id == eventId));
        var seatsHeld = await portal.WithDbAsync(db => db.EventRegistrations.Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Confirmed).SumAsync(r => r.Seats));
        var confirmed = rows.Where(r => r.Status == RegistrationStatus.Confirmed).ToList();
        var waitlisted = rows.Where(r => r.Status == RegistrationStatus.Waitlisted).OrderBy(r => r.Id).ToList();
        var byUser = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        // Arrival order: the waitlist is ordered by registration id, the order in which the database took
        // the registrations; every confirmed registration came before every waitlisted one.
        var confirmedBeforeWaitlist = confirmed.Count == 0 || waitlisted.Count == 0 || confirmed.Max(r => r.Id) < waitlisted.Min(r => r.Id);
        // How closely the waitlist follows the order in which the people got their answer (a pair is
        // "in order" when the earlier-answered person is also earlier in the list).
        var answerRanks = waitlisted.Select(r => answeredAt[byUser[r.UserId]]).ToArray();
        long inOrder = 0, pairs = 0;
        for (var a = 0; a < answerRanks.Length; a++)
        {
            for (var b = a + 1; b < answerRanks.Length; b++)
            {
                pairs++;
                if (answerRanks[a] < answerRanks[b])
                {
                    inOrder++;
                }
            }
        }
        var check = new Check(
            Confirmed: confirmed.Count,
            Waitlisted: waitlisted.Count,
            Rows: rows.Count,
            OneRowPerPerson: rows.Select(r => r.UserId).Distinct().Count() == rows.Count,
            SeatsHeldByConfirmed: seatsHeld,
            Capacity: stored.Capacity,
            CounterGeneralTaken: stored.GeneralTaken,
            ConfirmedBeforeWaitlist: confirmedBeforeWaitlist,
            WaitlistPairsInAnswerOrder: pairs == 0 ? 1 : inOrder / (double)pairs,
            Statuses: statuses.GroupBy(s => ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.Count()),
            Errors: errors.ToDictionary());
        var passed = check.Confirmed == left && check.Waitlisted == people - left && check.OneRowPerPerson && check.Rows == people
            && check.SeatsHeldByConfirmed == check.Capacity && check.CounterGeneralTaken == check.Capacity && check.ConfirmedBeforeWaitlist
            && statuses.All(s => s == HttpStatusCode.Redirect) && check.Errors.Count == 0;
        var sorted = latencies.Order().ToArray();
        var figures = new Figures(
            People: people,
            Connections: connections,
            PlacesLeft: left,
            Seconds: race.Elapsed.TotalSeconds,
            RegistrationsPerSecond: people / race.Elapsed.TotalSeconds,
            P50Ms: sorted[(int)(0.50 * (sorted.Length - 1))],
            P99Ms: sorted[(int)(0.99 * (sorted.Length - 1))],
            MaxMs: sorted[^1],
            LoadAverageBefore: load,
            LoadAverageAfter: BenchMachine.LoadAverage(),
            Cores: Environment.ProcessorCount,
            Check: check,
            Passed: passed,
            Note: note,
            Date: DateTime.UtcNow);
        Directory.CreateDirectory(outFolder);
        await File.WriteAllTextAsync(Path.Combine(outFolder, "events.json"), JsonSerializer.Serialize(figures, Indented));
        await File.WriteAllTextAsync(Path.Combine(outFolder, "events.md"), Markdown(figures));
        Log(started, passed ? "check passed" : "CHECK FAILED");
        return passed ? 0 : 1;
    }

    private static string Markdown(Figures f)
    {
        var c = f.Check;
        var md = new StringBuilder();
        md.AppendLine("# Events: registrations racing for the last places");
        md.AppendLine();
        md.AppendLine($"Measured {f.Date:yyyy-MM-dd HH:mm} UTC by `bench/events/run.sh` ([bench/events/README.md](../events/README.md)).{(string.IsNullOrEmpty(f.Note) ? "" : " Note: " + f.Note)}");
        md.AppendLine();
        md.AppendLine("| figure | value |");
        md.AppendLine("| --- | ---: |");
        md.AppendLine($"| people registering at once | {f.People:N0} |");
        md.AppendLine($"| requests in flight at most | {f.Connections} |");
        md.AppendLine($"| places left when the race starts | {f.PlacesLeft} of {c.Capacity} |");
        md.AppendLine($"| race duration | {f.Seconds:0.0} s |");
        md.AppendLine($"| registrations/s | {f.RegistrationsPerSecond:N0} |");
        md.AppendLine($"| latency p50 / p99 / max | {f.P50Ms:0.0} / {f.P99Ms:0.0} / {f.MaxMs:0} ms |");
        md.AppendLine();
        md.AppendLine("## Check");
        md.AppendLine();
        md.AppendLine($"- confirmed: {c.Confirmed} (expected {f.PlacesLeft}); waitlisted: {c.Waitlisted} (expected {f.People - f.PlacesLeft}); one registration per person: {(c.OneRowPerPerson ? "yes" : "NO")}");
        md.AppendLine($"- seats held by confirmed registrations: {c.SeatsHeldByConfirmed}; the event's counter: {c.CounterGeneralTaken}; capacity: {c.Capacity}: **capacity {(c.SeatsHeldByConfirmed <= c.Capacity && c.CounterGeneralTaken <= c.Capacity ? "never exceeded" : "EXCEEDED")}**");
        md.AppendLine($"- every confirmed registration was taken before every waitlisted one (registration ids): {(c.ConfirmedBeforeWaitlist ? "yes" : "NO")}; the waitlist is ordered by those ids (the order the database took the registrations)");
        md.AppendLine($"- pairs of waitlisted people in the same order as their answers came back: {c.WaitlistPairsInAnswerOrder:P1} (answers travel back concurrently, so this is near but not exactly 100 %)");
        md.AppendLine($"- HTTP statuses: {string.Join(", ", c.Statuses.Select(s => $"{s.Key}: {s.Value:N0}"))}; client errors: {(c.Errors.Count == 0 ? "none" : string.Join("; ", c.Errors.Select(e => $"{e.Key} x{e.Value}")))}");
        md.AppendLine($"- **{(f.Passed ? "passed" : "FAILED")}**");
        md.AppendLine();
        md.AppendLine("## Machine");
        md.AppendLine();
        md.AppendLine($"{f.Cores} cores shared with the other engineers' builds, tests and browsers; load average (1, 5, 15 min) {f.LoadAverageBefore} before the race, {f.LoadAverageAfter} after. PostgreSQL durable as in production (fsync and synchronous_commit on). The portal in-process (WebApplicationFactory's test server: the whole ASP.NET Core pipeline without Kestrel's sockets).");
        return md.ToString();
    }

    private static void Log(Stopwatch started, string message) => Console.WriteLine($"[{started.Elapsed:mm\\:ss}] {message}");

    private sealed record Check(int Confirmed, int Waitlisted, int Rows, bool OneRowPerPerson, int SeatsHeldByConfirmed, int Capacity, int CounterGeneralTaken,
        bool ConfirmedBeforeWaitlist, double WaitlistPairsInAnswerOrder, Dictionary<string, int> Statuses, Dictionary<string, int> Errors);

    private sealed record Figures(int People, int Connections, int PlacesLeft, double Seconds, double RegistrationsPerSecond, double P50Ms, double P99Ms, double MaxMs,
        string LoadAverageBefore, string LoadAverageAfter, int Cores, Check Check, bool Passed, string Note, DateTime Date);
}
