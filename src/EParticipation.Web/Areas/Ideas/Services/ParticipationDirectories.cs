using System.Globalization;
using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Participation;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Ideas.Services;

/// <summary>The ideas module's side of Platform/Participation: challenges an event may serve, and published ideas a hackathon result links to.</summary>
public sealed class ParticipationDirectories(AppDbContext db, TimeProvider clock) : IChallengeDirectory, IIdeaDirectory
{
    public async Task<IReadOnlyList<ParticipationLink>> ForAgencyAsync(int agencyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Challenges.AsNoTracking()
            .Where(c => c.AgencyId == agencyId && c.ClosesAt > now)
            .OrderByDescending(c => c.OpensAt).ThenByDescending(c => c.Id)
            .Select(c => new { c.Id, c.Title })
            .ToListAsync(cancellationToken);
        return rows.Select(r => ChallengeLink(r.Id, r.Title)).ToList();
    }

    public async Task<ParticipationLink?> FindAsync(int challengeId, CancellationToken cancellationToken)
    {
        var row = await db.Challenges.AsNoTracking().Where(c => c.Id == challengeId).Select(c => new { c.Id, c.Title }).SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : ChallengeLink(row.Id, row.Title);
    }

    async Task<ParticipationLink?> IIdeaDirectory.FindAsync(int ideaId, CancellationToken cancellationToken)
    {
        var row = await db.Ideas.AsNoTracking().Where(i => i.Id == ideaId && i.Visibility == IdeaVisibility.Published).Select(i => new { i.Id, i.Title }).SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : new ParticipationLink(row.Id, new LocalizedText(row.Title, row.Title), IdeasModule.Path + "/" + row.Id.ToString(CultureInfo.InvariantCulture));
    }

    private static ParticipationLink ChallengeLink(int id, LocalizedText title) =>
        new(id, title, IdeasModule.ChallengesPath + "/" + id.ToString(CultureInfo.InvariantCulture));
}
