namespace EParticipation.Web.Platform.Cases;

/// <summary>The national promises a case is held to.</summary>
public static class CaseRules
{
    /// <summary>"We aim to answer within 10 working days" (the source page, for every channel).</summary>
    public const int ResponseWorkingDays = 10;

    /// <summary>How long after a response the submitter may reopen the case.</summary>
    public static readonly TimeSpan ReopenWindow = TimeSpan.FromDays(14);

    /// <summary>The case officer is reminded this many working days before the due day.</summary>
    public const int ReminderWorkingDays = 2;
}
