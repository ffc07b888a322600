namespace EParticipation.Web.Areas.Events.Services;

public enum RegistrationOutcome
{
    Confirmed,
    Waitlisted,
    NotFound,
    Closed,
    AlreadyRegistered,
    TeamsNotAllowed,
    TeamSize,
}

public sealed record RegistrationResult(RegistrationOutcome Outcome, long? RegistrationId = null);
