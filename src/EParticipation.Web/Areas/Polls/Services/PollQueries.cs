using EParticipation.Web.Areas.Polls.Domain;
using EParticipation.Web.Areas.Polls.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Polls.Services;

/// <summary>What the public pages, the staff list and the open data read.</summary>
public sealed class PollQueries(AppDbContext db, PollVoting voting, TimeProvider clock)
{
    public const int PageSize = 12;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<PollListPage> ListAsync(PollListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = Now;
        var counts = new Dictionary<string, int>
        {
            [PollListQuery.Open] = await db.Polls.CountAsync(Poll.OpenAt(now), cancellationToken),
            [PollListQuery.Upcoming] = await db.Polls.CountAsync(Poll.UpcomingAt(now), cancellationToken),
            [PollListQuery.Closed] = await db.Polls.CountAsync(Poll.ClosedAt(now), cancellationToken),
        };
        var polls = db.Polls.AsNoTracking();
        polls = query.Status switch
        {
            PollListQuery.Upcoming => polls.Where(Poll.UpcomingAt(now)).OrderBy(p => p.OpensAt).ThenBy(p => p.Id),
            PollListQuery.Closed => polls.Where(Poll.ClosedAt(now)).OrderByDescending(p => p.ClosesAt).ThenByDescending(p => p.Id),
            _ => polls.Where(Poll.OpenAt(now)).OrderBy(p => p.ClosesAt).ThenBy(p => p.Id),
        };
        var page = await polls
            .Select(p => new { p.Id, p.Question, Agency = p.Agency!.Name, p.OpensAt, p.ClosesAt, Early = p.ClosedEarlyAt != null })
            .ToPagedAsync(PagingExtensions.ClampPage(query.Page), PageSize, cancellationToken);
        // The number of voters is shown on closed polls only (before, it could hint at the results).
        var ids = page.Items.Select(p => p.Id).ToList();
        var voters = query.Status == PollListQuery.Closed
            ? await db.PollVotes.Where(v => ids.Contains(v.PollId)).GroupBy(v => v.PollId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken)
            : [];
        var cards = page.Items.Select(p => new PollCard(p.Id, p.Question, p.Agency, p.OpensAt, p.ClosesAt, Status(p.OpensAt, p.ClosesAt, now), voters.GetValueOrDefault(p.Id), p.Early)).ToList();
        return new PollListPage(query, new Paged<PollCard>(cards, page.Page, page.PageSize, page.Total), counts);
    }

    private static PollStatus Status(DateTime opens, DateTime closes, DateTime now) =>
        now < opens ? PollStatus.Upcoming : now < closes ? PollStatus.Open : PollStatus.Closed;

    public Task<Poll?> FindAsync(int id, CancellationToken cancellationToken = default) =>
        db.Polls.AsNoTracking()
            .Include(p => p.Agency)
            .Include(p => p.Options.OrderBy(o => o.Position))
            .Include(p => p.TargetGroups).ThenInclude(t => t.TargetGroup)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken);

    /// <summary>The poll page for this visitor: their choice, and the results only when they may see them.</summary>
    public async Task<PollPage> PageAsync(Poll poll, Guid? userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(poll);
        var now = Now;
        var choice = userId is { } u ? await voting.ChoiceAsync(poll.Id, u, cancellationToken) : null;
        var results = poll.ResultsVisibleAt(now, choice is not null) ? await ResultsAsync(poll, cancellationToken) : null;
        return new PollPage(
            poll,
            poll.Agency?.Name ?? new LocalizedText(),
            poll.TargetGroups.Where(t => t.TargetGroup is not null).Select(t => t.TargetGroup!.Name).ToList(),
            poll.StatusAt(now),
            userId is not null,
            choice,
            results,
            userId is { } voter && poll.StatusAt(now) == PollStatus.Open ? await voting.GroupRefusalAsync(poll, voter, cancellationToken) : null);
    }

    /// <summary>Counted from the vote rows (the (poll, option) index), so they always equal the rows.</summary>
    public async Task<PollResults> ResultsAsync(Poll poll, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(poll);
        var counts = await db.PollVotes.AsNoTracking()
            .Where(v => v.PollId == poll.Id)
            .GroupBy(v => v.OptionId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var voters = counts.Values.Sum();
        var options = poll.Options.OrderBy(o => o.Position)
            .Select(o => new OptionResult(o.Id, o.Text, counts.GetValueOrDefault(o.Id), voters == 0 ? 0 : counts.GetValueOrDefault(o.Id) / (double)voters))
            .ToList();
        return new PollResults(options, voters);
    }

    public async Task<IReadOnlyList<ManagePollRow>> AgencyPollsAsync(int agencyId, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var rows = await db.Polls.AsNoTracking()
            .Where(p => p.AgencyId == agencyId)
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Select(p => new { p.Id, p.Question, p.OpensAt, p.ClosesAt, Voters = db.PollVotes.Count(v => v.PollId == p.Id) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ManagePollRow(r.Id, r.Question, Status(r.OpensAt, r.ClosesAt, now), r.OpensAt, r.ClosesAt, r.Voters)).ToList();
    }

    public async Task<IReadOnlyList<TargetGroupItem>> TargetGroupsAsync(CancellationToken cancellationToken = default) =>
        await db.TargetGroups.AsNoTracking().OrderBy(g => g.SortOrder).Select(g => new TargetGroupItem(g.Id, g.Name)).ToListAsync(cancellationToken);
}
