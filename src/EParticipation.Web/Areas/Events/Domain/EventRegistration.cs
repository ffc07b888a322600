namespace EParticipation.Web.Areas.Events.Domain;

/// <summary>
/// One registration: a person alone, or a team led by the person who registered it. It holds
/// <see cref="Seats"/> seats of <see cref="Pool"/> while confirmed; on the waitlist it holds none and
/// waits in the order of its id.
/// </summary>
public class EventRegistration
{
    public long Id { get; set; }

    public int EventId { get; set; }

    public PortalEvent? Event { get; set; }

    /// <summary>The person who registered (the team's leader).</summary>
    public Guid UserId { get; set; }

    public string? TeamName { get; set; }

    /// <summary>The pool the person asked for (a reserved group, or general).</summary>
    public SeatPool RequestedPool { get; set; }

    /// <summary>Where its seats were taken from, while confirmed.</summary>
    public SeatPool? SeatedPool { get; set; }

    public int Seats { get; set; }

    public RegistrationStatus Status { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ConfirmedAt { get; set; }

    public DateTime? CancelledAt { get; set; }

    public List<EventAttendee> Attendees { get; set; } = [];

    public bool IsTeam => TeamName is not null;
}
