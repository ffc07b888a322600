using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using EParticipation.Web.Areas.Polls.Domain;
using EParticipation.Web.Areas.Polls.Services;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Polls.Controllers;

/// <summary>
/// The open data of polls: closed polls with their results, as JSON and as CSV (UTF-8 with a byte
/// order mark, for Excel's Arabic). A poll that is upcoming or open is not served: its results are
/// still changing, and before closing they may be meant only for those who voted. No account, no
/// vote row, nothing about a voter is in either.
/// </summary>
[ApiController]
[Route("api/v1/polls")]
public sealed class PollsOpenDataController(AppDbContext db, PollQueries queries, PortalLinks links, TimeProvider clock) : ControllerBase
{
    public const int DefaultPageSize = 20;

    /// <summary>Arabic as it is, not as \u escapes, so the documents read in any viewer.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    [HttpGet("")]
    public async Task<IActionResult> List(int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var size = pageSize ?? DefaultPageSize;
        if (page is < 1 || size is < 1 or > PagingExtensions.MaxPageSize)
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid paging", detail: $"page is 1 or more; pageSize is between 1 and {PagingExtensions.MaxPageSize}.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var total = await db.Polls.CountAsync(Poll.ClosedAt(now), cancellationToken);
        var ids = await db.Polls.AsNoTracking().Where(Poll.ClosedAt(now))
            .OrderByDescending(p => p.ClosesAt).ThenByDescending(p => p.Id)
            .Skip(((page ?? 1) - 1) * size).Take(size).Select(p => p.Id)
            .ToListAsync(cancellationToken);
        var items = new List<object>();
        foreach (var id in ids)
        {
            items.Add(await DocumentAsync((await queries.FindAsync(id, cancellationToken))!, cancellationToken));
        }
        Response.Headers.CacheControl = "public, max-age=60";
        return new JsonResult(new { page = page ?? 1, pageSize = size, total, items }, Json);
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var poll = await queries.FindAsync(id, cancellationToken);
        if (poll is null)
        {
            return Problem(statusCode: StatusCodes.Status404NotFound, title: "No such poll", detail: $"There is no poll {id}.");
        }
        if (poll.StatusAt(clock.GetUtcNow().UtcDateTime) != PollStatus.Closed)
        {
            return Problem(statusCode: StatusCodes.Status409Conflict, title: "Results are published after closing",
                detail: $"Poll {id} has not closed; its results are open data once it closes ({poll.ClosesAt:O}).");
        }
        Response.Headers.CacheControl = "public, max-age=300";
        return new JsonResult(await DocumentAsync(poll, cancellationToken), Json);
    }

    /// <summary>Every closed poll, one row per option: the whole results table as a file.</summary>
    [HttpGet("csv")]
    public async Task<IActionResult> Csv(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = await db.Polls.AsNoTracking().Where(Poll.ClosedAt(now)).OrderByDescending(p => p.ClosesAt).ThenByDescending(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        var csv = new StringBuilder();
        csv.Append("poll_id,agency,question_ar,question_en,opens_at_utc,closes_at_utc,voters,option_position,option_ar,option_en,votes,share\r\n");
        foreach (var id in ids)
        {
            var poll = (await queries.FindAsync(id, cancellationToken))!;
            var results = await queries.ResultsAsync(poll, cancellationToken);
            var position = 1;
            foreach (var option in results.Options)
            {
                csv.AppendJoin(',', [
                    Num(poll.Id), Field(poll.Agency?.Code ?? ""), Field(poll.Question.Ar), Field(poll.Question.En),
                    poll.OpensAt.ToString("O", CultureInfo.InvariantCulture), poll.ClosesAt.ToString("O", CultureInfo.InvariantCulture),
                    Num(results.Voters), Num(position++), Field(option.Text.Ar), Field(option.Text.En), Num(option.Votes),
                    option.Share.ToString("0.0000", CultureInfo.InvariantCulture),
                ]).Append("\r\n");
            }
        }
        Response.Headers.CacheControl = "public, max-age=300";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", "polls-results.csv");
    }

    private async Task<object> DocumentAsync(Poll poll, CancellationToken cancellationToken)
    {
        var results = await queries.ResultsAsync(poll, cancellationToken);
        return new
        {
            id = poll.Id,
            agency = new { code = poll.Agency?.Code, name = new { ar = poll.Agency?.Name.Ar, en = poll.Agency?.Name.En } },
            question = new { ar = poll.Question.Ar, en = poll.Question.En },
            description = new { ar = poll.Description.Ar, en = poll.Description.En },
            opensAt = poll.OpensAt,
            closesAt = poll.ClosesAt,
            closesAtSaudiTime = DualDate.ToSaudiTime(poll.ClosesAt).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            closedEarly = poll.ClosedEarlyAt is not null,
            voters = results.Voters,
            options = results.Options.Select((o, i) => new { position = i + 1, text = new { ar = o.Text.Ar, en = o.Text.En }, votes = o.Votes, share = Math.Round(o.Share, 4) }),
            page = links.Absolute($"/ar/{PollsModule.Path}/{poll.Id}"),
        };
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Quoted; a cell that a spreadsheet would run as a formula starts with an apostrophe (OWASP).</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
