using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Ideas.Services;

/// <summary>A participant's ideas and supports in their data download; on deletion the ideas stay, under the anonymous name.</summary>
public sealed class IdeasPersonalData(AppDbContext db) : IPersonalDataContributor
{
    public string Section => "ideas";

    public async Task<object> ExportAsync(Guid userId, CancellationToken cancellationToken) => new
    {
        ideas = await db.Ideas.AsNoTracking().Where(i => i.AuthorId == userId).OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.Title, i.Problem, i.Proposal, i.Benefit, i.DisplayName, Status = i.Status.ToString(), i.CreatedAt })
            .ToListAsync(cancellationToken),
        supports = await db.IdeaSupports.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt)
            .Select(s => new { s.IdeaId, s.CreatedAt })
            .ToListAsync(cancellationToken),
    };

    public async Task AnonymiseAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Ideas.Where(i => i.AuthorId == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.DisplayName, PersonalDataService.AnonymousName), cancellationToken);
}
