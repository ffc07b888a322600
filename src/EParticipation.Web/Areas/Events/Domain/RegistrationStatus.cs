namespace EParticipation.Web.Areas.Events.Domain;

public enum RegistrationStatus
{
    Confirmed,
    Waitlisted,
    Cancelled,
}
