using System.Linq.Expressions;
using EParticipation.Web.Platform.Agencies;
using EParticipation.Web.Platform.Localization;

namespace EParticipation.Web.Areas.Polls.Domain;

/// <summary>Where a poll stands; always computed from its dates, never stored.</summary>
public enum PollStatus
{
    Upcoming,
    Open,
    Closed,
}

/// <summary>
/// One question put to the public by one agency, with 2 to 10 options, open between two moments.
/// Each confirmed account has one vote (a row in <see cref="PollVote"/>, unique per poll and account),
/// which it may change until closing. Results are counted from those rows.
/// </summary>
public class Poll
{
    public const int MinOptions = 2;
    public const int MaxOptions = 10;

    public int Id { get; set; }

    public int AgencyId { get; set; }

    public Agency? Agency { get; set; }

    public LocalizedText Question { get; set; } = new();

    public LocalizedText Description { get; set; } = new();

    public DateTime OpensAt { get; private set; }

    public DateTime ClosesAt { get; private set; }

    /// <summary>When its agency closed it before the planned date (null: it runs to the planned date).</summary>
    public DateTime? ClosedEarlyAt { get; private set; }

    /// <summary>Whether everyone sees the results while it is open; otherwise only people who have voted do.</summary>
    public bool ResultsBeforeClosing { get; set; }

    public Guid? CreatedById { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Counts the saves of its details, so two editors cannot overwrite each other unnoticed.</summary>
    public int Version { get; set; }

    public List<PollOption> Options { get; set; } = [];

    public List<PollTargetGroup> TargetGroups { get; set; } = [];

    /// <summary>
    /// Whether only accounts that declare (on their account page) one of <see cref="TargetGroups"/>
    /// may vote; otherwise the groups only say whom the poll is addressed to.
    /// </summary>
    public bool LimitedToTargetGroups { get; set; }

    /// <summary>Sets the dates. Closing must come after opening.</summary>
    public void Schedule(DateTime opensAt, DateTime closesAt)
    {
        if (closesAt <= opensAt)
        {
            throw new ArgumentException("A poll must close after it opens.", nameof(closesAt));
        }
        OpensAt = opensAt;
        ClosesAt = closesAt;
    }

    /// <summary>Closes an open poll now; votes after this moment are refused.</summary>
    public void CloseEarly(DateTime now)
    {
        if (StatusAt(now) != PollStatus.Open)
        {
            throw new InvalidOperationException("Only an open poll can be closed early.");
        }
        ClosedEarlyAt = now;
        ClosesAt = now;
    }

    /// <summary>Each boundary belongs to the later state: open at the opening minute, closed at the closing one.</summary>
    public PollStatus StatusAt(DateTime now) =>
        now < OpensAt ? PollStatus.Upcoming : now < ClosesAt ? PollStatus.Open : PollStatus.Closed;

    /// <summary>
    /// Who sees the results: everyone after closing; while open, everyone when the poll says so,
    /// otherwise only a person who has voted. Nobody before opening (there is nothing to count).
    /// </summary>
    public bool ResultsVisibleAt(DateTime now, bool hasVoted) => StatusAt(now) switch
    {
        PollStatus.Closed => true,
        PollStatus.Open => ResultsBeforeClosing || hasVoted,
        _ => false,
    };

    public static Expression<Func<Poll, bool>> OpenAt(DateTime now) => p => p.OpensAt <= now && p.ClosesAt > now;

    public static Expression<Func<Poll, bool>> UpcomingAt(DateTime now) => p => p.OpensAt > now;

    public static Expression<Func<Poll, bool>> ClosedAt(DateTime now) => p => p.ClosesAt <= now;
}
