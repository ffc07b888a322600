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

    /// <summary>A reserved seat was asked for, but the person's account page does not declare its group.</summary>
    GroupNotDeclared,
}

public sealed record RegistrationResult(RegistrationOutcome Outcome, long? RegistrationId = null);
