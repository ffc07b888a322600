using EParticipation.Web.Areas.Polls.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Polls.Services;

public enum VoteOutcome
{
    Recorded,
    Changed,
    NotFound,
    NotOpen,
    UnknownOption,
}

/// <summary>
/// Records a vote. The first vote of an account is an insert that the (poll, account) key makes
/// unique; a second request racing it fails on that key and becomes a change. A change is one
/// UPDATE of the account's row, so the option it leaves and the one it joins move together (the
/// counts are computed from the rows). Nothing is cached between requests, so closing (by the clock or
/// early) takes effect at once on every instance.
/// </summary>
public sealed class PollVoting(AppDbContext db, TimeProvider clock)
{
    public async Task<VoteOutcome> VoteAsync(int pollId, int optionId, Guid userId, CancellationToken cancellationToken = default)
    {
        var poll = await db.Polls.AsNoTracking()
            .Where(p => p.Id == pollId)
            .Select(p => new { p.OpensAt, p.ClosesAt, Valid = p.Options.Any(o => o.Id == optionId) })
            .SingleOrDefaultAsync(cancellationToken);
        if (poll is null)
        {
            return VoteOutcome.NotFound;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (now < poll.OpensAt || now >= poll.ClosesAt)
        {
            return VoteOutcome.NotOpen;
        }
        if (!poll.Valid)
        {
            return VoteOutcome.UnknownOption;
        }
        // Most votes are first votes: try the insert, and fall back to a change when the key is taken.
        db.PollVotes.Add(new PollVote { PollId = pollId, UserId = userId, OptionId = optionId, VotedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return VoteOutcome.Recorded;
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            db.ChangeTracker.Clear();
        }
        await db.PollVotes
            .Where(v => v.PollId == pollId && v.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.OptionId, optionId).SetProperty(v => v.ChangedAt, now), cancellationToken);
        return VoteOutcome.Changed;
    }

    /// <summary>The option this account voted for in this poll, or null.</summary>
    public Task<int?> ChoiceAsync(int pollId, Guid userId, CancellationToken cancellationToken = default) =>
        db.PollVotes.AsNoTracking()
            .Where(v => v.PollId == pollId && v.UserId == userId)
            .Select(v => (int?)v.OptionId)
            .SingleOrDefaultAsync(cancellationToken);
}
