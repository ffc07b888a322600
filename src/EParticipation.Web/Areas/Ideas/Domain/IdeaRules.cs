namespace EParticipation.Web.Areas.Ideas.Domain;

public static class IdeaRules
{
    public const int TitleMaxLength = 200;

    public const int TextMaxLength = 4000;

    public const int SearchTextMaxLength = 4000;

    public const int MaxAttachments = 3;

    public const int PageSize = 20;

    /// <summary>The moves the VoC team may make from each status; declined and duplicate may be reopened for review.</summary>
    public static IReadOnlyList<IdeaStatus> NextFrom(IdeaStatus status) => status switch
    {
        IdeaStatus.New => [IdeaStatus.UnderReview, IdeaStatus.Declined, IdeaStatus.Duplicate],
        IdeaStatus.UnderReview => [IdeaStatus.Shortlisted, IdeaStatus.Accepted, IdeaStatus.Declined, IdeaStatus.Duplicate],
        IdeaStatus.Shortlisted => [IdeaStatus.Accepted, IdeaStatus.Declined, IdeaStatus.Duplicate],
        IdeaStatus.Accepted => [IdeaStatus.Implemented],
        IdeaStatus.Declined or IdeaStatus.Duplicate => [IdeaStatus.UnderReview],
        _ => [],
    };

    public static bool MayMove(IdeaStatus from, IdeaStatus to) => NextFrom(from).Contains(to);

    /// <summary>Accepted and implemented ideas are "ideas that became reality" (or are becoming it).</summary>
    public static bool IsReality(IdeaStatus status) => status is IdeaStatus.Accepted or IdeaStatus.Implemented;
}
