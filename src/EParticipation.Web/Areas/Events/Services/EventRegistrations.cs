using System.Security.Cryptography;
using EParticipation.Web.Areas.Events.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Events.Services;

/// <summary>
/// Seats, registrations, team invitations and the waitlist. A seat is taken only by one conditional
/// UPDATE of the pool's counter (<c>... SET Taken = Taken + n WHERE Taken + n &lt;= Seats</c>), in the
/// same transaction as the registration row, so the database itself refuses the seat past capacity
/// however many requests race: on PostgreSQL the second UPDATE re-reads the row after the first
/// commits; on SQLite writers are serialised. Freed seats go to the waitlist in order.
/// </summary>
public sealed class EventRegistrations(AppDbContext db, EventEmails emails, TimeProvider clock)
{
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task<RegistrationResult> RegisterAsync(int eventId, ApplicationUser user, SeatPool pool, string? teamName, IReadOnlyList<string> memberEmails, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(memberEmails);
        var now = clock.GetUtcNow().UtcDateTime;
        var e = await db.Events.AsNoTracking().SingleOrDefaultAsync(x => x.Id == eventId, cancellationToken);
        if (e is null)
        {
            return new(RegistrationOutcome.NotFound);
        }
        if (!e.AcceptsRegistrationAt(now))
        {
            return new(RegistrationOutcome.Closed);
        }
        var team = !string.IsNullOrWhiteSpace(teamName);
        var members = memberEmails.Select(m => m.Trim()).Where(m => m.Length > 0)
            .Where(m => !string.Equals(m, user.Email, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (team)
        {
            if (!e.AllowsTeams)
            {
                return new(RegistrationOutcome.TeamsNotAllowed);
            }
            if (members.Count + 1 < e.MinTeamSize || members.Count + 1 > e.MaxTeamSize)
            {
                return new(RegistrationOutcome.TeamSize);
            }
            // Teams sit in the general seats: reserved seats are counted per person who declares the group.
            pool = SeatPool.General;
        }
        else
        {
            members.Clear();
            // A reserved seat is for a person who declares its group on their account page.
            if (pool.GroupCode() is { } code && !await db.DeclaredTargetGroups.AnyAsync(d => d.UserId == user.Id && d.TargetGroup!.Code == code, cancellationToken))
            {
                return new(RegistrationOutcome.GroupNotDeclared);
            }
        }
        var email = Normalize(user.Email!);
        var emailsAll = members.Select(Normalize).Append(email).ToList();
        if (await db.EventAttendees.AnyAsync(a => a.EventId == eventId && (a.UserId == user.Id || emailsAll.Contains(a.Email)), cancellationToken))
        {
            return new(RegistrationOutcome.AlreadyRegistered);
        }

        var seats = 1 + members.Count;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The first statement of the transaction is the write: on SQLite it takes the write lock at once.
        var seated = await TakeSeatsAsync(eventId, pool, seats, allowGeneral: true, cancellationToken);
        var registration = new EventRegistration
        {
            EventId = eventId,
            UserId = user.Id,
            TeamName = team ? teamName!.Trim() : null,
            RequestedPool = pool,
            SeatedPool = seated,
            Seats = seats,
            Status = seated is null ? RegistrationStatus.Waitlisted : RegistrationStatus.Confirmed,
            CreatedAt = now,
            ConfirmedAt = seated is null ? null : now,
        };
        var leader = new EventAttendee { EventId = eventId, UserId = user.Id, Email = email, Name = user.FullName, IsLeader = true, Code = NewCode(), AcceptedAt = now };
        registration.Attendees.Add(leader);
        foreach (var member in members)
        {
            registration.Attendees.Add(new EventAttendee { EventId = eventId, Email = Normalize(member), Name = member, Code = NewCode(), InvitationToken = NewToken() });
        }
        db.EventRegistrations.Add(registration);
        var language = Platform.Localization.PortalCultures.IsSupported(user.PreferredLanguage) ? user.PreferredLanguage : Platform.Localization.PortalCultures.Default;
        emails.Registered(user.Email!, user.FullName, language, e, registration, registration.Attendees);
        foreach (var member in registration.Attendees.Where(a => !a.IsLeader))
        {
            emails.Invited(member, user.FullName, registration.TeamName!, e);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            // The same person twice at once: the seat taken above rolls back with the transaction.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new(RegistrationOutcome.AlreadyRegistered);
        }
        await transaction.CommitAsync(cancellationToken);
        return new(seated is null ? RegistrationOutcome.Waitlisted : RegistrationOutcome.Confirmed, registration.Id);
    }

    /// <summary>
    /// The leader cancels their registration: its seats free up and go to the waitlist. Runs in its
    /// own transaction, or in the caller's when there is one (an account being deleted).
    /// </summary>
    public async Task<bool> CancelAsync(long registrationId, Guid userId, CancellationToken cancellationToken)
    {
        var registration = await db.EventRegistrations.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == registrationId && r.UserId == userId && r.Status != RegistrationStatus.Cancelled, cancellationToken);
        if (registration is null)
        {
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var changed = await db.EventRegistrations
            .Where(r => r.Id == registrationId && r.Status == registration.Status)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Cancelled).SetProperty(r => r.CancelledAt, now), cancellationToken);
        if (changed == 0)
        {
            return false;
        }
        await db.EventAttendees.Where(a => a.RegistrationId == registrationId).ExecuteDeleteAsync(cancellationToken);
        if (registration is { Status: RegistrationStatus.Confirmed, SeatedPool: { } pool })
        {
            await ReleaseSeatsAsync(registration.EventId, pool, registration.Seats, cancellationToken);
            await PromoteAsync(registration.EventId, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return true;
    }

    /// <summary>A team member accepts (their account now holds the place) or declines (the seat frees up).</summary>
    public async Task<bool> AnswerInvitationAsync(string token, ApplicationUser user, bool accept, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var member = await db.EventAttendees.Include(a => a.Registration)
            .SingleOrDefaultAsync(a => a.InvitationToken == token && a.UserId == null, cancellationToken);
        if (member is null || member.Email != Normalize(user.Email!) || member.Registration!.Status == RegistrationStatus.Cancelled)
        {
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (accept)
        {
            member.UserId = user.Id;
            member.Name = user.FullName;
            member.AcceptedAt = now;
            member.InvitationToken = null;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
            {
                db.ChangeTracker.Clear();
                return false;
            }
            return true;
        }
        var registration = member.Registration;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await db.EventAttendees.Where(a => a.Id == member.Id && a.UserId == null).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return false;
        }
        await db.EventRegistrations.Where(r => r.Id == registration.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Seats, r => r.Seats - 1), cancellationToken);
        if (registration is { Status: RegistrationStatus.Confirmed, SeatedPool: { } pool })
        {
            await ReleaseSeatsAsync(registration.EventId, pool, 1, cancellationToken);
            await PromoteAsync(registration.EventId, cancellationToken);
        }
        db.ChangeTracker.Clear();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Gives free seats to the waitlist in order. General seats go strictly in order: once a waiting
    /// registration does not fit, no later one jumps ahead of it into the general seats; reserved
    /// seats still go, in order, to those waiting for that group. Runs inside the caller's transaction.
    /// </summary>
    public async Task<int> PromoteAsync(int eventId, CancellationToken cancellationToken)
    {
        var e = await db.Events.AsNoTracking().SingleAsync(x => x.Id == eventId, cancellationToken);
        if (e.CancelledAt is not null)
        {
            return 0;
        }
        var waiting = await db.EventRegistrations.AsNoTracking()
            .Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Waitlisted)
            .OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.RequestedPool, r.Seats })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var generalOpen = true;
        var promoted = 0;
        foreach (var w in waiting)
        {
            var seated = await TakeSeatsAsync(eventId, w.RequestedPool, w.Seats, generalOpen, cancellationToken);
            if (seated is null)
            {
                generalOpen = false;
                continue;
            }
            var claimed = await db.EventRegistrations
                .Where(r => r.Id == w.Id && r.Status == RegistrationStatus.Waitlisted)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Confirmed).SetProperty(r => r.SeatedPool, seated).SetProperty(r => r.ConfirmedAt, now), cancellationToken);
            if (claimed == 0)
            {
                await ReleaseSeatsAsync(eventId, seated.Value, w.Seats, cancellationToken);
                continue;
            }
            await emails.PromotedAsync(e, w.Id, cancellationToken);
            promoted++;
        }
        return promoted;
    }

    /// <summary>Takes seats from the pool asked for, then (when allowed) from the general seats; null when neither has room.</summary>
    private async Task<SeatPool?> TakeSeatsAsync(int eventId, SeatPool pool, int n, bool allowGeneral, CancellationToken cancellationToken)
    {
        var open = db.Events.Where(x => x.Id == eventId && x.CancelledAt == null);
        if (pool == SeatPool.Women && await open.Where(x => x.WomenTaken + n <= x.ReservedWomen).ExecuteUpdateAsync(s => s.SetProperty(x => x.WomenTaken, x => x.WomenTaken + n), cancellationToken) == 1)
        {
            return SeatPool.Women;
        }
        if (pool == SeatPool.Disability && await open.Where(x => x.DisabilityTaken + n <= x.ReservedDisability).ExecuteUpdateAsync(s => s.SetProperty(x => x.DisabilityTaken, x => x.DisabilityTaken + n), cancellationToken) == 1)
        {
            return SeatPool.Disability;
        }
        if (pool == SeatPool.Youth && await open.Where(x => x.YouthTaken + n <= x.ReservedYouth).ExecuteUpdateAsync(s => s.SetProperty(x => x.YouthTaken, x => x.YouthTaken + n), cancellationToken) == 1)
        {
            return SeatPool.Youth;
        }
        if (allowGeneral && await open.Where(x => x.GeneralTaken + n <= x.Capacity - x.ReservedWomen - x.ReservedDisability - x.ReservedYouth)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.GeneralTaken, x => x.GeneralTaken + n), cancellationToken) == 1)
        {
            return SeatPool.General;
        }
        return null;
    }

    internal async Task ReleaseSeatsAsync(int eventId, SeatPool pool, int n, CancellationToken cancellationToken)
    {
        var row = db.Events.Where(x => x.Id == eventId);
        _ = pool switch
        {
            SeatPool.Women => await row.ExecuteUpdateAsync(s => s.SetProperty(x => x.WomenTaken, x => x.WomenTaken - n), cancellationToken),
            SeatPool.Disability => await row.ExecuteUpdateAsync(s => s.SetProperty(x => x.DisabilityTaken, x => x.DisabilityTaken - n), cancellationToken),
            SeatPool.Youth => await row.ExecuteUpdateAsync(s => s.SetProperty(x => x.YouthTaken, x => x.YouthTaken - n), cancellationToken),
            _ => await row.ExecuteUpdateAsync(s => s.SetProperty(x => x.GeneralTaken, x => x.GeneralTaken - n), cancellationToken),
        };
    }

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    private static string NewCode() => RandomNumberGenerator.GetString(CodeAlphabet, 8);

    private static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
}
