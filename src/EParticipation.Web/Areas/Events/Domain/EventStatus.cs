namespace EParticipation.Web.Areas.Events.Domain;

/// <summary>Follows from the dates and the seats taken; only cancellation is set by hand.</summary>
public enum EventStatus
{
    Upcoming,
    RegistrationOpen,
    Full,
    Ongoing,
    Past,
    Cancelled,
}
