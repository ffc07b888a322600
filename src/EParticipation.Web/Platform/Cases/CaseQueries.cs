using System.Security.Claims;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Text;
using EParticipation.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Cases;

/// <summary>
/// Reads cases for the two people who may see one: its submitter and its agency's case officers.
/// Each lookup answers null for anyone else, so a screen shows "not found" for another agency's id
/// or another person's tracking number, never a hint that it exists.
/// </summary>
public sealed class CaseQueries(AppDbContext db, WorkingDays workingDays, TimeProvider clock)
{
    public const int PageSize = 25;

    /// <summary>The queue counts its cases up to this many (40 pages); past it, the filters narrow the list.</summary>
    public const int CountLimit = 1000;

    public Task<Case?> ForSubmitterAsync(string trackingNumber, Guid userId, CancellationToken cancellationToken = default) =>
        WithEverything().SingleOrDefaultAsync(c => c.TrackingNumber == trackingNumber && c.SubmitterId == userId, cancellationToken);

    public async Task<Case?> ForStaffAsync(long id, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var agencyId = user.AgencyId();
        if (agencyId is null)
        {
            return null;
        }
        // The agency is part of the query: another agency's case is simply not found.
        var c = await WithEverything().SingleOrDefaultAsync(c => c.Id == id && c.AgencyId == agencyId, cancellationToken);
        return c is not null && user.IsStaffOf(c.AgencyId, Roles.CaseOfficer) ? c : null;
    }

    public async Task<IReadOnlyList<MyCaseRow>> MineAsync(Guid userId, CancellationToken cancellationToken = default) =>
        await db.Cases.AsNoTracking()
            .Where(c => c.SubmitterId == userId)
            .OrderByDescending(c => c.SubmittedAt)
            .Select(c => new MyCaseRow(c.TrackingNumber, c.Kind, c.Subject, c.Agency!.Name, c.State, c.EndState, c.SubmittedAt, c.DueOn, c.PausedSince != null))
            .ToListAsync(cancellationToken);

    /// <summary>One agency's queue: what is overdue first, then what is due soonest; answered and closed cases last.</summary>
    public async Task<CaseQueuePage> QueueAsync(int agencyId, Guid officerId, CaseQueueFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var calendar = await workingDays.CalendarAsync(cancellationToken);
        var today = WorkingDayCalendar.SaudiDate(clock.GetUtcNow().UtcDateTime);
        // "Due soon": the due day is no more than two working days away.
        var soon = SoonLimit(calendar, today);
        var query = db.Cases.AsNoTracking().Where(c => c.AgencyId == agencyId);
        if (filter.Kind is { } kind)
        {
            query = query.Where(c => c.Kind == kind);
        }
        if (filter.State is { } state)
        {
            query = query.Where(c => c.State == state);
        }
        else if (!filter.All)
        {
            query = query.Where(c => c.QueueRank < Case.RankClosed);
        }
        query = filter.Due switch
        {
            CaseDueFilter.Overdue => query.Where(c => c.QueueRank == Case.RankAwaitingAnswer && c.PausedSince == null && c.DueOn < today),
            CaseDueFilter.DueSoon => query.Where(c => c.QueueRank == Case.RankAwaitingAnswer && c.PausedSince == null && c.DueOn >= today && c.DueOn <= soon),
            CaseDueFilter.Later => query.Where(c => c.QueueRank == Case.RankAwaitingAnswer && c.DueOn > soon),
            _ => query,
        };
        if (filter.Mine)
        {
            query = query.Where(c => c.AssignedToId == officerId);
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            // Arabic-normalised like the text it searches ("الشكوي" finds "الشكوى"); the tracking number is in it too.
            var q = ArabicText.Normalize(filter.Q);
            var upper = filter.Q.Trim().ToUpperInvariant();
            query = query.Where(c => c.TrackingNumber == upper || c.SearchText.Contains(q));
        }
        // The (agency, rank, due day, id) index in its order: the page is read from it, not sorted.
        var ordered = query.OrderBy(c => c.QueueRank).ThenBy(c => c.DueOn).ThenBy(c => c.Id);
        // The queue as it opens (no filter) is most of the views: its page is a query compiled once.
        var plain = filter.Kind is null && filter.State is null && !filter.All && filter.Due == CaseDueFilter.Any && !filter.Mine && string.IsNullOrWhiteSpace(filter.Q);
        var rows = await PageAsync(ordered, PagingExtensions.ClampPage(filter.Page), plain ? agencyId : null, cancellationToken);
        return new CaseQueuePage(rows, filter, today, soon);
    }

