using EParticipation.Web.Areas.Events.Domain;
using EParticipation.Web.Areas.Events.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Events.Services;

/// <summary>
/// Publishers create, edit and cancel their agency's events. Each change and its audit entry commit
/// together. A change of date, time or place raises the calendar SEQUENCE and sends everyone with a
/// place the updated entry; a cancellation happens once (a conditional UPDATE) and sends METHOD:CANCEL.
/// </summary>
public sealed class EventEditor(AppDbContext db, AuditLog audit, EventEmails emails, EventRegistrations registrations, TimeProvider clock)
{
    private const string EntityType = "Event";

    public async Task<PortalEvent> CreateAsync(EventInput input, int agencyId, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var e = new PortalEvent { AgencyId = agencyId, CreatedById = userId, CreatedAt = now };
        Apply(input, e, now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Events.Add(e);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record("event.created", EntityType, e.Id, agencyId, e.Title.Ar);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return e;
    }

    /// <summary>Saves, unless someone saved the event after this form was shown: then false and nothing changes.</summary>
    public async Task<bool> UpdateAsync(PortalEvent e, EventInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Version != e.Version)
        {
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var before = CalendarFields(e);
        var seatsBefore = (e.Capacity, e.ReservedWomen, e.ReservedDisability, e.ReservedYouth);
        Apply(input, e, now);
        e.Version++;
        var calendarChanged = before != CalendarFields(e);
        if (calendarChanged)
        {
            e.Sequence++;
        }
        audit.Record("event.updated", EntityType, e.Id, e.AgencyId, calendarChanged ? $"{e.Title.Ar}; {e.StartsAt:u} - {e.EndsAt:u}; sequence {e.Sequence}" : e.Title.Ar);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
        if (calendarChanged)
        {
            await emails.UpdatedAsync(e, cancellationToken);
        }
        // More places: the waitlist moves up at once.
        if (seatsBefore != (e.Capacity, e.ReservedWomen, e.ReservedDisability, e.ReservedYouth))
        {
            await registrations.PromoteAsync(e.Id, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Cancels the event once: a second request (or a second click) changes nothing and sends nothing.</summary>
    public async Task<bool> CancelAsync(PortalEvent e, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.Events.Where(x => x.Id == e.Id && x.CancelledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.CancelledAt, now).SetProperty(x => x.Sequence, x => x.Sequence + 1)
                .SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.Version, x => x.Version + 1), cancellationToken);
        if (changed == 0)
        {
            return false;
        }
        var cancelled = await db.Events.AsNoTracking().SingleAsync(x => x.Id == e.Id, cancellationToken);
        await emails.CancelledAsync(cancelled, cancellationToken);
        audit.Record("event.cancelled", EntityType, e.Id, e.AgencyId, e.Title.Ar);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static (DateTime, DateTime, bool, string?, string?, string?, string, string) CalendarFields(PortalEvent e) =>
        (e.StartsAt, e.EndsAt, e.IsOnline, e.OnlineUrl, e.Address, e.City, e.Title.Ar, e.Title.En);

    private static void Apply(EventInput input, PortalEvent e, DateTime now)
    {
        e.Kind = input.Kind!.Value;
        e.Title = new LocalizedText(input.TitleAr!.Trim(), input.TitleEn?.Trim() ?? "");
        e.Description = new LocalizedText(input.DescriptionAr!.Trim(), input.DescriptionEn?.Trim() ?? "");
        e.Eligibility = new LocalizedText(input.EligibilityAr?.Trim() ?? "", input.EligibilityEn?.Trim() ?? "");
        e.StartsAt = EventInput.ToUtc(input.StartsAt!.Value);
        e.EndsAt = EventInput.ToUtc(input.EndsAt!.Value);
        e.RegistrationOpensAt = EventInput.ToUtc(input.RegistrationOpensAt!.Value);
        e.RegistrationClosesAt = EventInput.ToUtc(input.RegistrationClosesAt!.Value);
        e.SubmissionsCloseAt = input.Kind == EventKind.Hackathon && input.SubmissionsCloseAt is { } close ? EventInput.ToUtc(close) : null;
        e.IsOnline = input.IsOnline;
        e.OnlineUrl = input.IsOnline ? input.OnlineUrl?.Trim() : null;
        e.Address = input.IsOnline ? null : input.Address?.Trim();
        e.City = input.IsOnline ? null : input.City?.Trim();
        e.Capacity = input.Capacity!.Value;
        e.ReservedWomen = input.ReservedWomen;
        e.ReservedDisability = input.ReservedDisability;
        e.ReservedYouth = input.ReservedYouth;
        e.MinTeamSize = input.MaxTeamSize == 0 ? 0 : Math.Max(2, input.MinTeamSize);
        e.MaxTeamSize = input.MaxTeamSize;
        e.ChallengeId = input.ChallengeId;
        e.UpdatedAt = now;
    }
}
