using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Caching;
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
/// <para>
/// A session read from its row is kept in memory, decrypted, until its last-seen time is due to be
/// written again (at most <see cref="LastSeenResolution"/>): the requests in between need neither the
/// row nor the decryption. Whatever can end a session drops every kept one at once, in this instance
/// and, once committed, in the others (<see cref="SessionChangeInterceptor"/>, topic "sessions"): any
/// DELETE of <c>UserSessions</c> rows (sign-out, "sign out everywhere", a password change or reset, a
/// lock, a role or agency change, deletion) and any write to the accounts (a new security stamp, a
/// deletion). The idle timeout, expiry and the stamp are checked on every request as before.
/// </para>
/// </summary>
public sealed class DatabaseTicketStore(
    IServiceScopeFactory scopes,
    IDataProtectionProvider dataProtection,
    IOptions<IdentityOptions> identityOptions,
    IOptionsMonitor<SignInSessionOptions> sessionOptions,
    TimeProvider clock) : ITicketStore, IInvalidatable
{
    /// <summary>Last-seen is written at most once a minute per session, not on every request.</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    public const string InvalidationTopic = "sessions";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("EParticipation.UserSessions.v1");

    // Sessions read from their rows, by key; served only under the version they were read in.
    private readonly ConcurrentDictionary<string, KeptSession> _kept = new(StringComparer.Ordinal);

    private long _version;

    string IInvalidatable.Topic => InvalidationTopic;

    void IInvalidatable.Invalidate() => Changed();

    /// <summary>A session or an account may have ended or changed: no kept session is served again.</summary>
    public void Changed()
    {
        Interlocked.Increment(ref _version);
        _kept.Clear();
    }

    /// <summary>How many sessions are kept in memory.</summary>
    public int KeptCount => _kept.Count;

    /// <summary>Whether the session is kept in memory and would be served from there now.</summary>
    public bool Keeps(string key) => _kept.TryGetValue(key, out var kept) && kept.Version == Interlocked.Read(ref _version);

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
        // Expired sessions are never served, kept or not: their purge does not drop the kept ones.
        await db.UserSessions.TagWith(SessionChangeInterceptor.PurgeOfExpired).Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
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
        _kept.TryRemove(key, out _);
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
        var now = clock.GetUtcNow().UtcDateTime;
        if (_kept.TryGetValue(key, out var kept))
        {
            if (kept.Version == Interlocked.Read(ref _version)
                && now >= kept.LastSeenAt && now - kept.LastSeenAt < LastSeenResolution
                && !(kept.ExpiresAt < now))
            {
                // The caller may change what it is given (claims, a renewal's properties): a copy.
                return kept.Ticket.Clone();
            }
            _kept.TryRemove(key, out _);
        }
        var version = Interlocked.Read(ref _version);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await FindSession(db, key, cancellationToken);
        if (row is null)
        {
            return null;
        }
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
        var lastSeen = row.LastSeenAt;
        if (now - lastSeen >= LastSeenResolution)
        {
            await db.UserSessions.Where(s => s.Id == key).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), cancellationToken);
            lastSeen = now;
        }
        // Kept only if nothing that could end it happened since the read began.
        if (Interlocked.Read(ref _version) == version)
        {
            _kept[key] = new KeptSession(version, ticket!.Clone(), lastSeen, row.ExpiresAt);
        }
        return ticket;
    }

    private sealed record KeptSession(long Version, AuthenticationTicket Ticket, DateTime LastSeenAt, DateTime? ExpiresAt);

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
        _kept.TryRemove(key, out _);
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

/// <summary>
/// Notices the statements that can end a session, whatever sends them, for <see cref="DatabaseTicketStore"/>:
/// a DELETE of <c>UserSessions</c> rows and any write to the accounts (<c>AspNetUsers</c>: a new
/// security stamp, a lock, a deletion). New sessions and last-seen updates do not end any, and are let be.
/// </summary>
public sealed class SessionChangeInterceptor(DatabaseTicketStore store, CrossInstanceInvalidation others) : TableWriteInterceptor(others)
{
    /// <summary>The tag of the statement that deletes only expired sessions (at each sign-in), which ends none that is served.</summary>
    public const string PurgeOfExpired = "ep: purge of expired sessions";

    protected override string Topic => DatabaseTicketStore.InvalidationTopic;

    protected override bool IsWatchedWrite(AppDbContext db, string sql) => MayEndSessions(sql);

    protected override void Changed() => store.Changed();

    internal static bool MayEndSessions(string sql) =>
        WritesTable(sql, "AspNetUsers")
        || (DeletesFrom(sql, "UserSessions") && !sql.AsSpan().TrimStart().StartsWith("-- " + PurgeOfExpired, StringComparison.Ordinal));
}
