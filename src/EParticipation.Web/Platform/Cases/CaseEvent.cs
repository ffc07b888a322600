namespace EParticipation.Web.Platform.Cases;

/// <summary>What a timeline entry records.</summary>
public enum CaseEvent
{
    Submitted,
    ReviewStarted,
    Assigned,
    InternalNote,
    InformationRequested,
    InformationAdded,
    Responded,
    Transferred,
    Closed,
    Reopened,
    Rated,
    DueDateChanged,
    ReminderSent,
    Escalated,
}
