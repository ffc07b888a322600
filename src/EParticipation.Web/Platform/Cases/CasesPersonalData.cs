using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Cases;

/// <summary>
/// A participant's cases in their data download: what they sent, what the agency answered them
/// (public timeline only; internal notes are the agency's), and their rating.
/// </summary>
public sealed class CasesPersonalData(AppDbContext db) : IPersonalDataContributor
{
    public string Section => "cases";

    public async Task<object> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var cases = await db.Cases.AsNoTracking()
            .Include(c => c.Agency)
            .Include(c => c.Details)
            .Include(c => c.Timeline)
            .Where(c => c.SubmitterId == userId)
            .OrderBy(c => c.Id)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return cases.Select(c => new
        {
            c.TrackingNumber,
            Kind = c.Kind.ToString(),
            Agency = c.Agency!.Code,
            c.Subject,
            c.Description,
            Details = c.Details.OrderBy(d => d.Order).Select(d => new { d.Name, d.Value }).ToList(),
            State = c.State.ToString(),
            EndState = c.EndState?.ToString(),
            c.SubmittedAt,
            c.DueOn,
            c.Rating,
            c.RatingComment,
            Timeline = c.Timeline.Where(e => e.IsPublic).OrderBy(e => e.At).Select(e => new { e.At, Event = e.Event.ToString(), e.Body }).ToList(),
        }).ToList();
    }

    // A case stays with the agency that must answer it (a public record of its handling); the
    // account's name and email go with the account, so the case no longer names its sender.
    public Task AnonymiseAsync(Guid userId, CancellationToken cancellationToken) => Task.CompletedTask;
}
