using System.Globalization;
using EParticipation.Web.Areas.Polls.Domain;
using EParticipation.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace EParticipation.Web.Areas.Polls.Services;

public enum VoteOutcome
{
    Recorded,
    Changed,
    NotFound,
    NotOpen,
    UnknownOption,

    /// <summary>The poll is limited to target groups and the account declares other groups.</summary>
    NotInTargetGroups,

    /// <summary>The poll is limited to target groups and the account declares none yet.</summary>
    GroupsNotDeclared,
}

/// <summary>
/// Records a vote in one statement (<see cref="SqlDialect.CastVote"/>): an insert of the account's
/// row when the poll is open, the option is the poll's and the account may vote in it, which the
/// (poll, account) key turns into a change of option when the account has voted already, also
/// when two of its requests race. A change is one UPDATE of that row, so the option it leaves and
/// the one it joins move together (the counts are computed from the rows). Only when nothing was
/// written is the poll read again, to say why. Nothing is cached between requests, so closing (by
/// the clock or early) takes effect at once on every instance.
/// The statement runs as a plain command with EF's type-mapped parameters (<see cref="CastAsync"/>),
/// not through <c>Database.SqlQuery</c>: EF cannot cache the SQL of a raw query with parameters, so
/// it generated the command again on every vote, under a lock that every vote waited for (seen in
/// the polls benchmark's profile, bench/polls/README.md).
/// </summary>
public sealed class PollVoting(AppDbContext db, TimeProvider clock)
{
    public async Task<VoteOutcome> VoteAsync(int pollId, int optionId, Guid userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var written = await CastAsync(db.Dialect.CastVote(pollId, optionId, userId, now), cancellationToken);
        if (written is { } changed)
        {
            return changed ? VoteOutcome.Changed : VoteOutcome.Recorded;
        }
        return await RefusalAsync(pollId, optionId, userId, now, cancellationToken);
    }

    /// <summary>
    /// Runs the dialect's statement with its arguments as parameters, mapped as EF maps them (the
    /// same provider values: SQLite's text GUIDs and dates), in the context's connection and
    /// transaction. Its one column of its one row (whether the vote was a change), or null when it
    /// wrote nothing.
    /// </summary>
    private async Task<bool?> CastAsync(FormattableString sql, CancellationToken cancellationToken)
    {
        var mappings = db.GetService<IRelationalTypeMappingSource>();
        var names = db.GetService<ISqlGenerationHelper>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var placeholders = new object[sql.ArgumentCount];
            for (var i = 0; i < sql.ArgumentCount; i++)
            {
                var value = sql.GetArgument(i)!;
                var name = "p" + i.ToString(CultureInfo.InvariantCulture);
                var mapping = mappings.GetMappingForValue(value);
                command.Parameters.Add(mapping.CreateParameter(command, names.GenerateParameterName(name), value));
                placeholders[i] = names.GenerateParameterNamePlaceholder(name);
            }
            command.CommandText = string.Format(CultureInfo.InvariantCulture, sql.Format, placeholders);
            var result = await command.ExecuteScalarAsync(cancellationToken);
            return result is null or DBNull ? null : Convert.ToBoolean(result, CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Why a vote was not written (read after the fact: the rare path).</summary>
    private async Task<VoteOutcome> RefusalAsync(int pollId, int optionId, Guid userId, DateTime now, CancellationToken cancellationToken)
    {
        var poll = await db.Polls.AsNoTracking()
            .Where(p => p.Id == pollId)
            .Select(p => new
            {
                p.OpensAt,
                p.ClosesAt,
                p.LimitedToTargetGroups,
                Valid = p.Options.Any(o => o.Id == optionId),
                InGroups = p.TargetGroups.Any(g => db.DeclaredTargetGroups.Any(d => d.UserId == userId && d.TargetGroupId == g.TargetGroupId)),
                Declared = db.DeclaredTargetGroups.Any(d => d.UserId == userId),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (poll is null)
        {
            return VoteOutcome.NotFound;
        }
        if (now < poll.OpensAt || now >= poll.ClosesAt)
        {
            return VoteOutcome.NotOpen;
        }
        if (!poll.Valid)
        {
            return VoteOutcome.UnknownOption;
        }
        if (poll.LimitedToTargetGroups && !poll.InGroups)
        {
            return poll.Declared ? VoteOutcome.NotInTargetGroups : VoteOutcome.GroupsNotDeclared;
        }
        // Something changed between the statement and this read (the person's groups, or the poll
        // was closed early and the clock moved): the vote was not written; it is not open to them now.
        return VoteOutcome.NotOpen;
    }

    /// <summary>Whether the account may vote in this poll as far as its target groups go (the page shows why not before they try).</summary>
    public async Task<VoteOutcome?> GroupRefusalAsync(Poll poll, Guid userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(poll);
        if (!poll.LimitedToTargetGroups)
        {
            return null;
        }
        var groups = poll.TargetGroups.Select(g => g.TargetGroupId).ToList();
        var declared = await db.DeclaredTargetGroups.AsNoTracking().Where(d => d.UserId == userId).Select(d => d.TargetGroupId).ToListAsync(cancellationToken);
        return declared.Count == 0 ? VoteOutcome.GroupsNotDeclared : declared.Any(groups.Contains) ? null : VoteOutcome.NotInTargetGroups;
    }

    /// <summary>The option this account voted for in this poll, or null.</summary>
    public Task<int?> ChoiceAsync(int pollId, Guid userId, CancellationToken cancellationToken = default) =>
        db.PollVotes.AsNoTracking()
            .Where(v => v.PollId == pollId && v.UserId == userId)
            .Select(v => (int?)v.OptionId)
            .SingleOrDefaultAsync(cancellationToken);
}
