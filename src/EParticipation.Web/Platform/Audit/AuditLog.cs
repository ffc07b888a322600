using System.Security.Claims;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;

namespace EParticipation.Web.Platform.Audit;

/// <summary>
/// Adds audit entries to the current unit of work: they are saved by the same SaveChanges as the
/// action itself, so an action is never stored without its entry, nor an entry without its action.
/// </summary>
public sealed class AuditLog(AppDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public void Record(string action, string entityType, object entityId, int? agencyId = null, string? summary = null)
    {
        var user = http.HttpContext?.User;
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = clock.GetUtcNow().UtcDateTime,
            UserId = user?.UserId(),
            UserEmail = user?.FindFirstValue(ClaimTypes.Email) ?? user?.Identity?.Name,
            AgencyId = agencyId,
            Action = action,
            EntityType = entityType,
            EntityId = Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            Summary = summary is { Length: > 1000 } ? summary[..1000] : summary,
        });
    }
}
