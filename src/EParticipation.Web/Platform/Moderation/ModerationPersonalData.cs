using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Moderation;

/// <summary>
/// The reports a participant made, for their data download; on account deletion the text they wrote
/// in them is erased (the report itself stays, so a moderator's queue and counts stay true).
/// </summary>
public sealed class ModerationPersonalData(AppDbContext db) : IPersonalDataContributor
{
    public string Section => "contentReports";

    public async Task<object> ExportAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.ContentReports.AsNoTracking()
            .Where(r => r.ReporterId == userId)
            .OrderBy(r => r.Id)
            .Select(r => new { r.ContentType, r.ContentId, Reason = r.Reason.ToString(), r.Details, r.CreatedAt, r.ResolvedAt })
            .ToListAsync(cancellationToken);

    public async Task AnonymiseAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.ContentReports
            .Where(r => r.ReporterId == userId && r.Details != null)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Details, (string?)null), cancellationToken);
}
