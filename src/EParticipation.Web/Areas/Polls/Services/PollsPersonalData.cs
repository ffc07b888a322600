using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Polls.Services;

/// <summary>
/// A participant's votes, for their data download. On account deletion the votes stay (the account
/// row stays as an anonymous tombstone), so closed polls' results do not change after the fact.
/// </summary>
public sealed class PollsPersonalData(AppDbContext db) : IPersonalDataContributor
{
    public string Section => "polls";

    public async Task<object> ExportAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.PollVotes.AsNoTracking()
            .Where(v => v.UserId == userId)
            .OrderBy(v => v.VotedAt)
            .Join(db.PollOptions, v => v.OptionId, o => o.Id, (v, o) => new { v.PollId, OptionAr = o.Text.Ar, OptionEn = o.Text.En, v.VotedAt, v.ChangedAt })
            .Join(db.Polls, v => v.PollId, p => p.Id, (v, p) => new { v.PollId, Question = p.Question.Ar, v.OptionAr, v.OptionEn, v.VotedAt, v.ChangedAt })
            .ToListAsync(cancellationToken);

    public Task AnonymiseAsync(Guid userId, CancellationToken cancellationToken) => Task.CompletedTask;
}
