namespace EParticipation.Web.Areas.Consultations.Models;

/// <summary>What became of a moderator's decision on one comment.</summary>
public enum ModerationOutcome
{
    Done,

    /// <summary>Not a comment a moderator can decide (withdrawn, or its consultation's report is out).</summary>
    NotFound,

    /// <summary>Another moderator had already made the same decision: nothing to do.</summary>
    AlreadyTheSame,

    /// <summary>Another moderator had decided otherwise first; nothing was changed.</summary>
    AlreadyDecided,
}
