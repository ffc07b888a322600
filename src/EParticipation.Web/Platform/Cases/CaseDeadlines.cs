using EParticipation.Web.Data;
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
/// clock, and so new levels). Cases are handled in batches of <see cref="BatchSize"/>, one transaction
/// each: one conditional UPDATE claims the batch's cases that no one has claimed yet (rows locked in
/// the order of their ids, so two instances never wait on each other in a circle) and the emails of
/// exactly those are queued in the same transaction, so any number of instances can run the job
/// together and still send each email once.
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

        var dueSoon = await db.Cases.AsNoTracking()
            .Where(c => c.QueueRank == Case.RankAwaitingAnswer && c.PausedSince == null && c.ReminderSentAt == null && c.DueOn >= today && c.DueOn <= soon)
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var reminders = 0;
        foreach (var batch in dueSoon.Chunk(BatchSize))
        {
            reminders += await RemindAsync(batch, now, cancellationToken);
        }

        var overdue = await db.Cases.AsNoTracking()
            .Where(c => c.QueueRank == Case.RankAwaitingAnswer && c.PausedSince == null && c.EscalatedAt == null && c.DueOn < today)
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        var escalations = 0;
        foreach (var batch in overdue.Chunk(BatchSize))
        {
            escalations += await EscalateAsync(batch, now, cancellationToken);
        }
        return new DeadlineRun(reminders, escalations);
    }

    private async Task<int> RemindAsync(long[] ids, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await ClaimAsync(nameof(Case.ReminderSentAt), ids, now, cancellationToken);
        var cases = await db.Cases.Where(c => claimed.Contains(c.Id)).ToListAsync(cancellationToken);
        var officers = new Dictionary<int, List<ApplicationUser>>();
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
            c.Record(CaseEvent.ReminderSent, false, now, data: string.Join(", ", recipients.Select(r => r.Email)));
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return cases.Count;
    }

    private async Task<int> EscalateAsync(long[] ids, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await ClaimAsync(nameof(Case.EscalatedAt), ids, now, cancellationToken);
        var cases = await db.Cases.Where(c => claimed.Contains(c.Id)).ToListAsync(cancellationToken);
        var agencyIds = cases.Select(c => c.AgencyId).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        foreach (var c in cases)
        {
            var sent = agencies.TryGetValue(c.AgencyId, out var agency) && notifier.NotifyAgency(agency, AgencyMailbox.Supervisor, "case-escalation", () => new EmailContent
            {
                Subject = s["Overdue case: {0}", c.TrackingNumber],
                ItemTitle = c.Subject,
                TrackingNumber = c.TrackingNumber,
                Paragraphs = [s["This case was due by the end of {0} and has not been answered.", DualDate.Format(c.DueOn)]],
                Action = new EmailLink(s["Open the case"], links.Absolute($"/{Localization.PortalCultures.Arabic}/staff/cases/{c.Id}")),
            });
            c.Record(CaseEvent.Escalated, false, now, data: sent ? null : "no supervisor mailbox");
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return cases.Count;
    }

    // One statement per batch (SqlDialect.ClaimCases): the cases whose email this run queues.
    private async Task<List<long>> ClaimAsync(string column, long[] ids, DateTime now, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<long>(db.Dialect.ClaimCases(column, ids, now)).ToListAsync(cancellationToken);

    private async Task<Dictionary<Guid, ApplicationUser>> AssignedOfficersAsync(List<Case> cases, CancellationToken cancellationToken)
    {
        var ids = cases.Where(c => c.AssignedToId != null).Select(c => c.AssignedToId!.Value).Distinct().ToList();
        return ids.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.DeletedAt == null).ToDictionaryAsync(u => u.Id, cancellationToken);
    }
}
