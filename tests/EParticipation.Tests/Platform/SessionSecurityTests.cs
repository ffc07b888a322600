using System.Net;
using AngleSharp.Html.Dom;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Identity.Sessions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EParticipation.Tests.Platform;

/// <summary>
/// Sessions end on the server (issue 10, finding 1): a sign-in cookie copied before sign-out, a
/// password change or reset, a lock, a role change or a deletion no longer signs anyone in.
/// Each test replays the very cookie the browser held, as an attacker who copied it would.
/// </summary>
public sealed class SessionSecurityTests(SessionSecurityTests.ClockedPortal factory) : IClassFixture<SessionSecurityTests.ClockedPortal>
{
    [Fact]
    public async Task SignOut_ThenReplayingTheOldCookie_IsASignedOutRequest()
    {
        var user = await TestAccounts.CreateAsync(factory);
        var client = factory.Client();
        var cookie = await SignInAsync(client, user.Email!);
        Assert.True(await IsSignedInAsync(cookie, "/ar/account"));
        Assert.True(await IsSignedInAsync(cookie, "/ar/account/data"));

        await client.SubmitAsync("/ar/account", new Dictionary<string, string>(), actionEndsWith: "/account/logout");

        Assert.False(await IsSignedInAsync(cookie, "/ar/account"));
        Assert.False(await IsSignedInAsync(cookie, "/ar/account/data"));
    }

