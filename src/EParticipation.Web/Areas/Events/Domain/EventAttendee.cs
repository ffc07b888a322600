namespace EParticipation.Web.Areas.Events.Domain;

/// <summary>
/// A person of a registration, with their own check-in code. A team member is invited by email and
/// becomes an account's attendee when they accept; until then <see cref="UserId"/> is null.
/// </summary>
public class EventAttendee
{
    public long Id { get; set; }

    public long RegistrationId { get; set; }

    public EventRegistration? Registration { get; set; }

    public int EventId { get; set; }

    public Guid? UserId { get; set; }

    public string Email { get; set; } = "";

    public string Name { get; set; } = "";

    public bool IsLeader { get; set; }

    /// <summary>Shown at the door: short, unambiguous letters and digits, unique across events.</summary>
    public string Code { get; set; } = "";

    /// <summary>The secret in the invitation link (team members only).</summary>
    public string? InvitationToken { get; set; }

    public DateTime? AcceptedAt { get; set; }

    public DateTime? CheckedInAt { get; set; }

    public bool IsPending => UserId is null;
}
