using EParticipation.Web.Data;
using EParticipation.Web.Platform.Agencies;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Notifications;
using EParticipation.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Platform.Cases;

/// <summary>What one run of the deadline job did.</summary>
public sealed record DeadlineRun(int Reminders, int Escalations);

/// <summary>
/// Reminds the case officer two working days before a case is due, and escalates an overdue case to
/// the agency's supervisor mailbox: once per case and level (a transfer or reopening starts a new
/// clock, and so new levels). The candidates are read in batches of <see cref="BatchSize"/> in the
/// order of the (rank, due day, id) index, each batch after the last one read (keyset), so memory and
/// each statement stay the same size however many cases are open. Each batch is one transaction: one
/// UPDATE ... RETURNING (SqlDialect.ClaimCases) claims the batch's cases that no one has claimed yet,
/// sets their UpdatedAt, and returns what their emails need (rows locked in the order of their ids, so
/// two instances never wait on each other in a circle); the emails and timeline entries of exactly
/// those are inserted in the same transaction as one batch of statements. So any number of instances
/// can run the job together and still send each email once, and a case an officer changes meanwhile
/// is neither read back whole nor written as a whole row.
/// </summary>
public sealed class CaseDeadlines(
    AppDbContext db,
    WorkingDays workingDays,
    Notifier notifier,
    PortalLinks links,
    TimeProvider clock,
    IStringLocalizer<SharedResource> s)
{
    /// <summary>Cases per transaction: few commits, and row locks held for a fraction of a second.</summary>
    public const int BatchSize = 200;

    public async Task<DeadlineRun> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await workingDays.CalendarAsync(cancellationToken);
        var today = WorkingDayCalendar.SaudiDate(now);
        var soon = CaseQueries.SoonLimit(calendar, today);

        var officers = new Dictionary<int, List<ApplicationUser>>();
        var reminders = await SweepAsync(
            db.Cases.Where(c => c.QueueRank == Case.RankAwaitingAnswer && c.PausedSince == null && c.ReminderSentAt == null && c.DueOn >= today && c.DueOn <= soon),
            batch => RemindAsync(batch, now, officers, cancellationToken), cancellationToken);

        var agencies = new Dictionary<int, Agency?>();
        var escalations = await SweepAsync(
            db.Cases.Where(c => c.QueueRank == Case.RankAwaitingAnswer && c.PausedSince == null && c.EscalatedAt == null && c.DueOn < today),
            batch => EscalateAsync(batch, now, agencies, cancellationToken), cancellationToken);
        return new DeadlineRun(reminders, escalations);
    }

    /// <summary>Hands the candidates to <paramref name="handle"/> a batch at a time, in (due day, id) order; returns how many it handled.</summary>
    private static async Task<int> SweepAsync(IQueryable<Case> candidates, Func<long[], Task<int>> handle, CancellationToken cancellationToken)
    {
        var handled = 0;
        DateOnly? lastDue = null;
        var lastId = 0L;
        while (true)
        {
            var query = candidates.AsNoTracking();
            if (lastDue is { } due)
            {
                // DueOn >= due bounds the index range; the OR keeps the order exact within that day.
                var id = lastId;
                query = query.Where(c => c.DueOn >= due && (c.DueOn > due || c.Id > id));
            }
            var batch = await query.OrderBy(c => c.DueOn).ThenBy(c => c.Id)
                .Select(c => new { c.Id, c.DueOn })
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return handled;
            }
            handled += await handle([.. batch.Select(b => b.Id)]);
            if (batch.Count < BatchSize)
            {
                return handled;
            }
            (lastDue, lastId) = (batch[^1].DueOn, batch[^1].Id);
        }
    }

    private async Task<int> RemindAsync(long[] ids, DateTime now, Dictionary<int, List<ApplicationUser>> officers, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cases = await ClaimAsync(nameof(Case.ReminderSentAt), ids, now, cancellationToken);
        var assigned = await AssignedOfficersAsync(cases, cancellationToken);
        foreach (var c in cases)
        {
            List<ApplicationUser> recipients;
            if (c.AssignedToId is { } officer)
            {
                recipients = assigned.TryGetValue(officer, out var user) ? [user] : [];
            }
            else if (!officers.TryGetValue(c.AgencyId, out recipients!))
            {
                recipients = await CaseOfficers.OfAgencyAsync(db, c.AgencyId, cancellationToken);
                officers[c.AgencyId] = recipients;
            }
            foreach (var recipient in recipients)
            {
                notifier.NotifyUser(recipient, "case-reminder", () => new EmailContent
                {
                    Subject = s["Due in 2 working days: {0}", c.TrackingNumber],
                    ItemTitle = c.Subject,
                    TrackingNumber = c.TrackingNumber,
                    Paragraphs = [s["The answer to this case is due by the end of {0}.", DualDate.Format(c.DueOn)]],
                    Action = new EmailLink(s["Open the case"], links.Absolute($"/{Localization.PortalCultures.Current}/staff/cases/{c.Id}")),
                });
            }
            Record(c, CaseEvent.ReminderSent, now, string.Join(", ", recipients.Select(r => r.Email)));
        }
        return await CommitAsync(transaction, cases.Count, cancellationToken);
    }

    private async Task<int> EscalateAsync(long[] ids, DateTime now, Dictionary<int, Agency?> agencies, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cases = await ClaimAsync(nameof(Case.EscalatedAt), ids, now, cancellationToken);
        var missing = cases.Select(c => c.AgencyId).Distinct().Where(a => !agencies.ContainsKey(a)).ToList();
        if (missing.Count > 0)
        {
            var read = await db.Agencies.AsNoTracking().Where(a => missing.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
            missing.ForEach(a => agencies[a] = read.GetValueOrDefault(a));
        }
        foreach (var c in cases)
        {
            var sent = agencies[c.AgencyId] is { } agency && notifier.NotifyAgency(agency, AgencyMailbox.Supervisor, "case-escalation", () => new EmailContent
            {
                Subject = s["Overdue case: {0}", c.TrackingNumber],
                ItemTitle = c.Subject,
                TrackingNumber = c.TrackingNumber,
                Paragraphs = [s["This case was due by the end of {0} and has not been answered.", DualDate.Format(c.DueOn)]],
                Action = new EmailLink(s["Open the case"], links.Absolute($"/{Localization.PortalCultures.Arabic}/staff/cases/{c.Id}")),
            });
            Record(c, CaseEvent.Escalated, now, sent ? null : "no supervisor mailbox");
        }
        return await CommitAsync(transaction, cases.Count, cancellationToken);
    }

    // The timeline entry Case.Record would add, without loading the case: the claim has set its UpdatedAt.
    private void Record(ClaimedCase c, CaseEvent what, DateTime now, string? data) =>
        db.CaseTimeline.Add(new CaseTimelineEntry { CaseId = c.Id, Event = what, IsPublic = false, At = now, Data = data });

    // The batch's emails and timeline entries: inserted together (EF sends them as one batch), then committed with the claim.
    private async Task<int> CommitAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, int count, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return count;
    }

    // One statement per batch (SqlDialect.ClaimCases): the cases whose email this run queues, with what the email needs.
    private async Task<List<ClaimedCase>> ClaimAsync(string column, long[] ids, DateTime now, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<ClaimedCase>(db.Dialect.ClaimCases(column, ids, now)).ToListAsync(cancellationToken);

    private async Task<Dictionary<Guid, ApplicationUser>> AssignedOfficersAsync(List<ClaimedCase> cases, CancellationToken cancellationToken)
    {
        var ids = cases.Where(c => c.AssignedToId != null).Select(c => c.AssignedToId!.Value).Distinct().ToList();
        return ids.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.DeletedAt == null).ToDictionaryAsync(u => u.Id, cancellationToken);
    }
}

/// <summary>A case the deadline job claimed: what its email and timeline entry need (the columns SqlDialect.ClaimCases returns).</summary>
public sealed class ClaimedCase
{
    public long Id { get; set; }

    public string TrackingNumber { get; set; } = "";

    public string Subject { get; set; } = "";

    public DateOnly DueOn { get; set; }

    public int AgencyId { get; set; }

    public Guid? AssignedToId { get; set; }
}
