using EParticipation.Web.Data;
using EParticipation.Web.Platform.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Identity;

/// <summary>Reads and replaces the target groups a participant declares on their account page.</summary>
public sealed class TargetGroupDeclarations(AppDbContext db, TimeProvider clock)
{
    /// <summary>Every target group, in the order they are listed, for the account page's choices.</summary>
    public Task<List<TargetGroup>> AllGroupsAsync(CancellationToken cancellationToken = default) =>
        db.TargetGroups.AsNoTracking().OrderBy(g => g.SortOrder).ThenBy(g => g.Id).ToListAsync(cancellationToken);

    public Task<List<int>> DeclaredIdsAsync(Guid userId, CancellationToken cancellationToken = default) =>
        db.DeclaredTargetGroups.AsNoTracking().Where(d => d.UserId == userId).Select(d => d.TargetGroupId).ToListAsync(cancellationToken);

    /// <summary>Whether the person declared the group with this code (see <see cref="TargetGroupCodes"/>).</summary>
    public Task<bool> HasDeclaredAsync(Guid userId, string code, CancellationToken cancellationToken = default) =>
        db.DeclaredTargetGroups.AnyAsync(d => d.UserId == userId && d.TargetGroup!.Code == code, cancellationToken);

    /// <summary>Replaces the declaration with these groups (unknown ids are ignored; none clears it).</summary>
    public async Task SetAsync(Guid userId, IEnumerable<int> groupIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupIds);
        var wanted = await db.TargetGroups.Where(g => groupIds.Contains(g.Id)).Select(g => g.Id).ToListAsync(cancellationToken);
        var current = await db.DeclaredTargetGroups.Where(d => d.UserId == userId).ToListAsync(cancellationToken);
        db.DeclaredTargetGroups.RemoveRange(current.Where(d => !wanted.Contains(d.TargetGroupId)));
        var now = clock.GetUtcNow().UtcDateTime;
        db.DeclaredTargetGroups.AddRange(wanted.Where(id => current.All(d => d.TargetGroupId != id))
            .Select(id => new DeclaredTargetGroup { UserId = userId, TargetGroupId = id, DeclaredAt = now }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
