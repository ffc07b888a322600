using System.Diagnostics;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Caching;
using EParticipation.Web.Platform.Identity.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Platform;

/// <summary>
/// Two portal instances on one database, each keeping the sessions it has read in memory: signing out
/// through one ends the session in the other too, within moments (PostgreSQL LISTEN/NOTIFY; on SQLite
/// the polled version rows that SQL Server uses), not when its kept copy would have been read again.
/// </summary>
public sealed class SessionsAcrossInstancesTests
{
    [Fact]
    public async Task SignOutThroughOneInstance_EndsTheSessionTheOtherKeeps()
    {
        using var first = Instance(new PortalFactory());
        using var second = Instance(PortalFactory.OnDatabase(first.Database));
        await first.Services.GetRequiredService<CrossInstanceInvalidation>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        await second.Services.GetRequiredService<CrossInstanceInvalidation>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        var user = await TestAccounts.CreateAsync(first);
        var browser = first.Client();
        var cookie = await CopiedCookies.SignInAsync(browser, user.Email!);

        // The second instance reads the session once and then keeps it.
        Assert.True(await CopiedCookies.IsSignedInAsync(second, cookie, "/ar/account"));
        Assert.True(await CopiedCookies.IsSignedInAsync(second, cookie, "/ar/account"));
        var secondStore = second.Services.GetRequiredService<DatabaseTicketStore>();

        await browser.SubmitAsync("/ar/account", new Dictionary<string, string>(), actionEndsWith: "/account/logout");
        var signedOut = Stopwatch.StartNew();
        Assert.False(await CopiedCookies.IsSignedInAsync(first, cookie, "/ar/account"));

        var deadline = TimeSpan.FromSeconds(TestDatabase.Provider == DatabaseProvider.Postgres ? 3 : 5);
        while (await CopiedCookies.IsSignedInAsync(second, cookie, "/ar/account"))
        {
            Assert.True(signedOut.Elapsed < deadline, $"The second instance still signed the copied cookie in {signedOut.Elapsed.TotalMilliseconds:F0} ms after the sign-out.");
            await Task.Delay(50);
        }
        Assert.Equal(0, secondStore.KeptCount);
    }

    private static PortalFactory Instance(PortalFactory portal) =>
        TestDatabase.Provider == DatabaseProvider.Sqlite
            ? portal.With("Cache:Invalidation", nameof(InvalidationMode.Polled)).With("Cache:PollMilliseconds", "200")
            : portal;
}
