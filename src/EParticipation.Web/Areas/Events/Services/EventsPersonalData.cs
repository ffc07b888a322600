using EParticipation.Web.Areas.Events.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Events.Services;

/// <summary>
/// A participant's registrations (as an individual or a team's leader) and team memberships, for
/// their data download; and what deleting the account does to them. For events still to come the
/// person gives up their place: a registration they lead is cancelled, a team place they hold is
/// left, and the freed seats go to the waitlist in order (with its email). For events that have
/// started or ended the rows stay (attendance counts and check-in history are true) without the
/// person's name or email.
/// </summary>
public sealed class EventsPersonalData(AppDbContext db, EventRegistrations registrations, TimeProvider clock) : IPersonalDataContributor
{
    public string Section => "events";

    public async Task<object> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var email = await EmailAsync(userId, cancellationToken);
        var places = await db.EventAttendees.AsNoTracking()
            .Where(a => a.UserId == userId || (a.UserId == null && email != null && a.Email == email))
            .OrderBy(a => a.Id)
            .Select(a => new
            {
                a.EventId,
                EventAr = db.Events.Where(e => e.Id == a.EventId).Select(e => e.Title.Ar).FirstOrDefault(),
                EventEn = db.Events.Where(e => e.Id == a.EventId).Select(e => e.Title.En).FirstOrDefault(),
                StartsAt = db.Events.Where(e => e.Id == a.EventId).Select(e => e.StartsAt).FirstOrDefault(),
                a.RegistrationId,
                a.Registration!.TeamName,
                a.IsLeader,
                Invitation = a.UserId == null ? "pending" : null,
                a.Name,
                a.Email,
                a.Code,
                a.AcceptedAt,
                a.CheckedInAt,
                RegistrationStatus = a.Registration.Status,
            })
            .ToListAsync(cancellationToken);
        // Cancelled registrations have no attendee rows left; they are listed from the registrations.
        var registered = await db.EventRegistrations.AsNoTracking()
            .Where(r => r.UserId == userId)
            .OrderBy(r => r.Id)
            .Select(r => new
            {
                r.Id,
                r.EventId,
                EventAr = r.Event!.Title.Ar,
                EventEn = r.Event.Title.En,
                r.Event.StartsAt,
                r.TeamName,
                r.Seats,
                RequestedPool = r.RequestedPool.ToString(),
                SeatedPool = r.SeatedPool.HasValue ? r.SeatedPool.Value.ToString() : null,
                Status = r.Status.ToString(),
                r.CreatedAt,
                r.ConfirmedAt,
                r.CancelledAt,
            })
            .ToListAsync(cancellationToken);
        return new
        {
            Registrations = registered,
            Places = places.Select(p => new
            {
                p.EventId,
                p.EventAr,
                p.EventEn,
                p.StartsAt,
                p.RegistrationId,
                p.TeamName,
                p.IsLeader,
                p.Invitation,
                p.Name,
                p.Email,
                p.Code,
                p.AcceptedAt,
                p.CheckedInAt,
                RegistrationStatus = p.RegistrationStatus.ToString(),
            }),
        };
    }

    public async Task AnonymiseAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var email = await EmailAsync(userId, cancellationToken);
        var upcoming = db.Events.Where(e => e.StartsAt > now && e.CancelledAt == null).Select(e => e.Id);

        // Registrations they lead, for events to come: cancelled as if they had cancelled them.
        var led = await db.EventRegistrations.AsNoTracking()
            .Where(r => r.UserId == userId && r.Status != RegistrationStatus.Cancelled && upcoming.Contains(r.EventId))
            .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var id in led)
        {
            await registrations.CancelAsync(id, userId, cancellationToken);
        }

        // Places in someone else's team (accepted, or an invitation to their address), for events to
        // come: the team keeps going without them, one seat smaller.
        var memberships = await db.EventAttendees.AsNoTracking()
            .Where(a => !a.IsLeader && (a.UserId == userId || (a.UserId == null && email != null && a.Email == email)) && upcoming.Contains(a.EventId))
            .Select(a => new { a.Id, a.EventId, a.RegistrationId, a.Registration!.Status, a.Registration.SeatedPool })
            .ToListAsync(cancellationToken);
        foreach (var member in memberships)
        {
            if (await db.EventAttendees.Where(a => a.Id == member.Id).ExecuteDeleteAsync(cancellationToken) == 0)
            {
                continue;
            }
            await db.EventRegistrations.Where(r => r.Id == member.RegistrationId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Seats, r => r.Seats - 1), cancellationToken);
            if (member is { Status: RegistrationStatus.Confirmed, SeatedPool: { } pool })
            {
                await registrations.ReleaseSeatsAsync(member.EventId, pool, 1, cancellationToken);
                await registrations.PromoteAsync(member.EventId, cancellationToken);
            }
        }
        await db.SaveChangesAsync(cancellationToken);

        // What stays (events that started or ended, cancelled events): the row without the person.
        // The address becomes one per row (the (event, email) index is unique) at a reserved domain.
        var kept = db.EventAttendees.Where(a => a.UserId == userId || (a.UserId == null && email != null && a.Email == email));
        await kept.ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Name, PersonalDataService.AnonymousName)
            .SetProperty(a => a.Email, a => "erased-" + a.Id + "@deleted.invalid")
            .SetProperty(a => a.InvitationToken, (string?)null), cancellationToken);
    }

    /// <summary>The account's address as attendee rows store it (invitations are addressed by email).</summary>
    private async Task<string?> EmailAsync(Guid userId, CancellationToken cancellationToken)
    {
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        return email is null ? null : EventRegistrations.Normalize(email);
    }
}
