using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Ideas.Services;

/// <summary>The moderators' decisions on ideas sent to pre-moderated challenges.</summary>
public sealed class IdeaModeration(AppDbContext db, AuditLog audit, IdeaListChanges listChanges)
{
    public async Task<IReadOnlyList<Idea>> PendingAsync(CancellationToken cancellationToken) =>
        await db.Ideas.AsNoTracking().Include(i => i.Agency).Include(i => i.Challenge)
            .Where(i => i.Visibility == IdeaVisibility.Pending).OrderBy(i => i.CreatedAt).Take(100).ToListAsync(cancellationToken);

    /// <summary>False when the idea is not pending any more (another moderator decided first).</summary>
    public async Task<bool> DecideAsync(int id, bool approve, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.Ideas.Where(i => i.Id == id && i.Visibility == IdeaVisibility.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Visibility, approve ? IdeaVisibility.Published : IdeaVisibility.Rejected), cancellationToken);
        if (changed == 0)
        {
            return false;
        }
        if (approve)
        {
            var challengeId = await db.Ideas.Where(i => i.Id == id).Select(i => i.ChallengeId).SingleAsync(cancellationToken);
            await db.Challenges.Where(c => c.Id == challengeId).ExecuteUpdateAsync(s => s.SetProperty(c => c.IdeaCount, c => c.IdeaCount + 1), cancellationToken);
        }
        audit.Record(approve ? "idea.approve" : "idea.reject", "idea", id);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        listChanges.Changed();
        return true;
    }
}
