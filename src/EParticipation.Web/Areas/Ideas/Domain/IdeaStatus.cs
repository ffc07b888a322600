namespace EParticipation.Web.Areas.Ideas.Domain;

/// <summary>The Voice-of-Beneficiary team's triage of an idea (domain.md).</summary>
public enum IdeaStatus
{
    New,
    UnderReview,
    Shortlisted,
    Accepted,
    Implemented,
    Declined,
    Duplicate,
}
