namespace EParticipation.Web.Areas.Ideas.Domain;

/// <summary>Where a challenge stands; computed from its dates and outcome, never stored.</summary>
public enum ChallengeStatus
{
    Planned,
    Open,
    Closed,

    /// <summary>Closed and its outcome is published.</summary>
    Decided,
}
