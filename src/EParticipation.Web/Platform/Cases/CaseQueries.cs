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
        var rows = await query
            // The (agency, rank, due day, id) index in its order: the page is read from it, not sorted.
            .OrderBy(c => c.QueueRank)
            .ThenBy(c => c.DueOn)
            .ThenBy(c => c.Id)
            .Select(c => new CaseQueueRow(c.Id, c.TrackingNumber, c.Kind, c.Subject, c.State, c.EndState, c.SubmittedAt, c.DueOn, c.PausedSince != null,
                c.AssignedToId == null ? null : db.Users.Where(u => u.Id == c.AssignedToId).Select(u => u.FullName).FirstOrDefault()))
            .ToPagedAsync(PagingExtensions.ClampPage(filter.Page), PageSize, CountLimit, cancellationToken);
        return new CaseQueuePage(rows, filter, today, soon);
    }

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
