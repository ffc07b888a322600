using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EParticipation.Web.Platform.Identity.Sessions;

/// <summary>
/// Lists and ends an account's server-side sessions. The deletes run on the request's context, so
/// inside an action's transaction they commit (or roll back) with the change that called for them.
/// </summary>
public sealed class UserSessions(AppDbContext db, IOptionsMonitor<SignInSessionOptions> options, TimeProvider clock)
{
    public async Task<IReadOnlyList<ActiveSession>> ListAsync(Guid userId, string? currentSessionId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && (s.ExpiresAt == null || s.ExpiresAt > now))
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => new { s.Id, s.Device, s.CreatedAt, s.LastSeenAt, s.IsStaff })
            .ToListAsync(cancellationToken);
        return rows
            .Where(s => now - s.LastSeenAt <= options.CurrentValue.IdleTimeout(s.IsStaff))
            .Select(s => new ActiveSession(s.Id, s.Device, s.CreatedAt, s.LastSeenAt, s.Id == currentSessionId))
            .OrderByDescending(s => s.IsCurrent)
            .ToList();
    }

    /// <summary>Ends one session of this account (a session id of another account does nothing).</summary>
    public Task<int> EndAsync(Guid userId, string sessionId, CancellationToken cancellationToken = default) =>
        db.UserSessions.Where(s => s.UserId == userId && s.Id == sessionId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>
    /// Ends every session of the account, except <paramref name="keep"/> when given (the browser that
    /// just changed its own password).
    /// </summary>
    public Task<int> EndAllAsync(Guid userId, string? keep = null, CancellationToken cancellationToken = default) =>
        keep is null
            ? db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken)
            : db.UserSessions.Where(s => s.UserId == userId && s.Id != keep).ExecuteDeleteAsync(cancellationToken);
}
