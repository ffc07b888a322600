namespace EParticipation.Web.Platform.Cases;

/// <summary>How a closed case ended, named honestly.</summary>
public enum CaseEndState
{
    Resolved,
    NotResolved,

    /// <summary>The matter is not the agency's to handle.</summary>
    NotCompetent,
    Duplicate,

    /// <summary>The submitter withdrew it.</summary>
    Withdrawn,
}
