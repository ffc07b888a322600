using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Notifications;

/// <summary>Follows, preferences, digests, staff mailboxes and the transaction rule, with the pickup folder as transport.</summary>
public sealed class NotifierTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly FollowTarget Target = new(FollowKinds.Consultation, "9001", new LocalizedText("مشروع تعديل نظام العمل", "Draft amendment to the Labour Law"), "consultations/9001");

    [Fact]
    public async Task RolledBackAction_LeavesNoRowAndSendsNoEmail()
    {
        var email = $"rollback-{Guid.NewGuid():N}@example.test";
        await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var composer = sp.GetRequiredService<EmailComposer>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            sp.GetRequiredService<IEmailOutbox>().Enqueue(composer.Compose(email, null, "ar", new EmailContent { Subject = "لن تُرسل" }), "test.rollback");
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });

        await Task.Delay(1500);
        Assert.False(await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == email)));
        Assert.DoesNotContain(factory.PickupFolder.All(), m => m.To.Contains(email, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Followers_GetWhatTheyChose_ImmediatelyInTheirLanguage_OrNothing()
    {
        var arabic = await TestAccounts.CreateAsync(factory, language: "ar");
        var english = await TestAccounts.CreateAsync(factory, language: "en");
        var silent = await TestAccounts.CreateAsync(factory);
        await FollowAsync(arabic, english, silent);
        await SetFrequencyAsync(silent, NotificationFrequency.Never);

        var queued = await NotifyAsync("نُشر التقرير الملخص", "The summary report is published");

        Assert.Equal(2, queued);
        var ar = await factory.PickupFolder.WaitForAsync(arabic.Email!);
        Assert.StartsWith("تحديث: نُشر التقرير الملخص", ar.Subject, StringComparison.Ordinal);
        Assert.Contains("مشروع تعديل نظام العمل", ar.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://localhost/ar/consultations/9001", ar.TextBody, StringComparison.Ordinal);
        Assert.Contains("dir=\"rtl\"", ar.HtmlBody, StringComparison.Ordinal);
        var en = await factory.PickupFolder.WaitForAsync(english.Email!);
        Assert.StartsWith("Update: The summary report is published", en.Subject, StringComparison.Ordinal);
        Assert.Contains("Draft amendment to the Labour Law", en.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("dir=\"ltr\"", en.HtmlBody, StringComparison.Ordinal);
        await Task.Delay(700);
        Assert.DoesNotContain(factory.PickupFolder.All(), m => m.To.Contains(silent.Email!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DailyDigestFollower_ThreeEvents_GetOneEmailListingAllThree()
    {
        var follower = await TestAccounts.CreateAsync(factory, language: "ar");
        await FollowAsync(follower);
        await SetFrequencyAsync(follower, NotificationFrequency.DailyDigest);

        await NotifyAsync("افتُتحت الاستشارة", "Opened");
        await NotifyAsync("أُضيف مرفق جديد", "New attachment");
        await NotifyAsync("أُغلقت الاستشارة", "Closed");
        // The fan-out job writes the digest entries in the background.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await factory.WithDbAsync(db => db.FanOutEvents.AnyAsync(e => e.CompletedAt == null)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The fan-out job did not finish.");
            await Task.Delay(100);
        }
        await Task.Delay(700);
        Assert.DoesNotContain(factory.PickupFolder.All(), m => m.To.Contains(follower.Email!, StringComparison.Ordinal));

        var digests = await factory.WithScopeAsync(sp => sp.GetRequiredService<DigestSender>().SendPendingAsync(CancellationToken.None));
        Assert.True(digests >= 1);
        var digest = await factory.PickupFolder.WaitForAsync(follower.Email!);
        Assert.StartsWith("ملخصك اليومي: 3 تحديثات", digest.Subject, StringComparison.Ordinal);
        Assert.Contains("افتُتحت الاستشارة", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("أُضيف مرفق جديد", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("أُغلقت الاستشارة", digest.TextBody, StringComparison.Ordinal);
        Assert.NotEmpty(digest.Header("List-Unsubscribe"));

        // Nothing is sent twice.
        await factory.WithScopeAsync(sp => sp.GetRequiredService<DigestSender>().SendPendingAsync(CancellationToken.None));
        await Task.Delay(700);
        Assert.Single(factory.PickupFolder.All(), m => m.To.Contains(follower.Email!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PreferencesPage_AsksOnlyAboutKindsThatExist_AndSavesTheChoice()
    {
        var (client, user) = await TestAccounts.SignedInAsync(factory);
        var form = await client.PageAsync("/ar/account/notifications");
        // Consultations and ideas have items to follow; nobody follows a case or a challenge: no question about them.
        Assert.NotNull(form.QuerySelector("input[name='frequency[consultation]']"));
        Assert.NotNull(form.QuerySelector("input[name='frequency[idea]']"));
        Assert.Null(form.QuerySelector("input[name='frequency[case]']"));
        Assert.Null(form.QuerySelector("input[name='frequency[challenge]']"));

        var response = await client.SubmitAsync("/ar/account/notifications", new Dictionary<string, string>
        {
            ["frequency[consultation]"] = "DailyDigest",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await factory.WithDbAsync(db => db.NotificationPreferences.Where(p => p.UserId == user.Id).ToDictionaryAsync(p => p.Kind, p => p.Frequency));
        Assert.Equal(NotificationFrequency.DailyDigest, saved[FollowKinds.Consultation]);
        Assert.False(saved.ContainsKey(FollowKinds.Case));

        var page = await client.PageAsync("/ar/account/notifications");
        Assert.Equal("checked", page.QuerySelector("#frequency-consultation-DailyDigest")!.GetAttribute("checked"));
    }

    [Fact]
    public async Task AgencyMailboxSetByAnAdministrator_ReceivesTheTeamsEmails()
    {
        var (admin, _) = await TestAccounts.SignedInAsync(factory, [Roles.Administrator]);
        var moe = await factory.WithDbAsync(db => db.Agencies.SingleAsync(a => a.Code == "mewa"));
        var voc = $"voc-{Guid.NewGuid():N}@mewa.example.sa";
        var saved = await admin.SubmitAsync($"/ar/admin/agencies/{moe.Id}", new Dictionary<string, string> { ["VocEmail"] = voc });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var (voiceQueued, legislationQueued) = await factory.WithScopeAsync(async sp =>
        {
            var notifier = sp.GetRequiredService<Notifier>();
            var toVoc = await notifier.NotifyAgencyAsync(moe.Id, AgencyMailbox.VoiceOfBeneficiary, "test.voc", () => new EmailContent { Subject = "فكرة جديدة", Paragraphs = ["وصلت فكرة جديدة."] });
            var toLegislation = await notifier.NotifyAgencyAsync(moe.Id, AgencyMailbox.LegislationOffice, "test.legislation", () => new EmailContent { Subject = "مشاركة جديدة" });
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
            return (toVoc, toLegislation);
        });

        Assert.True(voiceQueued);
        Assert.False(legislationQueued);
        var mail = await factory.PickupFolder.WaitForAsync(voc);
        Assert.StartsWith("فكرة جديدة", mail.Subject, StringComparison.Ordinal);
    }

    private async Task FollowAsync(params ApplicationUser[] users)
    {
        await factory.WithScopeAsync(async sp =>
        {
            var notifier = sp.GetRequiredService<Notifier>();
            foreach (var user in users)
            {
                await notifier.FollowAsync(user.Id, Target.Kind, Target.Id);
                await notifier.FollowAsync(user.Id, Target.Kind, Target.Id);
            }
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
            return 0;
        });
    }

    private Task SetFrequencyAsync(ApplicationUser user, NotificationFrequency frequency) =>
        factory.WithDbAsync(async db =>
        {
            db.NotificationPreferences.Add(new NotificationPreference { UserId = user.Id, Kind = FollowKinds.Consultation, Frequency = frequency });
            await db.SaveChangesAsync();
        });

    private Task<int> NotifyAsync(string arabic, string english) =>
        factory.WithScopeAsync(async sp =>
        {
            var queued = await sp.GetRequiredService<Notifier>().NotifyFollowersAsync(Target, "test.follow", () => new EmailContent
            {
                Subject = PortalCultures.Current == "ar" ? "تحديث: " + arabic : "Update: " + english,
                Paragraphs = [PortalCultures.Current == "ar" ? arabic : english],
            });
            await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
            return queued;
        });
}
