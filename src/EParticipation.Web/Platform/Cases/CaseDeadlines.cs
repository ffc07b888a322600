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
/// clock, and so new levels). Each case is claimed with a conditional UPDATE in the transaction that
/// queues its email, so any number of instances can run the job together and still send each email
/// once (the same claim as the digest's).
/// </summary>
public sealed class CaseDeadlines(
    AppDbContext db,
    WorkingDays workingDays,
    Notifier notifier,
    PortalLinks links,
    TimeProvider clock,
    IStringLocalizer<SharedResource> s)
{
    public async Task<DeadlineRun> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await workingDays.CalendarAsync(cancellationToken);
        var today = WorkingDayCalendar.SaudiDate(now);
        var soon = CaseQueries.SoonLimit(calendar, today);
        var awaiting = new[] { CaseState.Submitted, CaseState.InReview, CaseState.AwaitingInformation };

        var dueSoon = await db.Cases.AsNoTracking()
            .Where(c => awaiting.Contains(c.State) && c.PausedSince == null && c.ReminderSentAt == null && c.DueOn >= today && c.DueOn <= soon)
            .Select(c => c.Id).ToListAsync(cancellationToken);
        var reminders = 0;
        foreach (var id in dueSoon)
        {
            if (await RemindAsync(id, now, cancellationToken))
            {
                reminders++;
            }
        }

        var overdue = await db.Cases.AsNoTracking()
            .Where(c => awaiting.Contains(c.State) && c.PausedSince == null && c.EscalatedAt == null && c.DueOn < today)
            .Select(c => c.Id).ToListAsync(cancellationToken);
        var escalations = 0;
        foreach (var id in overdue)
        {
            if (await EscalateAsync(id, now, cancellationToken))
            {
                escalations++;
            }
        }
        return new DeadlineRun(reminders, escalations);
    }

    private async Task<bool> RemindAsync(long id, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Cases.Where(c => c.Id == id && c.ReminderSentAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.ReminderSentAt, now), cancellationToken);
        if (claimed != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        var c = await db.Cases.SingleAsync(x => x.Id == id, cancellationToken);
        var recipients = await CaseOfficers.ForCaseAsync(db, c, cancellationToken);
        foreach (var officer in recipients)
        {
            notifier.NotifyUser(officer, "case-reminder", () => new EmailContent
            {
                Subject = s["Due in 2 working days: {0}", c.TrackingNumber],
                ItemTitle = c.Subject,
                TrackingNumber = c.TrackingNumber,
                Paragraphs = [s["The answer to this case is due by the end of {0}.", DualDate.Format(c.DueOn)]],
                Action = new EmailLink(s["Open the case"], links.Absolute($"/{Localization.PortalCultures.Current}/staff/cases/{c.Id}")),
            });
        }
        c.Record(CaseEvent.ReminderSent, false, now, data: string.Join(", ", recipients.Select(r => r.Email)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }

    private async Task<bool> EscalateAsync(long id, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Cases.Where(c => c.Id == id && c.EscalatedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.EscalatedAt, now), cancellationToken);
        if (claimed != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        var c = await db.Cases.SingleAsync(x => x.Id == id, cancellationToken);
        var sent = await notifier.NotifyAgencyAsync(c.AgencyId, AgencyMailbox.Supervisor, "case-escalation", () => new EmailContent
        {
            Subject = s["Overdue case: {0}", c.TrackingNumber],
            ItemTitle = c.Subject,
            TrackingNumber = c.TrackingNumber,
            Paragraphs = [s["This case was due by the end of {0} and has not been answered.", DualDate.Format(c.DueOn)]],
            Action = new EmailLink(s["Open the case"], links.Absolute($"/{Localization.PortalCultures.Arabic}/staff/cases/{c.Id}")),
        }, cancellationToken);
        c.Record(CaseEvent.Escalated, false, now, data: sent ? null : "no supervisor mailbox");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }
}
