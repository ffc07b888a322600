using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Notifications;

/// <summary>The unsubscribe link of every email: works signed out, refuses tampered and expired tokens with a clear page.</summary>
public sealed class UnsubscribeTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task LinkFromAnEmail_SignedOut_ShowsAConfirmationAndThenStopsThatKind()
    {
        var user = await TestAccounts.CreateAsync(factory, language: "en");
        var link = await factory.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<Notifier>().UnsubscribeUrl(user.Id, FollowKinds.Consultation, "en")));
        var path = new Uri(link).PathAndQuery;
        var visitor = factory.Client();

        var confirm = await visitor.PageAsync(path);
        Assert.Contains("Consultations", confirm.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.False(await HasPreferenceAsync(user.Id, FollowKinds.Consultation), "Opening the link alone changes nothing.");

        var done = await visitor.SubmitAsync(path, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("You have been unsubscribed", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(NotificationFrequency.Never, await FrequencyAsync(user.Id, FollowKinds.Consultation));
        Assert.False(await HasPreferenceAsync(user.Id, FollowKinds.Idea));
    }

    [Fact]
    public async Task OneClickFromAMailClient_StopsAllFollowEmails()
    {
        var user = await TestAccounts.CreateAsync(factory);
        var link = await factory.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<Notifier>().UnsubscribeUrl(user.Id, UnsubscribeTokens.AllKinds, "ar")));

        // RFC 8058: the client POSTs "List-Unsubscribe=One-Click" to the List-Unsubscribe address.
        var response = await factory.Browser().PostAsync(new Uri(link).PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var kind in FollowKinds.All)
        {
            Assert.Equal(NotificationFrequency.Never, await FrequencyAsync(user.Id, kind));
        }
    }

    [Fact]
    public async Task TamperedToken_IsRefusedWithAClearPage()
    {
        var user = await TestAccounts.CreateAsync(factory);
        var token = await factory.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<UnsubscribeTokens>().Create(user.Id, FollowKinds.Case)));
        var tampered = token[..^4] + (token[^4] == 'A' ? 'B' : 'A') + token[^3..];

        foreach (var bad in new[] { tampered, "not-a-token" })
        {
            var get = await factory.Browser().GetAsync($"/ar/notifications/unsubscribe?token={Uri.EscapeDataString(bad)}");
            Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
            Assert.Contains("لا يمكن استخدام رابط إلغاء الاشتراك هذا", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var post = await factory.Browser().PostAsync($"/ar/notifications/unsubscribe?token={Uri.EscapeDataString(bad)}", new FormUrlEncodedContent([]));
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        }
        Assert.False(await HasPreferenceAsync(user.Id, FollowKinds.Case));
    }

    [Fact]
    public async Task ExpiredToken_IsRefused()
    {
        var user = await TestAccounts.CreateAsync(factory);
        var old = await factory.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<UnsubscribeTokens>().Create(user.Id, FollowKinds.Idea, DateTimeOffset.UtcNow - UnsubscribeTokens.Lifetime - TimeSpan.FromHours(1))));

        var response = await factory.Browser().PostAsync($"/en/notifications/unsubscribe?token={Uri.EscapeDataString(old)}", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The link is not valid or has expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await HasPreferenceAsync(user.Id, FollowKinds.Idea));
    }

    private Task<bool> HasPreferenceAsync(Guid userId, string kind) =>
        factory.WithDbAsync(db => db.NotificationPreferences.AnyAsync(p => p.UserId == userId && p.Kind == kind));

    private Task<NotificationFrequency> FrequencyAsync(Guid userId, string kind) =>
        factory.WithDbAsync(db => db.NotificationPreferences.Where(p => p.UserId == userId && p.Kind == kind).Select(p => p.Frequency).SingleAsync());
}
