using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Comments;

/// <summary>A participant's platform comments in their data download; on deletion they stay, under the anonymous name.</summary>
public sealed class CommentsPersonalData(AppDbContext db) : IPersonalDataContributor
{
    public string Section => "comments";

    public async Task<object> ExportAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.ThreadComments.AsNoTracking().Where(c => c.AuthorId == userId).OrderBy(c => c.Id)
            .Select(c => new { c.ContentType, c.ThreadId, c.DisplayName, c.Body, Status = c.Status.ToString(), c.CreatedAt })
            .ToListAsync(cancellationToken);

    public async Task AnonymiseAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.ThreadComments.Where(c => c.AuthorId == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.DisplayName, PersonalDataService.AnonymousName), cancellationToken);
}
