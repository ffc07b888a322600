using System.Globalization;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Agencies;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Moderation;
using EParticipation.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Platform.Cases;

/// <summary>
/// Every step of a case, from submission to rating. Each step changes the case, adds its timeline
/// entry, its audit entry (staff steps) and its email (outbox) in one SaveChanges, so none is stored
/// without the others. Callers have already checked who may act: the submitter for their own case,
/// the agency's case officers for the agency's.
/// </summary>
public sealed class CaseWorkflow(
    AppDbContext db,
    TrackingNumbers numbers,
    WorkingDays workingDays,
    CaseEmails emails,
    AuditLog audit,
    AgencyDirectory agencies,
    TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The due day a case submitted now would get, with its explanation (shown before submitting).</summary>
    public async Task<WorkingDayCount> ExpectedDueAsync(CancellationToken cancellationToken = default)
    {
        var calendar = await workingDays.CalendarAsync(cancellationToken);
        return calendar.AddWorkingDays(Now, CaseRules.ResponseWorkingDays);
    }

    /// <summary>
    /// Stores a new case with its tracking number and the submitter's confirmation email in one
    /// transaction. The same form sent twice (same submission key) gives back the first case.
    /// </summary>
    public async Task<SubmittedCase> SubmitAsync(NewCase input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        // A form sent again (same submission key) is not looked for first: the unique index on the
        // submitter and key refuses the second case, and the catch below answers with the first one.
        // So a submission is three round trips: the submitter, the case, its dependents (the agency
        // comes from the kept directory).
        var now = Now;
        // Taken before the transaction: a failed submission leaves a gap, and no submission waits for another's.
        var trackingNumber = await numbers.NextAsync(input.Kind, now, cancellationToken);
        var calendar = await workingDays.CalendarAsync(cancellationToken);
        var agencyId = input.AgencyId;
        var submitterId = input.SubmitterId;
        var agency = await agencies.FindAsync(db, agencyId, cancellationToken)
            ?? throw new InvalidOperationException("The agency of a new case does not exist.");
        var submitter = await Recipient(db, submitterId, cancellationToken)
            ?? throw new InvalidOperationException("The submitter of a new case does not exist.");

        var c = new Case
        {
            Kind = input.Kind,
            TrackingNumber = trackingNumber,
            AgencyId = input.AgencyId,
            ServiceId = input.ServiceId,
            SubmitterId = input.SubmitterId,
            SubmissionKey = input.SubmissionKey,
            SubmittedAt = now,
            ClockStartedAt = now,
            UpdatedAt = now,
        };
        c.Describe(input.Subject, input.Description);
        c.CountForStatistics(calendar);
        c.DueOn = CaseClock.Count(c, calendar, now).Due;
        var order = 0;
        foreach (var detail in input.Details.Where(d => !string.IsNullOrWhiteSpace(d.Value)))
        {
            c.Details.Add(new CaseDetail { Name = detail.Name, Label = detail.Label, Value = detail.Value.Trim(), Order = order++ });
        }
        c.Record(CaseEvent.Submitted, true, now, input.SubmitterId, data: AgencyData(agency));
        foreach (var file in input.Attachments)
        {
            c.Attachments.Add(new CaseAttachment { StorageKey = file.Key, FileName = file.FileName, ContentType = file.Type.ContentType, Size = file.Size, UploadedAt = now });
        }
        db.Cases.Add(c);
        emails.Received(submitter, c, agency);
        try
        {
            // One transaction: the case, its details, timeline, attachments and confirmation email.
            await db.SaveChangesAsync(cancellationToken);
            return new SubmittedCase(c, true);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            // The same form, sent twice at the same moment: the other request stored it.
            db.ChangeTracker.Clear();
            var stored = await FindSubmissionAsync(input, cancellationToken);
            return stored is null ? throw new InvalidOperationException("A case collided on its unique keys but none was found.", ex) : new SubmittedCase(stored, false);
        }
    }

    // Every submission reads what its confirmation email needs of the submitter, and nothing else of
    // the account: an ApplicationUser with only these four properties set, tracked by nothing. Compiled
    // once, so a submission does not translate the query again.
    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<ApplicationUser?>> Recipient =
        EF.CompileAsyncQuery((AppDbContext db, Guid submitterId, CancellationToken _) =>
            db.Users.AsNoTracking()
                .Where(u => u.Id == submitterId)
                .Select(u => new ApplicationUser { Id = u.Id, Email = u.Email, FullName = u.FullName, PreferredLanguage = u.PreferredLanguage })
                .SingleOrDefault());

    public async Task<bool> AssignAsync(Case c, Guid? officerId, Guid actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        string? name = null;
        if (officerId is { } id)
        {
            name = await db.Users.Where(u => u.Id == id && u.AgencyId == c.AgencyId).Select(u => u.FullName).SingleOrDefaultAsync(cancellationToken);
            if (name is null)
            {
                return false;
            }
        }
        if (!c.Assign(officerId, Now, actor, name))
        {
            return false;
        }
        audit.Record("case.assigned", nameof(Case), c.TrackingNumber, c.AgencyId, name ?? "unassigned");
        return await SaveAsync(cancellationToken);
    }

    public async Task<bool> AddNoteAsync(Case c, string note, Guid actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        c.StartReview(Now, actor);
        c.AddNote(note.Trim(), Now, actor);
        audit.Record("case.note-added", nameof(Case), c.TrackingNumber, c.AgencyId);
        return await SaveAsync(cancellationToken);
    }

    public async Task<bool> RequestInformationAsync(Case c, string question, Guid actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (!c.RequestInformation(question.Trim(), Now, actor))
        {
            return false;
        }
        audit.Record("case.information-requested", nameof(Case), c.TrackingNumber, c.AgencyId);
        await emails.InformationRequestedAsync(c, question.Trim(), cancellationToken);
        return await SaveAsync(cancellationToken);
    }

    public async Task<bool> RespondAsync(Case c, string response, Guid actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (!c.Respond(response.Trim(), Now, actor))
        {
            return false;
        }
        c.CountForStatistics(await workingDays.CalendarAsync(cancellationToken));
        audit.Record("case.responded", nameof(Case), c.TrackingNumber, c.AgencyId);
        await emails.RespondedAsync(c, response.Trim(), cancellationToken);
        return await SaveAsync(cancellationToken);
    }

    public async Task<bool> CloseAsync(Case c, CaseEndState endState, string? message, Guid actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        var text = string.IsNullOrWhiteSpace(message) ? null : message.Trim();
        if (!c.Close(endState, text, Now, actor))
        {
            return false;
        }
        audit.Record("case.closed", nameof(Case), c.TrackingNumber, c.AgencyId, endState.ToString());
        await emails.ClosedAsync(c, cancellationToken);
        return await SaveAsync(cancellationToken);
    }

    public async Task<bool> TransferAsync(Case c, int agencyId, string? reason, Guid actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        var target = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == agencyId && a.IsActive, cancellationToken);
        var from = c.AgencyId;
        var fromAgency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == from, cancellationToken);
        if (target is null || !c.Transfer(target.Id, AgencyData(target), string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), Now, actor))
        {
            return false;
        }
        var calendar = await workingDays.CalendarAsync(cancellationToken);
        c.DueOn = CaseClock.Count(c, calendar, Now).Due;
        audit.Record("case.transferred", nameof(Case), c.TrackingNumber, from, $"to {target.Code}, due {c.DueOn:yyyy-MM-dd}");
        await emails.TransferredAsync(c, target, cancellationToken);
        await emails.ReceivedByTransferAsync(c, fromAgency, cancellationToken);
        return await SaveAsync(cancellationToken);
    }

    public async Task<bool> AddInformationAsync(Case c, string information, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (!c.AddInformation(information.Trim(), Now))
        {
            return false;
        }
        var calendar = await workingDays.CalendarAsync(cancellationToken);
        CaseClock.Update(c, calendar, Now);
        return await SaveAsync(cancellationToken);
    }

    public async Task<bool> ReopenAsync(Case c, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (!c.Reopen(reason.Trim(), Now))
        {
            return false;
        }
        var calendar = await workingDays.CalendarAsync(cancellationToken);
        CaseClock.Update(c, calendar, Now);
        return await SaveAsync(cancellationToken);
    }

    public async Task<bool> WithdrawAsync(Case c, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (!c.Withdraw(Now))
        {
            return false;
        }
        return await SaveAsync(cancellationToken);
    }

    public async Task<bool> RateAsync(Case c, int stars, string? comment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (!c.Rate(stars, comment, Now))
        {
            return false;
        }
        return await SaveAsync(cancellationToken);
    }

    /// <summary>
    /// After the holiday table changed: recomputes the due day of every case whose clock runs, and
    /// records each change on its timeline (public: the submitter sees why the date moved). Saved in
    /// batches inside the caller's transaction (which holds the holiday change), so the holiday and the
    /// new due days commit together without every open case in memory at once. A batch that an officer
    /// changed at the same moment is read again and recomputed.
    /// </summary>
    public async Task<int> RecomputeDueDatesAsync(IReadOnlyList<PublicHoliday> holidays, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        const int batchSize = 500;
        var now = Now;
        var calendar = new WorkingDayCalendar(holidays);
        var changed = 0;
        var after = 0L;
        while (true)
        {
            List<Case> batch;
            var moved = 0;
            for (var attempt = 1; ; attempt++)
            {
                batch = await db.Cases
                    .Include(c => c.Pauses)
                    .Where(c => (c.State == CaseState.Submitted || c.State == CaseState.InReview || c.State == CaseState.AwaitingInformation) && c.Id > after)
                    .OrderBy(c => c.Id)
                    .Take(batchSize)
                    .ToListAsync(cancellationToken);
                moved = 0;
                foreach (var c in batch)
                {
                    var old = CaseClock.Update(c, calendar, now);
                    if (old is { } before)
                    {
                        c.Record(CaseEvent.DueDateChanged, true, now, data: string.Create(CultureInfo.InvariantCulture, $"{before:yyyy-MM-dd}>{c.DueOn:yyyy-MM-dd}"));
                        moved++;
                    }
                }
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    break;
                }
                catch (DbUpdateConcurrencyException) when (attempt < 5)
                {
                    db.ChangeTracker.Clear();
                }
            }
            changed += moved;
            if (batch.Count < batchSize)
            {
                return changed;
            }
            after = batch[^1].Id;
        }
    }

    /// <summary>
    /// Saves the step with its timeline entry, audit entry and emails, or nothing at all when another
    /// person changed the case since it was read (its version moved): then false, as for a step the
    /// case's state does not allow, and the caller shows the case as it is now.
    /// </summary>
    private async Task<bool> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>An agency as a timeline entry keeps it: "code|Arabic name|English name".</summary>
    public static string AgencyData(Agencies.Agency agency)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return $"{agency.Code}|{agency.Name.Ar}|{agency.Name.En}";
    }

    private Task<Case?> FindSubmissionAsync(NewCase input, CancellationToken cancellationToken) =>
        db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.SubmitterId == input.SubmitterId && c.SubmissionKey == input.SubmissionKey, cancellationToken);
}
