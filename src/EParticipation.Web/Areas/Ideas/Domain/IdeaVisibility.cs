namespace EParticipation.Web.Areas.Ideas.Domain;

/// <summary>Whether the public sees an idea: under a pre-moderated challenge it waits for a moderator.</summary>
public enum IdeaVisibility
{
    Pending,
    Published,
    Rejected,
}
