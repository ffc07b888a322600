using EParticipation.Web.Areas.Polls.Domain;
using EParticipation.Web.Areas.Polls.Services;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Web;

namespace EParticipation.Web.Areas.Polls.Models;

/// <summary>The public list's filter: open (the default), upcoming or closed, and the page.</summary>
public sealed class PollListQuery
{
    public const string Open = "open";
    public const string Upcoming = "upcoming";
    public const string Closed = "closed";

    public static IReadOnlyList<string> Filters { get; } = [Open, Upcoming, Closed];

    private string? _status;

    public string? Status
    {
        get => _status is { } s && Filters.Contains(s) ? s : Open;
        set => _status = value;
    }

    public int? Page { get; set; }

    public IEnumerable<KeyValuePair<string, string?>> ToQuery(string? status = null) =>
        [new("status", status ?? Status)];
}

public sealed record PollCard(int Id, LocalizedText Question, LocalizedText Agency, DateTime OpensAt, DateTime ClosesAt, PollStatus Status, int Voters, bool ClosedEarly);

public sealed record PollListPage(PollListQuery Query, Paged<PollCard> Results, IReadOnlyDictionary<string, int> Counts);

public sealed record OptionResult(int OptionId, LocalizedText Text, int Votes, double Share);

/// <summary>Counts and shares of one poll; shares are of the voters (each has exactly one vote).</summary>
public sealed record PollResults(IReadOnlyList<OptionResult> Options, int Voters);

public sealed record PollPage(
    Poll Poll,
    LocalizedText Agency,
    IReadOnlyList<LocalizedText> TargetGroups,
    PollStatus Status,
    bool SignedIn,
    int? Choice,
    PollResults? Results,
    VoteOutcome? GroupRefusal = null)
{
    public bool CanVote => Status == PollStatus.Open && SignedIn && GroupRefusal is null;
}

public sealed record ManagePollRow(int Id, LocalizedText Question, PollStatus Status, DateTime OpensAt, DateTime ClosesAt, int Voters);

public sealed record PollEditPage(PollInput Input, IReadOnlyList<TargetGroupItem> TargetGroups, Poll? Poll, PollStatus? Status)
{
    public bool Conflict { get; init; }
}

public sealed record TargetGroupItem(int Id, LocalizedText Name);
