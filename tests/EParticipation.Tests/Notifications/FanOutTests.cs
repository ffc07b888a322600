using System.Globalization;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EParticipation.Tests.Notifications;

/// <summary>
/// The portal with the fan-out job stopped (the tests run it by hand, as several instances would),
/// its clock set by the tests and a real SMTP server behind the outbox.
/// </summary>
public sealed class FanOutPortal : PortalFactory
{
    public FanOutPortal()
    {
        With("FanOut:Enabled", "false");
        foreach (var (key, value) in Smtp.PortalSettings())
        {
            With(key, value);
        }
    }

    public TestClock Clock { get; } = new();

    public SmtpReceiver Smtp { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Smtp.Dispose();
        }
    }
}

/// <summary>
/// Telling many followers: the action records one event; the job writes one email (or digest entry)
/// per follower in batches, exactly once whatever happens to the job, and the dispatcher hands each
/// to the SMTP server once.
/// </summary>
public sealed class FanOutTests(FanOutPortal factory) : IClassFixture<FanOutPortal>
{
    // Enough for several batches before and after the crash; each email also goes through the real
    // SMTP server (on SQLite one dispatcher at a time), so 2,000 took this class 4-5 minutes on CI.
    private const int Followers = 600;

    [Fact]
    public async Task ManyFollowers_JobKilledHalfWayAndTakenOverByAnotherInstance_EveryFollowerGetsOneEmail()
    {
        var target = NewTarget();
        var plan = await FollowersAsync(target, Followers);

        // The action: one event with its two languages, no follower email yet.
        var queued = await NotifyAsync(target);
        Assert.Equal(plan.Immediate, queued);
        Assert.Equal(0, await OutboxRowsAsync(target));
        Assert.Equal(1, await factory.WithDbAsync(db => db.FanOutEvents.CountAsync(e => e.TargetId == target.Id)));

        // The first instance writes two batches of 100 and dies holding its claim.
        var first = Job("instance-1", batchSize: 100);
        var partial = await first.RunAsync(CancellationToken.None, maxBatches: 2);
        Assert.Equal(2, partial.Batches);
        var afterCrash = await OutboxRowsAsync(target);
        Assert.InRange(afterCrash, 1, plan.Immediate - 1);

        // While its lease holds nobody else takes the event.
        var second = Job("instance-2", batchSize: 100);
        Assert.Equal(0, (await second.RunAsync(CancellationToken.None)).Batches);
        Assert.Equal(afterCrash, await OutboxRowsAsync(target));

        // Once it has run out, the second instance goes on from the last committed batch.
        factory.Clock.Advance(TimeSpan.FromSeconds(61));
        var rest = await second.RunAsync(CancellationToken.None);
        Assert.Equal(1, rest.Events);

        await AssertEachFollowerOnceAsync(target, plan);
        // The SMTP server writes each message before it answers, so once every row is sent the Maildir holds them all.
        await WaitUntilAsync(() => factory.WithDbAsync(db => db.OutboxMessages.AllAsync(m => m.FanOutEventId == null || m.Status == OutboxStatus.Sent)), timeoutSeconds: 300);
        var mail = factory.Smtp.Mailbox.All().Where(m => m.To.Contains(target.Domain, StringComparison.Ordinal)).ToList();
        Assert.Equal(plan.Immediate, mail.Count);
        Assert.Equal(plan.Immediate, mail.Select(m => m.MessageId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(plan.Immediate, mail.Select(m => m.To).Distinct(StringComparer.Ordinal).Count());

        // Each in its follower's language, with an unsubscribe link signed for that follower.
        var english = mail.First(m => m.To.Contains("-en@", StringComparison.Ordinal));
        Assert.StartsWith("Update: the report is out", english.Subject, StringComparison.Ordinal);
        Assert.Contains("dir=\"ltr\"", english.HtmlBody, StringComparison.Ordinal);
        var arabic = mail.First(m => m.To.Contains("-ar@", StringComparison.Ordinal));
        Assert.StartsWith("تحديث: نُشر التقرير", arabic.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(FanOutContent.TokenPlaceholder, arabic.Raw, StringComparison.Ordinal);
        var link = arabic.LinkContaining("/notifications/unsubscribe?token=");
        var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        var request = factory.Services.GetRequiredService<UnsubscribeTokens>().Read(token);
        Assert.NotNull(request);
        var owner = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == request.UserId).Select(u => u.Email).SingleAsync());
        Assert.Contains(owner!, arabic.To, StringComparison.Ordinal);
        Assert.Equal(FollowKinds.Consultation, request.Kind);
    }

    [Fact]
    public async Task TwoInstancesRunningAtOnce_WriteEachFollowerOnce()
    {
        var target = NewTarget();
        var plan = await FollowersAsync(target, 300);
        await NotifyAsync(target);

        var one = Job("racer-1", batchSize: 25);
        var two = Job("racer-2", batchSize: 25);
        await Task.WhenAll(Task.Run(() => one.RunAsync(CancellationToken.None)), Task.Run(() => two.RunAsync(CancellationToken.None)));

        await AssertEachFollowerOnceAsync(target, plan);
        Assert.NotNull(await factory.WithDbAsync(db => db.FanOutEvents.Where(e => e.TargetId == target.Id).Select(e => e.CompletedAt).SingleAsync()));
    }

    private async Task AssertEachFollowerOnceAsync(Target target, Plan plan)
    {
        var perRecipient = await factory.WithDbAsync(db => db.OutboxMessages
            .Where(m => m.ToAddress.EndsWith(target.Domain))
            .GroupBy(m => m.ToAddress)
            .Select(g => g.Count())
            .ToListAsync());
        Assert.Equal(plan.Immediate, perRecipient.Count);
        Assert.All(perRecipient, n => Assert.Equal(1, n));
        var digests = await factory.WithDbAsync(db => db.DigestItems.Where(d => d.TargetId == target.Id).GroupBy(d => d.UserId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(plan.Digest, digests.Count);
        Assert.All(digests, n => Assert.Equal(1, n));
        var recorded = await factory.WithDbAsync(db => db.FanOutEvents.Where(e => e.TargetId == target.Id).Select(e => new { e.Emails, e.DigestItems }).SingleAsync());
        Assert.Equal(plan.Immediate, recorded.Emails);
        Assert.Equal(plan.Digest, recorded.DigestItems);
    }

    private FanOutJob Job(string name, int batchSize) => new(
        factory.Services.GetRequiredService<IServiceScopeFactory>(),
        factory.Services.GetRequiredService<OutboxSignal>(),
        Options.Create(new FanOutOptions { BatchSize = batchSize, LeaseSeconds = 60 }),
        factory.Clock,
        NullLogger<FanOutJob>.Instance) { Instance = name };

    private sealed record Plan(int Immediate, int Digest);

    private sealed record Target(FollowTarget Follow, string Domain)
    {
        public string Id => Follow.Id;

        public static implicit operator FollowTarget(Target t) => t.Follow;
    }

    private static Target NewTarget()
    {
        var id = Random.Shared.Next(100_000, 900_000).ToString(CultureInfo.InvariantCulture);
        return new Target(new FollowTarget(FollowKinds.Consultation, id, new LocalizedText("مشروع نظام " + id, "Draft law " + id), "consultations/" + id), $"@fanout-{id}.example.test");
    }

    /// <summary>
    /// Followers stored directly: a third in English; every tenth chose the daily digest, every tenth
    /// (another) chose never, one has no address any more (a deleted account's follow).
    /// </summary>
    private async Task<Plan> FollowersAsync(Target target, int count)
    {
        int immediate = 0, digest = 0;
        await factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                var language = i % 3 == 0 ? "en" : "ar";
                var email = $"f{i}-{language}{target.Domain}";
                var user = new ApplicationUser
                {
                    Id = Guid.NewGuid(),
                    UserName = email,
                    NormalizedUserName = email.ToUpperInvariant(),
                    Email = i == 7 ? null : email,
                    NormalizedEmail = i == 7 ? null : email.ToUpperInvariant(),
                    EmailConfirmed = true,
                    FullName = "متابع " + i.ToString(CultureInfo.InvariantCulture),
                    PreferredLanguage = language,
                    SecurityStamp = Guid.NewGuid().ToString("N"),
                    CreatedAt = factory.Clock.GetUtcNow().UtcDateTime,
                };
                db.Users.Add(user);
                db.Follows.Add(new Follow { UserId = user.Id, Kind = FollowKinds.Consultation, TargetId = target.Id, CreatedAt = user.CreatedAt });
                if (i % 10 == 1)
                {
                    db.NotificationPreferences.Add(new NotificationPreference { UserId = user.Id, Kind = FollowKinds.Consultation, Frequency = NotificationFrequency.DailyDigest });
                    digest++;
                }
                else if (i % 10 == 2)
                {
                    db.NotificationPreferences.Add(new NotificationPreference { UserId = user.Id, Kind = FollowKinds.Consultation, Frequency = NotificationFrequency.Never });
                }
                else if (i != 7)
                {
                    immediate++;
                }
            }
            await db.SaveChangesAsync();
        });
        return new Plan(immediate, digest);
    }

    private Task<int> NotifyAsync(FollowTarget target) =>
        factory.WithScopeAsync(async sp =>
        {
            var queued = await sp.GetRequiredService<Notifier>().NotifyFollowersAsync(target, "test.fanout", () => new EmailContent
            {
                Subject = PortalCultures.Current == "ar" ? "تحديث: نُشر التقرير" : "Update: the report is out",
                Paragraphs = [PortalCultures.Current == "ar" ? "نشرت الجهة تقريرها الملخص." : "The agency has published its summary report."],
            });
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
            return queued;
        });

    private Task<int> OutboxRowsAsync(Target target) =>
        factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress.EndsWith(target.Domain)));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold before the deadline.");
            await Task.Delay(250);
        }
    }
}
