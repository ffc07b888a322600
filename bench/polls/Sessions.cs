using System.Collections.Concurrent;
using System.Security.Claims;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Bench.Polls;

/// <summary>What a signed-in browser sends with its vote: its cookies and the form's antiforgery token.</summary>
internal sealed record BrowserSession(string Cookie, string RequestToken);

/// <summary>
/// Signs the accounts in. Two ways, checked against each other:
/// <list type="bullet">
/// <item><see cref="SignInAsync"/>, the way the sign-in form does once the password has been checked,
/// without the password check itself (PBKDF2, about 0.1 s of CPU each): Identity's
/// <c>SignInManager.SignInWithClaimsAsync</c> (what <c>PasswordSignInAsync</c> calls after a correct
/// password), which runs the portal's claims factory and the cookie handler, which stores the session
/// row through <c>DatabaseTicketStore</c> and writes the <c>ep-auth</c> cookie with the portal's
/// data-protection key ring (its keys in the database, decrypted with the deployment's certificate).
/// Then, as the poll page the person opens next would, the cookie is read back by the portal's cookie
/// handler (the session row looked up) and an antiforgery token pair is issued for that principal
/// (<c>ep-csrf</c> cookie and the form field). About five statements per account.</item>
/// <item><see cref="Minter"/>, the same cookies, session rows and tokens made in bulk (the rows with
/// binary COPY), for the 200,000: the same claims, ticket properties, session-row protector and
/// cookie format, which <see cref="Minter.CheckAgainstAsync"/> compares with accounts signed in the
/// first way before any is used. The portal, started separately, shares the key ring; every vote of
/// the burst is then the proof that it accepts each cookie (one it did not would be answered with
/// the sign-in page, and counted as a failure).</item>
/// </list>
/// </summary>
internal static class Sessions
{
    /// <summary>The claim the cookie handler puts in the cookie when a session store holds the ticket.</summary>
    public const string SessionIdClaim = "Microsoft.AspNetCore.Authentication.Cookies-SessionId";

    /// <summary>DatabaseTicketStore's protector purpose for the ticket in the session row.</summary>
    public const string SessionProtectorPurpose = "EParticipation.UserSessions.v1";

    public static async Task<(BrowserSession[] Sessions, string[] Cookies)> SignInAsync(IServiceProvider services, Guid[] userIds, int workers, string host)
    {
        var sessions = new BrowserSession[userIds.Length];
        var cookies = new string[userIds.Length];
        var users = await LoadAsync(services, userIds);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < userIds.Length)
            {
                (sessions[i], cookies[i]) = await SignInOneAsync(services, users[userIds[i]], host);
            }
        })));
        return (sessions, cookies);
    }

    /// <summary>The accounts, read in pages (the sign-in form reads the one account by its email).</summary>
    public static async Task<Dictionary<Guid, ApplicationUser>> LoadAsync(IServiceProvider services, Guid[] userIds)
    {
        var users = new Dictionary<Guid, ApplicationUser>();
        for (var from = 0; from < userIds.Length; from += 5_000)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var ids = userIds.Skip(from).Take(5_000).ToList();
            foreach (var user in await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync())
            {
                users[user.Id] = user;
            }
        }
        return users;
    }

    private static async Task<(BrowserSession, string)> SignInOneAsync(IServiceProvider services, ApplicationUser user, string host)
    {
        string auth;
        await using (var scope = services.CreateAsyncScope())
        {
            var context = Request(scope.ServiceProvider, host, "POST", "/ar/account/login");
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
            signIn.Context = context;
            await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "pwd")]);
            auth = SetCookie(context, "ep-auth");
        }
        await using (var scope = services.CreateAsyncScope())
        {
            var page = Request(scope.ServiceProvider, host, "GET", "/ar/polls");
            page.Request.Headers.Cookie = "ep-auth=" + auth;
            var result = await page.AuthenticateAsync(IdentityConstants.ApplicationScheme);
            if (!result.Succeeded || result.Principal.UserId() != user.Id)
            {
                throw new InvalidOperationException("The sign-in cookie does not sign its account in.");
            }
            page.User = result.Principal;
            var tokens = scope.ServiceProvider.GetRequiredService<IAntiforgery>().GetAndStoreTokens(page);
            return (new BrowserSession($"ep-auth={auth}; ep-csrf={SetCookie(page, "ep-csrf")}", tokens.RequestToken!), auth);
        }
    }

    public static DefaultHttpContext Request(IServiceProvider services, string host, string method, string path)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Scheme = "http";
        context.Request.Host = new HostString(host);
        context.Request.Method = method;
        context.Request.Path = path;
        return context;
    }

    /// <summary>The value of the cookie the response sets under this name.</summary>
    public static string SetCookie(HttpContext context, string name)
    {
        foreach (var header in context.Response.Headers.SetCookie)
        {
            if (header is not null && header.StartsWith(name + "=", StringComparison.Ordinal))
            {
                var end = header.IndexOf(';', StringComparison.Ordinal);
                return header[(name.Length + 1)..(end < 0 ? header.Length : end)];
            }
        }
        throw new InvalidOperationException($"No {name} cookie was set.");
    }
}