    [Fact]
    public async Task PasswordChange_EndsEveryOtherSession_AndKeepsTheOneThatChangedIt()
    {
        var user = await TestAccounts.CreateAsync(factory);
        var phone = factory.Client();
        var phoneCookie = await SignInAsync(phone, user.Email!);
        var laptop = factory.Client();
        await SignInAsync(laptop, user.Email!);

        var changed = await laptop.SubmitAsync("/ar/account/change-password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = TestAccounts.Password,
            ["NewPassword"] = "a-new-long-passphrase-2026",
            ["ConfirmPassword"] = "a-new-long-passphrase-2026",
        }, followRedirects: true);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("سُجِّل خروجك من أجهزتك الأخرى", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await IsSignedInAsync(phoneCookie, "/ar/account"));
        await laptop.PageAsync("/ar/account");
    }

    [Fact]
    public async Task PasswordReset_EndsEverySession()
    {
        var user = await TestAccounts.CreateAsync(factory);
        var cookie = await SignInAsync(factory.Client(), user.Email!);

        var stranger = factory.Client();
        await stranger.SubmitAsync("/ar/account/forgot-password", new Dictionary<string, string> { ["Email"] = user.Email! });
        var mail = await factory.PickupFolder.WaitForAsync(user.Email!);
        var link = new Uri(mail.LinkContaining("reset-password"));
        var reset = await stranger.SubmitAsync(link.PathAndQuery, new Dictionary<string, string>
        {
            ["Password"] = "another-long-passphrase-26",
            ["ConfirmPassword"] = "another-long-passphrase-26",
        });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);

        Assert.False(await IsSignedInAsync(cookie, "/ar/account"));
    }

    [Fact]
    public async Task AdministratorLock_EndsTheAccountsSessions_AndTheOldCookieCannotComment()
    {
        var user = await TestAccounts.CreateAsync(factory);
        var cookie = await SignInAsync(factory.Client(), user.Email!);
        var (admin, _) = await TestAccounts.SignedInAsync(factory, [Roles.Administrator]);

        var locked = await admin.SubmitAsync($"/ar/admin/users/{user.Id}", new Dictionary<string, string>(), actionEndsWith: "/lock");
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);

        Assert.False(await IsSignedInAsync(cookie, "/ar/account"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == user.Id)));
    }

    [Fact]
    public async Task RolesAndAgencyRemoved_EndsTheStaffSession_AtOnce()
    {
        var publisher = await TestAccounts.CreateAsync(factory, roles: [Roles.AgencyPublisher], agencyCode: "hrsd");
        var cookie = await SignInAsync(factory.Client(), publisher.Email!);
        Assert.True(await IsSignedInAsync(cookie, "/ar/staff"));
        var (admin, _) = await TestAccounts.SignedInAsync(factory, [Roles.Administrator]);

        var path = $"/ar/admin/users/{publisher.Id}";
        var page = await admin.PageAsync(path);
        page.QuerySelector("#role-AgencyPublisher")!.RemoveAttribute("checked");
        var form = page.QuerySelectorAll("main form").OfType<IHtmlFormElement>().First(f => f.GetAttribute("action")!.EndsWith(publisher.Id.ToString(), StringComparison.Ordinal));
        var saved = await admin.SubmitAsync(form, path, new Dictionary<string, string> { ["AgencyId"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var replay = await ReplayAsync(cookie, "/ar/staff");
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.StartsWith("/ar/account/login", replay.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountDeletion_EndsTheAccountsOtherSessions()
    {
        var user = await TestAccounts.CreateAsync(factory);
        var other = await SignInAsync(factory.Client(), user.Email!);
        var deleting = factory.Client();
        await SignInAsync(deleting, user.Email!);

        var deleted = await deleting.SubmitAsync("/ar/account/delete", new Dictionary<string, string>
        {
            ["Password"] = TestAccounts.Password,
            ["Understood"] = "true",
        });
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);

        Assert.False(await IsSignedInAsync(other, "/ar/account"));
        Assert.False(await IsSignedInAsync(other, "/ar/account/data"));
    }

    [Fact]
    public async Task SessionsPage_ListsEachDevice_AndSignsOutOneOrAll()
    {
        var user = await TestAccounts.CreateAsync(factory);
        var phone = factory.Client();
        phone.Http.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1");
        var phoneCookie = await SignInAsync(phone, user.Email!);
        var laptop = factory.Client();
        laptop.Http.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0");
        var laptopCookie = await SignInAsync(laptop, user.Email!);

        var account = await laptop.PageAsync("/en/account");
        Assert.NotNull(account.QuerySelector("main a[href='/en/account/sessions']"));
        var page = await laptop.PageAsync("/en/account/sessions");
        Assert.Equal("Signed-in devices", page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.StartsWith("Signed-in devices", page.Title, StringComparison.Ordinal);
        var rows = page.QuerySelectorAll("main li.ep-session");
        Assert.Equal(2, rows.Length);
        Assert.Contains("Firefox · Windows", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("This device", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Safari · iPhone", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("Sign out Safari · iPhone", rows[1].QuerySelector("button")!.GetAttribute("aria-label"));

        // Sign out the phone from the laptop.
        var endPhone = (IHtmlFormElement)rows[1].QuerySelector("form")!;
        await laptop.SubmitAsync(endPhone, "/en/account/sessions", new Dictionary<string, string>());
        Assert.False(await IsSignedInAsync(phoneCookie, "/en/account"));
        Assert.True(await IsSignedInAsync(laptopCookie, "/en/account"));

        // Sign in on the phone again, then "sign out everywhere" from the laptop.
        phoneCookie = await SignInAsync(phone, user.Email!);
        var everywhere = await laptop.SubmitAsync("/en/account/sessions", new Dictionary<string, string>(), actionEndsWith: "/sessions/end-all", followRedirects: true);
        Assert.Contains("You have been signed out on every device.", await everywhere.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await IsSignedInAsync(phoneCookie, "/en/account"));
        Assert.False(await IsSignedInAsync(laptopCookie, "/en/account"));
    }

    [Fact]
    public async Task SessionsPage_CannotEndAnotherAccountsSession()
    {
        var victim = await TestAccounts.CreateAsync(factory);
        var victimCookie = await SignInAsync(factory.Client(), victim.Email!);
        var victimSession = await factory.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == victim.Id).Select(s => s.Id).SingleAsync());
        var (attacker, _) = await TestAccounts.SignedInAsync(factory);

        var page = await attacker.PageAsync("/ar/account/sessions");
        var form = (IHtmlFormElement)page.QuerySelector("main li.ep-session form")!;
        form.Action = $"/ar/account/sessions/{victimSession}/end";
        await attacker.SubmitAsync(form, "/ar/account/sessions", new Dictionary<string, string>());

        Assert.True(await IsSignedInAsync(victimCookie, "/ar/account"));
    }

    [Fact]
    public async Task StaffSession_IdleForMoreThan30Minutes_IsSignedOut()
    {
        var staff = await TestAccounts.CreateAsync(factory, roles: [Roles.Moderator]);
        var cookie = await SignInAsync(factory.Client(), staff.Email!);

        factory.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.True(await IsSignedInAsync(cookie, "/ar/account"));
        factory.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.True(await IsSignedInAsync(cookie, "/ar/account"));
        factory.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.False(await IsSignedInAsync(cookie, "/ar/account"));
    }

    [Fact]
    public async Task ParticipantSession_SlidesForEightHours()
    {
        var user = await TestAccounts.CreateAsync(factory);
        var cookie = await SignInAsync(factory.Client(), user.Email!);

        factory.Clock.Advance(TimeSpan.FromHours(7));
        Assert.True(await IsSignedInAsync(cookie, "/ar/account"));
        factory.Clock.Advance(TimeSpan.FromHours(7));
        Assert.True(await IsSignedInAsync(cookie, "/ar/account"));
        factory.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(2));
        Assert.False(await IsSignedInAsync(cookie, "/ar/account"));
    }

    [Fact]
    public async Task KeptSession_OutlivesOtherAccountsSignIns_AndAnySignOutDropsIt()
    {
        var alice = await TestAccounts.CreateAsync(factory);
        var bob = await TestAccounts.CreateAsync(factory);
        var store = factory.Services.GetRequiredService<DatabaseTicketStore>();
        var aliceCookie = await SignInAsync(factory.Client(), alice.Email!);
        Assert.True(await IsSignedInAsync(aliceCookie, "/ar/account"));
        var aliceSession = await SessionKeyOfAsync(alice.Id);
        Assert.True(store.Keeps(aliceSession));

        // A sign-in purges expired sessions: it ends none that is in use, and the kept one stays.
        var bobClient = factory.Client();
        var bobCookie = await SignInAsync(bobClient, bob.Email!);
        Assert.True(store.Keeps(aliceSession));

        // Ending a session drops every kept one (which session a DELETE ended is not known); Alice's is read again, and is still hers.
        await bobClient.SubmitAsync("/ar/account", new Dictionary<string, string>(), actionEndsWith: "/account/logout");
        Assert.False(store.Keeps(aliceSession));
        Assert.False(await IsSignedInAsync(bobCookie, "/ar/account"));
        Assert.True(await IsSignedInAsync(aliceCookie, "/ar/account"));
        Assert.True(store.Keeps(aliceSession));
    }

    [Fact]
    public async Task SessionDeletedByAnyStatement_IsNotServedFromMemory()
    {
        var user = await TestAccounts.CreateAsync(factory);
        var store = factory.Services.GetRequiredService<DatabaseTicketStore>();
        var cookie = await SignInAsync(factory.Client(), user.Email!);
        Assert.True(await IsSignedInAsync(cookie, "/ar/account"));
        var key = await SessionKeyOfAsync(user.Id);

        // Raw SQL, not the store: the statement is noticed as any other is.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EParticipation.Web.Data.AppDbContext>();
            await db.Database.ExecuteSqlRawAsync(db.Dialect.Provider == EParticipation.Web.Data.DatabaseProvider.SqlServer
                ? "DELETE FROM [UserSessions] WHERE [Id] = {0}" : "DELETE FROM \"UserSessions\" WHERE \"Id\" = {0}", key);
        }
        Assert.False(store.Keeps(key));
        Assert.False(await IsSignedInAsync(cookie, "/ar/account"));
    }

    [Fact]
    public async Task KeptSession_IsReadAgainAndItsLastSeenWritten_AfterAMinute()
    {
        var user = await TestAccounts.CreateAsync(factory);
        var cookie = await SignInAsync(factory.Client(), user.Email!);
        Assert.True(await IsSignedInAsync(cookie, "/ar/account"));
        var signedInAt = factory.Clock.GetUtcNow().UtcDateTime;

        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(await IsSignedInAsync(cookie, "/ar/account"));
        Assert.Equal(signedInAt, await LastSeenOfAsync(user.Id));

        factory.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await IsSignedInAsync(cookie, "/ar/account"));
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime, await LastSeenOfAsync(user.Id), TimeSpan.FromMilliseconds(1));
    }

    private async Task<DateTime> LastSeenOfAsync(Guid userId)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EParticipation.Web.Data.AppDbContext>();
        return await db.UserSessions.Where(s => s.UserId == userId).Select(s => s.LastSeenAt).SingleAsync();
    }

    private async Task<string> SessionKeyOfAsync(Guid userId)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EParticipation.Web.Data.AppDbContext>();
        return await db.UserSessions.Where(s => s.UserId == userId).Select(s => s.Id).SingleAsync();
    }

    private static Task<string> SignInAsync(PortalClient client, string email) => CopiedCookies.SignInAsync(client, email);

    private Task<HttpResponseMessage> ReplayAsync(string cookie, string path) => CopiedCookies.ReplayAsync(factory, cookie, path);

    private Task<bool> IsSignedInAsync(string cookie, string path) => CopiedCookies.IsSignedInAsync(factory, cookie, path);

    public sealed class ClockedPortal : PortalFactory
    {
        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
        }
    }
}
