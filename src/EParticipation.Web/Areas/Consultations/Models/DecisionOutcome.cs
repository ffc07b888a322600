namespace EParticipation.Web.Areas.Consultations.Models;

/// <summary>What became of a reviewer's save of one comment's disposition.</summary>
public enum DecisionOutcome
{
    Saved,

    /// <summary>The comment is not (or no longer) a published comment of this consultation.</summary>
    NotFound,

    /// <summary>Someone else saved a disposition after this reviewer's form was shown; nothing was changed.</summary>
    Conflict,
}
