namespace EParticipation.Web.Areas.ServiceRatings.Domain;

/// <summary>What can be wrong with a page's information (the choices offered on "no").</summary>
public static class PageProblems
{
    public const string Incomplete = "incomplete";
    public const string Unclear = "unclear";
    public const string Outdated = "outdated";
    public const string NotFound = "not-found";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [Incomplete, Unclear, Outdated, NotFound, Other];
}
