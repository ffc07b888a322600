namespace EParticipation.Web.Areas.Ideas.Domain;

public enum IdeaEventKind
{
    Submitted,
    Status,
    Progress,
}
