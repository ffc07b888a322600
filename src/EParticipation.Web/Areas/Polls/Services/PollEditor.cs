using EParticipation.Web.Areas.Polls.Domain;
using EParticipation.Web.Areas.Polls.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Polls.Services;

/// <summary>
/// Staff changes to polls: create, edit before opening, close early. Callers have checked the
/// agency and role; every change is audited in the same unit of work.
/// </summary>
public sealed class PollEditor(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    private const string EntityType = nameof(Poll);

    /// <summary>A poll for editing (tracked), with its options and target groups.</summary>
    public Task<Poll?> LoadAsync(int id, CancellationToken cancellationToken = default) =>
        db.Polls
            .Include(p => p.Options.OrderBy(o => o.Position))
            .Include(p => p.TargetGroups)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken);

    public async Task<Poll> CreateAsync(PollInput input, int agencyId, Guid userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var poll = new Poll { AgencyId = agencyId, CreatedById = userId, CreatedAt = now };
        Apply(input, poll, now);
        // The audit entry needs the new id: two saves, one transaction, so both commit or neither.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Polls.Add(poll);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record("poll.created", EntityType, poll.Id, agencyId, poll.Question.Ar);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return poll;
    }

    /// <summary>
    /// Saves the details of a poll that has not opened, unless someone else saved it after this
    /// editor's form was shown; then nothing changes and false is returned.
    /// </summary>
    public async Task<bool> UpdateAsync(Poll poll, PollInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(poll);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Version != poll.Version)
        {
            return await ConflictAsync(poll, cancellationToken);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        poll.Version++;
        // Nobody has voted before opening, so the options can be replaced as a whole.
        db.PollOptions.RemoveRange(poll.Options);
        poll.Options.Clear();
        db.PollTargetGroups.RemoveRange(poll.TargetGroups);
        poll.TargetGroups.Clear();
        Apply(input, poll, now);
        audit.Record("poll.updated", EntityType, poll.Id, poll.AgencyId, $"{poll.Question.Ar}; {poll.OpensAt:u} / {poll.ClosesAt:u}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(poll, cancellationToken);
        }
        return true;
    }

    public async Task CloseEarlyAsync(Poll poll, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(poll);
        var now = clock.GetUtcNow().UtcDateTime;
        poll.CloseEarly(now);
        poll.Version++;
        poll.UpdatedAt = now;
        audit.Record("poll.closed-early", EntityType, poll.Id, poll.AgencyId, $"{poll.Question.Ar}; closed {now:u}");
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<bool> ConflictAsync(Poll poll, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        audit.Record("poll.updated.conflict", EntityType, poll.Id, poll.AgencyId, "not saved: the poll had been saved by someone else since the form was shown");
        await db.SaveChangesAsync(cancellationToken);
        return false;
    }

    private static void Apply(PollInput input, Poll poll, DateTime now)
    {
        poll.Question = new LocalizedText(input.QuestionAr!.Trim(), input.QuestionEn?.Trim() ?? "");
        poll.Description = new LocalizedText(input.DescriptionAr?.Trim() ?? "", input.DescriptionEn?.Trim() ?? "");
        poll.Schedule(PollInput.ToUtc(input.OpensAt!.Value), PollInput.ToUtc(input.ClosesAt!.Value));
        poll.ResultsBeforeClosing = input.ResultsBeforeClosing;
        poll.LimitedToTargetGroups = input.LimitedToTargetGroups && input.TargetGroupIds.Count > 0;
        var position = 1;
        foreach (var option in input.FilledOptions)
        {
            poll.Options.Add(new PollOption { Position = position++, Text = new LocalizedText(option.TextAr!.Trim(), option.TextEn?.Trim() ?? "") });
        }
        foreach (var id in input.TargetGroupIds.Distinct())
        {
            poll.TargetGroups.Add(new PollTargetGroup { TargetGroupId = id });
        }
        poll.UpdatedAt = now;
    }
}
