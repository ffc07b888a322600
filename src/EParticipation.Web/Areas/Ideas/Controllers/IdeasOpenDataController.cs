using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Ideas.Controllers;

/// <summary>
/// The read-only open-data API of ideas: published ideas with their status, counts, agency,
/// challenge and public answers. No personal data: no author, no display name, no account id.
/// </summary>
[ApiController]
[Route("api/v1/ideas")]
public sealed class IdeasOpenDataController(AppDbContext db) : ControllerBase
{
    public const int MaxPageSize = 100;

    [HttpGet("")]
    public async Task<IActionResult> List(string? status, string? agency, int? challenge, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var size = pageSize ?? 20;
        var number = page ?? 1;
        if (size < 1 || size > MaxPageSize || number < 1)
        {
            return Problem(title: "pageSize is 1 to 100 and page is 1 or more.", statusCode: StatusCodes.Status400BadRequest);
        }
        IdeaStatus? statusValue = null;
        if (status is not null)
        {
            if (!Enum.TryParse<IdeaStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return Problem(title: "status is one of " + string.Join(", ", Enum.GetNames<IdeaStatus>()) + ".", statusCode: StatusCodes.Status400BadRequest);
            }
            statusValue = parsed;
        }
        var query = db.Ideas.AsNoTracking().Where(i => i.Visibility == IdeaVisibility.Published);
        if (statusValue is { } s)
        {
            query = query.Where(i => i.Status == s);
        }
        if (agency is not null)
        {
            query = query.Where(i => i.Agency!.Code == agency);
        }
        if (challenge is { } c)
        {
            query = query.Where(i => i.ChallengeId == c);
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(i => i.Id).Skip((number - 1) * size).Take(size)
            .Select(i => new
            {
                id = i.Id,
                title = i.Title,
                problem = i.Problem,
                proposal = i.Proposal,
                expectedBenefit = i.Benefit,
                status = i.Status.ToString(),
                agency = i.Agency!.Code,
                sector = i.Sector!.Code,
                challengeId = i.ChallengeId,
                duplicateOf = i.DuplicateOfId,
                supports = i.SupportCount,
                comments = i.CommentCount,
                submittedAt = i.CreatedAt,
                statusChangedAt = i.StatusChangedAt,
                answer = new { ar = i.Answer.Ar, en = i.Answer.En },
            })
            .ToListAsync(cancellationToken);
        Response.Headers.CacheControl = "public, max-age=60";
        return Ok(new { total, page = number, pageSize = size, items });
    }
}
