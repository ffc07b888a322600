using System.Security.Claims;
using System.Security.Cryptography;
using EParticipation.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EParticipation.Web.Platform.Identity.Sessions;

/// <summary>
/// Server-side sessions (OWASP ASVS 3.3.1, 3.3.3): the sign-in cookie names a row of
/// <c>UserSessions</c>, and only a row that still exists signs a request in. Signing out deletes
/// the row, so a copy of the cookie replayed afterwards is a signed-out request; ending every
/// session of an account is one DELETE, seen by every instance at once.
/// Each request also checks that the ticket's security stamp is still the account's (a password
/// change, lock, role or agency change or deletion renews it), that the account is not deleted,
/// and that the session has not been idle longer than its timeout (staff 30 minutes, participants
/// 8 hours). See docs/decisions/0008-server-side-sessions.md.
/// </summary>
public sealed class DatabaseTicketStore(
    IServiceScopeFactory scopes,
    IDataProtectionProvider dataProtection,
    IOptions<IdentityOptions> identityOptions,
    IOptionsMonitor<SignInSessionOptions> sessionOptions,
    TimeProvider clock) : ITicketStore
{
    /// <summary>Last-seen is written at most once a minute per session, not on every request.</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    private readonly IDataProtector _protector = dataProtection.CreateProtector("EParticipation.UserSessions.v1");

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, userAgent: null, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreAsync(ticket, userAgent: null, cancellationToken);

    public Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken) =>
        StoreAsync(ticket, httpContext?.Request.Headers.UserAgent.ToString(), cancellationToken);

    private async Task<string> StoreAsync(AuthenticationTicket ticket, string? userAgent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var key = Base64Url(RandomNumberGenerator.GetBytes(32));
        MarkSession(ticket, key);
        var now = clock.GetUtcNow().UtcDateTime;
        var userId = Guid.Parse(ticket.Principal.FindFirstValue(identityOptions.Value.ClaimsIdentity.UserIdClaimType)
            ?? throw new InvalidOperationException("A signed-in ticket without a user id."));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Sign-ins are rare next to requests: a good moment to drop sessions that have expired.
        await db.UserSessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        db.UserSessions.Add(new UserSession
        {
            Id = key,
            UserId = userId,
            Ticket = Protect(ticket),
            Device = DeviceDescription.From(userAgent),
            IsStaff = IsStaff(ticket.Principal),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = ticket.Properties.ExpiresUtc?.UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        MarkSession(ticket, key);
        var bytes = Protect(ticket);
        var isStaff = IsStaff(ticket.Principal);
        var expires = ticket.Properties.ExpiresUtc?.UtcDateTime;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // An update, never an insert: a session ended meanwhile (sign-out elsewhere) stays ended.
        await db.UserSessions.Where(s => s.Id == key).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Ticket, bytes)
            .SetProperty(s => s.IsStaff, isStaff)
            .SetProperty(s => s.ExpiresAt, expires)
            .SetProperty(s => s.LastSeenAt, now), cancellationToken);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken) =>
        RenewAsync(key, ticket, cancellationToken);

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    /// <remarks>
    /// When the database cannot be reached, the lookup fails and the request goes to the error page,
    /// which runs the pipeline again and would look the session up again, fail again, and leave the
    /// visitor a bare 500. So the error page of a database outage is shown without the session (as to
    /// a visitor): the cookie stays, and the next request after the outage is signed in as before.
    /// </remarks>
    public Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (httpContext.Features.Get<IExceptionHandlerFeature>() is { } failure && DatabaseFailure.Is(failure.Error))
        {
            return Task.FromResult<AuthenticationTicket?>(null);
        }
        return RetrieveAsync(key, cancellationToken);
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await FindSession(db, key, cancellationToken);
        if (row is null)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var ticket = Unprotect(row.Ticket);
        var ended = ticket is null
            || row.DeletedAt is not null
            || row.ExpiresAt < now
            || now - row.LastSeenAt > sessionOptions.CurrentValue.IdleTimeout(row.IsStaff)
            || !string.Equals(ticket.Principal.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType), row.SecurityStamp, StringComparison.Ordinal);
        if (ended)
        {
            await db.UserSessions.Where(s => s.Id == key).ExecuteDeleteAsync(cancellationToken);
            return null;
        }
        if (now - row.LastSeenAt >= LastSeenResolution)
        {
            await db.UserSessions.Where(s => s.Id == key).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), cancellationToken);
        }
        return ticket;
    }

    private sealed record SessionRow(byte[] Ticket, bool IsStaff, DateTime LastSeenAt, DateTime? ExpiresAt, string? SecurityStamp, DateTime? DeletedAt);

    // Every signed-in request reads its session: compiled once, so a request does not translate the query again.
    private static readonly Func<AppDbContext, string, CancellationToken, Task<SessionRow?>> FindSession =
        EF.CompileAsyncQuery((AppDbContext db, string key, CancellationToken _) =>
            (from s in db.UserSessions.AsNoTracking()
             join u in db.Users.AsNoTracking() on s.UserId equals u.Id
             where s.Id == key
             select new SessionRow(s.Ticket, s.IsStaff, s.LastSeenAt, s.ExpiresAt, u.SecurityStamp, u.DeletedAt))
            .SingleOrDefault());

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken) => RemoveAsync(key, cancellationToken);

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.UserSessions.Where(s => s.Id == key).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Any role makes a staff session; participants hold none.</summary>
    private bool IsStaff(ClaimsPrincipal principal) =>
        principal.HasClaim(c => c.Type == identityOptions.Value.ClaimsIdentity.RoleClaimType);

    /// <summary>The session's key as a claim, so the account page can tell "this device" and keep it.</summary>
    private static void MarkSession(AuthenticationTicket ticket, string key)
    {
        if (ticket.Principal.Identity is not ClaimsIdentity identity)
        {
            return;
        }
        foreach (var old in identity.FindAll(PortalClaims.SessionId).ToList())
        {
            identity.RemoveClaim(old);
        }
        identity.AddClaim(new Claim(PortalClaims.SessionId, key));
    }

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private AuthenticationTicket? Unprotect(byte[] data)
    {
        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(data));
        }
        catch (CryptographicException)
        {
            // A key that no longer exists: the session cannot be read, so it is over.
            return null;
        }
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