    /// <summary>
    /// One page of the queue with its count (up to <see cref="CountLimit"/>) in one statement: the
    /// capped count is a scalar subquery beside each row (evaluated once), so a page is one round trip
    /// instead of a count and then the rows. Only a page past the end (no rows) counts on its own, to
    /// show the last page instead, as <see cref="PagingExtensions.ToPagedAsync{T}(IQueryable{T}, int, int, int, CancellationToken)"/> does.
    /// </summary>
    private async Task<Paged<CaseQueueRow>> PageAsync(IOrderedQueryable<Case> ordered, int page, int? openQueueOf, CancellationToken cancellationToken)
    {
        // The pager reaches the counted rows only (40 pages); a later page asked for is the last of those.
        page = Math.Min(page, (CountLimit + PageSize - 1) / PageSize);
        var counted = ordered.Take(CountLimit + 1);
        List<QueueHit> found;
        if (openQueueOf is { } agencyId)
        {
            found = [];
            await foreach (var hit in OpenQueuePage(db, agencyId, (page - 1) * PageSize).WithCancellation(cancellationToken))
            {
                found.Add(hit);
            }
        }
        else
        {
            found = await RowsOf(ordered, page)
                .Select(r => new QueueHit(r, counted.Count()))
                .ToListAsync(cancellationToken);
        }
        int total;
        if (found.Count > 0)
        {
            total = found[0].Counted;
        }
        else
        {
            total = await counted.CountAsync(cancellationToken);
            var last = Math.Max(1, (int)Math.Ceiling(Math.Min(total, CountLimit) / (double)PageSize));
            if (total > 0 && page > last)
            {
                page = last;
                found = [.. (await RowsOf(ordered, page).ToListAsync(cancellationToken)).Select(r => new QueueHit(r, total))];
            }
            else
            {
                page = Math.Min(page, last);
            }
        }
        return new Paged<CaseQueueRow>([.. found.Select(f => f.Row)], page, PageSize, Math.Min(total, CountLimit)) { TotalIsLimit = total > CountLimit };
    }

    private sealed record QueueHit(CaseQueueRow Row, int Counted);

    /// <summary>
    /// <see cref="PageAsync"/>'s statement for the open queue without filters (QueueAsync's query with
    /// only the agency and the open ranks, in the index's order, and <see cref="RowsOf"/>'s columns),
    /// compiled once: the same SQL, without translating the expression again on every view.
    /// </summary>
    private static readonly Func<AppDbContext, int, int, IAsyncEnumerable<QueueHit>> OpenQueuePage =
        EF.CompileAsyncQuery((AppDbContext db, int agencyId, int skip) =>
            db.Cases.AsNoTracking()
                .Where(c => c.AgencyId == agencyId && c.QueueRank < Case.RankClosed)
                .OrderBy(c => c.QueueRank).ThenBy(c => c.DueOn).ThenBy(c => c.Id)
                .Skip(skip)
                .Take(PageSize)
                .Select(c => new QueueHit(
                    new CaseQueueRow(c.Id, c.TrackingNumber, c.Kind, c.Subject, c.State, c.EndState, c.SubmittedAt, c.DueOn, c.PausedSince != null,
                        c.AssignedToId == null ? null : db.Users.Where(u => u.Id == c.AssignedToId).Select(u => u.FullName).FirstOrDefault()),
                    db.Cases
                        .Where(o => o.AgencyId == agencyId && o.QueueRank < Case.RankClosed)
                        .OrderBy(o => o.QueueRank).ThenBy(o => o.DueOn).ThenBy(o => o.Id)
                        .Take(CountLimit + 1)
                        .Count())));

    private IQueryable<CaseQueueRow> RowsOf(IOrderedQueryable<Case> ordered, int page) =>
        ordered
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(c => new CaseQueueRow(c.Id, c.TrackingNumber, c.Kind, c.Subject, c.State, c.EndState, c.SubmittedAt, c.DueOn, c.PausedSince != null,
                c.AssignedToId == null ? null : db.Users.Where(u => u.Id == c.AssignedToId).Select(u => u.FullName).FirstOrDefault()));

    /// <summary>The agency's case officers, for assignment.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> OfficersAsync(int agencyId, CancellationToken cancellationToken = default) =>
        (await CaseOfficers.OfAgencyAsync(db, agencyId, cancellationToken))
            .OrderBy(u => u.FullName, StringComparer.Ordinal)
            .Select(u => (u.Id, u.FullName))
            .ToList();

    public static DateOnly SoonLimit(WorkingDayCalendar calendar, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var day = today;
        for (var counted = 0; counted < CaseRules.ReminderWorkingDays;)
        {
            day = day.AddDays(1);
            if (calendar.IsWorkingDay(day))
            {
                counted++;
            }
        }
        return day;
    }

    private IQueryable<Case> WithEverything() =>
        db.Cases
            .Include(c => c.Agency)
            .Include(c => c.Details.OrderBy(d => d.Order))
            .Include(c => c.Timeline.OrderBy(e => e.At).ThenBy(e => e.Id))
            .Include(c => c.Pauses)
            .Include(c => c.Attachments)
            .AsSplitQuery();
}
