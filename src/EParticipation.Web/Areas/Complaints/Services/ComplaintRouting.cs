using EParticipation.Web.Areas.Complaints.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Complaints.Services;

/// <summary>Reads the routing table, and counts referrals (the only trace a referral leaves).</summary>
public sealed class ComplaintRouting(AppDbContext db, TimeProvider clock)
{
    /// <summary>The choices under <paramref name="parentCode"/> (null: the first question).</summary>
    public async Task<(ComplaintRoute? Parent, IReadOnlyList<ComplaintRoute> Choices)> ChoicesAsync(string? parentCode, CancellationToken cancellationToken = default)
    {
        ComplaintRoute? parent = null;
        if (parentCode is not null)
        {
            parent = await db.ComplaintRoutes.AsNoTracking().SingleOrDefaultAsync(r => r.Code == parentCode && r.IsActive && r.Target == RouteTarget.Choose, cancellationToken);
            if (parent is null)
            {
                return (null, []);
            }
        }
        var parentId = parent?.Id;
        var choices = await db.ComplaintRoutes.AsNoTracking()
            .Where(r => r.ParentId == parentId && r.IsActive)
            .OrderBy(r => r.Order).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
        return (parent, choices);
    }

    public Task<ComplaintRoute?> FindAsync(string code, CancellationToken cancellationToken = default) =>
        RouteByCode(db, code, cancellationToken);

    // Every intake step and every complaint sent reads its route: compiled once.
    private static readonly Func<AppDbContext, string, CancellationToken, Task<ComplaintRoute?>> RouteByCode =
        EF.CompileAsyncQuery((AppDbContext db, string code, CancellationToken _) =>
            db.ComplaintRoutes.AsNoTracking().Include(r => r.Channel).Include(r => r.Parent)
                .SingleOrDefault(r => r.Code == code && r.IsActive));

    /// <summary>
    /// Adds one to this month's count for the route. One UPDATE on every provider; the month's row is
    /// created by the first referral, and a second instance creating it at the same moment is caught
    /// by the primary key and retried as an update.
    /// </summary>
    public async Task CountReferralAsync(ComplaintRoute route, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        var today = WorkingDayCalendar.SaudiDate(clock.GetUtcNow().UtcDateTime);
        var channel = route.Channel?.Code ?? "";
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var updated = await db.ComplaintReferralCounts
                .Where(c => c.RouteCode == route.Code && c.Year == today.Year && c.Month == today.Month)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Count, c => c.Count + 1), cancellationToken);
            if (updated > 0)
            {
                return;
            }
            var row = new ReferralCount { RouteCode = route.Code, ChannelCode = channel, Year = today.Year, Month = today.Month, Count = 1 };
            db.ComplaintReferralCounts.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }
}
