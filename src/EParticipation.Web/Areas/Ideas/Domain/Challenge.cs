using EParticipation.Web.Platform.Agencies;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Moderation;
using EParticipation.Web.Platform.Taxonomy;
using EParticipation.Web.Platform.Text;

namespace EParticipation.Web.Areas.Ideas.Domain;

/// <summary>
/// A problem an agency puts to the public (Fikra): what a good idea must address, when ideas are
/// taken, and later what came of it. Its status follows from its dates and outcome.
/// </summary>
public class Challenge
{
    public const int SearchTextMaxLength = 4000;

    public int Id { get; set; }

    public int AgencyId { get; set; }

    public Agency? Agency { get; set; }

    public int SectorId { get; set; }

    public Sector? Sector { get; set; }

    public LocalizedText Title { get; set; } = new();

    public LocalizedText Problem { get; set; } = new();

    /// <summary>What a good idea must address.</summary>
    public LocalizedText Criteria { get; set; } = new();

    /// <summary>What the agency decided; once given (and the challenge closed) it is "decided".</summary>
    public LocalizedText Outcome { get; set; } = new();

    public string SearchText { get; private set; } = "";

    public DateTime OpensAt { get; set; }

    public DateTime ClosesAt { get; set; }

    public DateTime? DecidedAt { get; set; }

    /// <summary>Whether ideas submitted to this challenge wait for a moderator before they are shown.</summary>
    public ModerationMode Moderation { get; set; }

    public int IdeaCount { get; set; }

    public Guid? CreatedById { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Counts saves; the edit form carries it, so a save over a newer one is noticed (409).</summary>
    public int Version { get; set; }

    public List<ChallengeTargetGroup> TargetGroups { get; set; } = [];

    public void Describe(LocalizedText title, LocalizedText problem, LocalizedText criteria)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(criteria);
        Title = new LocalizedText(title.Ar.Trim(), title.En.Trim());
        Problem = new LocalizedText(problem.Ar.Trim(), problem.En.Trim());
        Criteria = new LocalizedText(criteria.Ar.Trim(), criteria.En.Trim());
        var text = ArabicText.Normalize($"{Title.Ar} {Title.En} {Problem.Ar} {Problem.En}");
        SearchText = text.Length > SearchTextMaxLength ? text[..SearchTextMaxLength] : text;
    }

    public ChallengeStatus StatusAt(DateTime now) =>
        now < OpensAt ? ChallengeStatus.Planned
        : now < ClosesAt ? ChallengeStatus.Open
        : DecidedAt is not null && !Outcome.IsEmpty ? ChallengeStatus.Decided
        : ChallengeStatus.Closed;

    public bool AcceptsIdeasAt(DateTime now) => StatusAt(now) == ChallengeStatus.Open;
}

public class ChallengeTargetGroup
{
    public int ChallengeId { get; set; }

    public int TargetGroupId { get; set; }

    public TargetGroup? TargetGroup { get; set; }
}
