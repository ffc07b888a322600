namespace EParticipation.Web.Areas.Events.Domain;

public enum EventKind
{
    Hackathon,
    Workshop,
    CoCreation,
    PublicHearing,
    Webinar,
}
