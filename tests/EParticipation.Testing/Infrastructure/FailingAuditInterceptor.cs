using EParticipation.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EParticipation.Tests.Infrastructure;

/// <summary>
/// Makes the database refuse the SaveChanges that writes an audit entry of the armed action, as a
/// lost connection or a full disk would at that moment. Register it as an app IInterceptor to show
/// that an action and its audit entry commit together or not at all.
/// </summary>
public sealed class FailingAuditInterceptor : SaveChangesInterceptor
{
    private readonly Lock _gate = new();
    private string? _armed;

    /// <summary>Fails the next save of an audit entry with this action (for example "agency.created").</summary>
    public void Arm(string action)
    {
        lock (_gate)
        {
            _armed = action;
        }
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        string? armed;
        lock (_gate)
        {
            armed = _armed;
        }
        if (armed is not null && eventData.Context is { } context
            && context.ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added && e.Entity.Action == armed))
        {
            lock (_gate)
            {
                _armed = null;
            }
            throw new DbUpdateException("The database refused the audit entry (test fault).");
        }
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}
