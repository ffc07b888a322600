namespace EParticipation.Web.Platform.Cases;

/// <summary>Where a case is: submitted -> in review -> (awaiting information) -> responded -> closed.</summary>
public enum CaseState
{
    Submitted,
    InReview,

    /// <summary>The agency asked the submitter for information; the clock stands still.</summary>
    AwaitingInformation,
    Responded,
    Closed,
}
