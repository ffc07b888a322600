using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace EParticipation.Bench.Polls;

/// <summary>
/// Signed-in sessions in bulk, as the sign-in form would leave them (see <see cref="Sessions"/>):
/// the principal the portal's claims factory builds for a participant (with Identity's "amr" claim
/// of a password sign-in), the ticket properties the cookie handler sets (issued now, expiring after
/// the cookie's idle time), the ticket protected for the session row as DatabaseTicketStore does
/// (its purpose, <c>TicketSerializer</c>), the row written with binary COPY, the cookie made by the
/// cookie handler's own <c>TicketDataFormat</c>, and the antiforgery pair issued by the portal's
/// <see cref="IAntiforgery"/> for that principal.
/// </summary>
internal sealed class Minter
{
    private readonly IServiceProvider _services;
    private readonly IdentityOptions _identity;
    private readonly CookieAuthenticationOptions _cookie;
    private readonly IDataProtector _rows;
    private readonly IAntiforgery _antiforgery;
    private readonly string _host;

    public Minter(IServiceProvider services, string host)
    {
        _services = services;
        _host = host;
        _identity = services.GetRequiredService<IOptions<IdentityOptions>>().Value;
        _cookie = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        _rows = services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Sessions.SessionProtectorPurpose);
        _antiforgery = services.GetRequiredService<IAntiforgery>();
    }

    private sealed record Row(string Key, Guid UserId, byte[] Ticket, DateTime Now, DateTime Expires);

    /// <summary>What PortalClaimsFactory (over Identity's UserClaimsPrincipalFactory) and SignInWithClaimsAsync give a participant.</summary>
    public ClaimsPrincipal Principal(ApplicationUser user)
    {
        var c = _identity.ClaimsIdentity;
        var identity = new ClaimsIdentity(IdentityConstants.ApplicationScheme, c.UserNameClaimType, c.RoleClaimType);
        identity.AddClaim(new Claim(c.UserIdClaimType, user.Id.ToString()));
        identity.AddClaim(new Claim(c.UserNameClaimType, user.UserName!));
        identity.AddClaim(new Claim(c.EmailClaimType, user.Email!));
        identity.AddClaim(new Claim(c.SecurityStampClaimType, user.SecurityStamp!));
        identity.AddClaim(new Claim(PortalClaims.FullName, user.FullName));
        identity.AddClaim(new Claim(PortalClaims.AccountType, user.AccountType.ToString()));
        identity.AddClaim(new Claim(PortalClaims.Language, user.PreferredLanguage));
        if (user.AgencyId is { } agencyId)
        {
            identity.AddClaim(new Claim(PortalClaims.AgencyId, agencyId.ToString(CultureInfo.InvariantCulture)));
        }
        identity.AddClaim(new Claim("amr", "pwd"));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Sessions for these accounts: their rows written (one COPY), their cookies and tokens returned.</summary>
    public async Task<BrowserSession[]> MintAsync(IReadOnlyList<ApplicationUser> users)
    {
        var now = DateTime.UtcNow;
        var sessions = new BrowserSession[users.Count];
        var rows = new Row[users.Count];
        for (var i = 0; i < users.Count; i++)
        {
            (sessions[i], rows[i]) = Mint(users[i], now);
        }
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using (var writer = await connection.BeginBinaryImportAsync(
            """COPY "UserSessions" ("Id", "UserId", "Ticket", "Device", "IsStaff", "CreatedAt", "LastSeenAt", "ExpiresAt") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var row in rows)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(row.Key, NpgsqlDbType.Varchar);
                await writer.WriteAsync(row.UserId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(row.Ticket, NpgsqlDbType.Bytea);
                await writer.WriteAsync("", NpgsqlDbType.Varchar);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean);
                await writer.WriteAsync(row.Now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(row.Now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(row.Expires, NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }
        await db.Database.CloseConnectionAsync();
        return sessions;
    }

    private (BrowserSession, Row) Mint(ApplicationUser user, DateTime now)
    {
        var key = Base64Url(RandomNumberGenerator.GetBytes(32));
        var principal = Principal(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(PortalClaims.SessionId, key));
        var issued = new DateTimeOffset(now);
        var properties = new AuthenticationProperties { IsPersistent = false, IssuedUtc = issued, ExpiresUtc = issued.Add(_cookie.ExpireTimeSpan) };
        var ticket = new AuthenticationTicket(principal, properties, IdentityConstants.ApplicationScheme);
        var row = new Row(key, user.Id, _rows.Protect(TicketSerializer.Default.Serialize(ticket)), now, properties.ExpiresUtc!.Value.UtcDateTime);
        var cookie = _cookie.TicketDataFormat.Protect(CookieTicket(key));
        var page = Sessions.Request(_services, _host, "GET", "/ar/polls");
        page.User = principal;
        var tokens = _antiforgery.GetAndStoreTokens(page);
        return (new BrowserSession($"ep-auth={cookie}; ep-csrf={Sessions.SetCookie(page, "ep-csrf")}", tokens.RequestToken!), row);
    }

    /// <summary>What the cookie handler puts in the cookie when the ticket lives in the session store.</summary>
    private AuthenticationTicket CookieTicket(string key) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(Sessions.SessionIdClaim, key, ClaimValueTypes.String, _cookie.ClaimsIssuer)], _cookie.ClaimsIssuer)),
            null, IdentityConstants.ApplicationScheme);

    /// <summary>
    /// Compares what this class makes with what the real sign-in made for the same accounts: the
    /// session row's ticket (claims with their types, values, value types and issuers; the
    /// identity's type; the properties' keys; the expiry), the row's other columns, and the cookie's
    /// ticket. Throws at the first difference.
    /// </summary>
    public async Task CheckAgainstAsync(IReadOnlyList<ApplicationUser> users, IReadOnlyList<string> realCookies)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        for (var i = 0; i < users.Count; i++)
        {
            var cookieTicket = _cookie.TicketDataFormat.Unprotect(realCookies[i]) ?? throw new InvalidOperationException("A real sign-in cookie could not be read.");
            var key = cookieTicket.Principal.FindFirstValue(Sessions.SessionIdClaim)!;
            Same("cookie", Describe(cookieTicket), Describe(CookieTicket(key)));
            var row = await db.UserSessions.AsNoTracking().SingleAsync(s => s.Id == key);
            var real = TicketSerializer.Default.Deserialize(_rows.Unprotect(row.Ticket))!;
            var principal = Principal(users[i]);
            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(PortalClaims.SessionId, key));
            var issued = real.Properties.IssuedUtc!.Value;
            var mine = new AuthenticationTicket(principal, new AuthenticationProperties { IsPersistent = false, IssuedUtc = issued, ExpiresUtc = issued.Add(_cookie.ExpireTimeSpan) }, IdentityConstants.ApplicationScheme);
            Same("session ticket", Describe(real), Describe(mine));
            Same("session row", $"{row.UserId} {row.Device} {row.IsStaff} {row.ExpiresAt:O} {row.CreatedAt == row.LastSeenAt}",
                $"{users[i].Id}  False {real.Properties.ExpiresUtc!.Value.UtcDateTime:O} True");
        }
    }

    private static string Describe(AuthenticationTicket ticket) =>
        ticket.AuthenticationScheme + " | " + string.Join(" | ", ticket.Principal.Identities.Select(id =>
            $"{id.AuthenticationType} {id.NameClaimType} {id.RoleClaimType}: " + string.Join("; ", id.Claims.Select(c => $"{c.Type}={c.Value} ({c.ValueType}, {c.Issuer})"))))
        + " | " + string.Join(", ", ticket.Properties.Items.Select(p => $"{p.Key}={p.Value}"));

    private static void Same(string what, string real, string mine)
    {
        if (!string.Equals(real, mine, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The minted {what} differs from the real sign-in's:\n real: {real}\n mine: {mine}");
        }
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
