using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Platform.Agencies;
using EParticipation.Web.Platform.Comments;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Taxonomy;
using EParticipation.Web.Platform.Web;

namespace EParticipation.Web.Areas.Ideas.Models;

/// <summary>The ideas list's filters and order, from the query string.</summary>
public sealed class IdeaListQuery
{
    public const string Newest = "newest";
    public const string MostSupported = "supported";

    public int? Challenge { get; set; }
    public string? Agency { get; set; }
    public string? Sector { get; set; }
    public IdeaStatus? Status { get; set; }
    public string? Sort { get; set; }
    public string? Q { get; set; }
    public int? Page { get; set; }

    public bool BySupport => Sort == MostSupported;

    public bool HasFilters => Challenge is not null || !string.IsNullOrEmpty(Agency) || !string.IsNullOrEmpty(Sector) || Status is not null || !string.IsNullOrWhiteSpace(Q);

    public IEnumerable<KeyValuePair<string, string?>> ToQuery() =>
    [
        new("challenge", Challenge?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("agency", Agency),
        new("sector", Sector),
        new("status", Status?.ToString()),
        new("sort", Sort),
        new("q", Q),
    ];
}

public sealed record IdeaCard(int Id, string Title, LocalizedText AgencyName, LocalizedText? ChallengeTitle, IdeaStatus Status, int SupportCount, int CommentCount, DateTime CreatedAt);

public sealed record IdeaListPage(IdeaListQuery Query, Paged<IdeaCard> Results, IReadOnlyList<Agency> Agencies, IReadOnlyList<Sector> Sectors, IReadOnlyList<Challenge> Challenges);

public sealed record SimilarIdea(int Id, string Title, IdeaStatus Status, int SupportCount);

public sealed record ChallengeCard(Challenge Challenge, ChallengeStatus Status);

public sealed record ChallengeListPage(IReadOnlyList<ChallengeCard> Challenges, ChallengeStatus? Filter);

public sealed record ChallengePage(Challenge Challenge, ChallengeStatus Status, IReadOnlyList<IdeaCard> Ideas);

public sealed record IdeaPage(
    Idea Idea,
    Idea? Original,
    IReadOnlyList<IdeaCard> Duplicates,
    int CombinedSupporters,
    bool Supporting,
    bool Following,
    bool MayParticipate,
    IReadOnlyList<ThreadComment> Comments,
    IdeaCommentInput NewComment);

public sealed record IdeaFormPage(IdeaInput Input, Challenge? Challenge, IReadOnlyList<Agency> Agencies, IReadOnlyList<Sector> Sectors, IReadOnlyList<SimilarIdea> Similar, bool Preview);

public sealed record RealityPage(Agency Agency, IReadOnlyList<IdeaCard> Ideas);

public sealed record ChallengeEditPage(ChallengeInput Input, Challenge? Challenge, IReadOnlyList<Sector> Sectors, IReadOnlyList<TargetGroup> TargetGroups, bool Conflict);

/// <summary>The analyst's queue filters.</summary>
public sealed class QueueQuery
{
    public IdeaStatus? Status { get; set; }
    public int? Challenge { get; set; }
    public DateOnly? Since { get; set; }
    public int? Page { get; set; }

    public IEnumerable<KeyValuePair<string, string?>> ToQuery() =>
    [
        new("status", Status?.ToString()),
        new("challenge", Challenge?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("since", Since?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
    ];
}

public sealed record QueuePage(QueueQuery Query, Paged<IdeaCard> Results, IReadOnlyList<Challenge> Challenges);

public sealed record TriagePage(Idea Idea, TriageInput Input, ProgressInput Progress, bool Conflict);

public sealed record BulkPage(IReadOnlyList<IdeaCard> Ideas, IdeaStatus Status, string? AnswerAr, string? AnswerEn, IReadOnlyList<int> Refused);
