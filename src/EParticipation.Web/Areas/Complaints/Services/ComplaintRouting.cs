using EParticipation.Web.Areas.Complaints.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Moderation;
using EParticipation.Web.Platform.Caching;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Complaints.Services;

/// <summary>Reads the routing table (kept in memory: <see cref="ComplaintRoutingTable"/>), and counts referrals (the only trace a referral leaves).</summary>
public sealed class ComplaintRouting(AppDbContext db, ComplaintRoutingTable table, TimeProvider clock)
{
    /// <summary>The choices under <paramref name="parentCode"/> (null: the first question).</summary>
    public async Task<(ComplaintRoute? Parent, IReadOnlyList<ComplaintRoute> Choices)> ChoicesAsync(string? parentCode, CancellationToken cancellationToken = default)
    {
        var routes = await table.GetAsync(db, cancellationToken);
        ComplaintRoute? parent = null;
        if (parentCode is not null)
        {
            if (!routes.ByCode.TryGetValue(parentCode, out parent) || parent.Target != RouteTarget.Choose)
            {
                return (null, []);
            }
        }
        return (parent, routes.ChoicesUnder.GetValueOrDefault(parent?.Id ?? 0, []));
    }

    /// <summary>The active route with this code, with its channel and the question it answers.</summary>
    public async Task<ComplaintRoute?> FindAsync(string code, CancellationToken cancellationToken = default) =>
        (await table.GetAsync(db, cancellationToken)).ByCode.GetValueOrDefault(code);

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

/// <summary>
/// The routing table and its channels, kept in memory: every step of the intake and every complaint sent
/// reads its route, and administrators change the table rarely (<see cref="TableSnapshot{T}"/>).
/// </summary>
public sealed class ComplaintRoutingTable : TableSnapshot<ComplaintRoutingTable.Routes>
{
    public override string Topic => "complaint-routing";

    public override IReadOnlyList<string> Tables { get; } = ["ComplaintRoutes", "ComplaintChannels"];

    protected override async Task<Routes> LoadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var all = await db.ComplaintRoutes.AsNoTracking().Include(r => r.Channel).ToListAsync(cancellationToken);
        var byId = all.ToDictionary(r => r.Id);
        foreach (var route in all)
        {
            route.Parent = route.ParentId is { } parentId ? byId.GetValueOrDefault(parentId) : null;
        }
        var active = all.Where(r => r.IsActive).ToList();
        return new Routes(
            active.ToDictionary(r => r.Code, StringComparer.Ordinal),
            active.GroupBy(r => r.ParentId ?? 0).ToDictionary(g => g.Key, g => (IReadOnlyList<ComplaintRoute>)g.OrderBy(r => r.Order).ThenBy(r => r.Id).ToList()));
    }

    /// <param name="ByCode">The active routes by code.</param>
    /// <param name="ChoicesUnder">The active choices under each question by its id (0: the first question), in order.</param>
    public sealed record Routes(IReadOnlyDictionary<string, ComplaintRoute> ByCode, IReadOnlyDictionary<int, IReadOnlyList<ComplaintRoute>> ChoicesUnder);
}
