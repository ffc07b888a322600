namespace EParticipation.Web.Areas.Polls.Domain;

/// <summary>
/// One account's vote in one poll. The key (poll, account) is what makes it one vote per account,
/// also when two requests arrive at once; changing the vote updates this row in one statement, so
/// the counts (computed from these rows) move from one option to the other together.
/// </summary>
public class PollVote
{
    public int PollId { get; set; }

    public Guid UserId { get; set; }

    public int OptionId { get; set; }

    public DateTime VotedAt { get; set; }

    /// <summary>When the voter last changed their choice (null: never).</summary>
    public DateTime? ChangedAt { get; set; }
}
