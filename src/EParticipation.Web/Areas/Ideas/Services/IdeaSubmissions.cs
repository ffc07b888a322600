using System.Globalization;
using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Areas.Ideas.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Agencies;
using EParticipation.Web.Platform.Attachments;
using EParticipation.Web.Platform.Moderation;
using EParticipation.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Ideas.Services;

public enum SubmissionOutcome
{
    Done,
    AlreadyDone,
    NotFound,

    /// <summary>The challenge is not open for ideas.</summary>
    NotOpen,

    /// <summary>An attachment was refused (its problem is in the result).</summary>
    BadAttachment,
}

public sealed record SubmissionResult(SubmissionOutcome Outcome, Idea? Idea = null, AttachmentProblem Problem = AttachmentProblem.None, string? FileName = null);

public enum SupportOutcome
{
    Done,
    AlreadyDone,
    NotFound,
}

/// <summary>
/// What participants do: submit an idea (the VoC mailbox is told, the author follows it), support
/// and withdraw support. A support's row and the idea's counter change in one statement (one
/// transaction), and the key (idea, account) refuses a second row, so the counter stays equal to the
/// rows under parallel requests.
/// </summary>
public sealed class IdeaSubmissions(AppDbContext db, AgencyDirectory agencies, AttachmentStore attachments, IdeaEmails emails, Notifier notifier, IdeaListChanges listChanges, TimeProvider clock)
{
    public async Task<SubmissionResult> SubmitAsync(IdeaInput input, Guid authorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.Ideas.AsNoTracking().FirstOrDefaultAsync(i => i.AuthorId == authorId && i.SubmissionKey == input.SubmissionKey, cancellationToken);
        if (existing is not null)
        {
            return new(SubmissionOutcome.AlreadyDone, existing);
        }
        int agencyId;
        int sectorId;
        var moderation = ModerationMode.PostModeration;
        Challenge? challenge = null;
        if (input.ChallengeId is { } challengeId)
        {
            challenge = await db.Challenges.SingleOrDefaultAsync(c => c.Id == challengeId, cancellationToken);
            if (challenge is null)
            {
                return new(SubmissionOutcome.NotFound);
            }
            if (!challenge.AcceptsIdeasAt(now))
            {
                return new(SubmissionOutcome.NotOpen);
            }
            agencyId = challenge.AgencyId;
            sectorId = challenge.SectorId;
            moderation = challenge.Moderation;
        }
        else
        {
            var agency = input.AgencyId;
            var sector = input.SectorId;
            if (agency is null || sector is null
                || await agencies.ActiveAsync(db, agency.Value, cancellationToken) is null
                || !await db.Sectors.AnyAsync(s => s.Id == sector, cancellationToken))
            {
                return new(SubmissionOutcome.NotFound);
            }
            agencyId = agency.Value;
            sectorId = sector.Value;
        }
        var stored = new List<StoredAttachment>();
        foreach (var file in input.Files)
        {
            var upload = await attachments.SaveAsync(file, AttachmentTypes.ImagesAndPdf, cancellationToken);
            if (upload.Stored is null)
            {
                stored.ForEach(s => attachments.Delete(s.Key));
                return new(SubmissionOutcome.BadAttachment, Problem: upload.Problem, FileName: file.FileName);
            }
            stored.Add(upload.Stored);
        }
        var idea = new Idea
        {
            AgencyId = agencyId,
            ChallengeId = challenge?.Id,
            SectorId = sectorId,
            AuthorId = authorId,
            DisplayName = input.DisplayName!.Trim(),
            Status = IdeaStatus.New,
            Visibility = moderation == ModerationMode.PreModeration ? IdeaVisibility.Pending : IdeaVisibility.Published,
            SubmissionKey = input.SubmissionKey,
            CreatedAt = now,
            StatusChangedAt = now,
        };
        idea.Write(input.Title!, input.Problem!, input.Proposal!, input.Benefit!);
        idea.Events.Add(new IdeaEvent { Kind = IdeaEventKind.Submitted, Status = IdeaStatus.New, At = now, ById = authorId });
        idea.Attachments.AddRange(stored.Select(s => new IdeaAttachment { StorageKey = s.Key, FileName = s.FileName, ContentType = s.Type.ContentType, Size = s.Size }));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Ideas.Add(idea);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            stored.ForEach(s => attachments.Delete(s.Key));
            return new(SubmissionOutcome.AlreadyDone, await db.Ideas.AsNoTracking().FirstAsync(i => i.AuthorId == authorId && i.SubmissionKey == input.SubmissionKey, cancellationToken));
        }
        // The author follows their idea (status emails to followers respect their preferences), and the VoC mailbox hears of it.
        await notifier.FollowAsync(authorId, FollowKinds.Idea, idea.Id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        await emails.NewIdeaAsync(idea, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (challenge is not null && idea.IsPublic)
        {
            await db.Challenges.Where(c => c.Id == challenge.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.IdeaCount, c => c.IdeaCount + 1), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        listChanges.Changed();
        return new(SubmissionOutcome.Done, idea);
    }

    /// <summary>
    /// One round trip (<see cref="SqlDialect.Support"/>): the row and the counter together, the key
    /// refusing a second row of the account. Only when nothing was written is the idea read, to say why.
    /// </summary>
    public async Task<SupportOutcome> SupportAsync(int ideaId, Guid userId, CancellationToken cancellationToken)
    {
        var written = await CountedWriteAsync(db.Dialect.Support(ideaId, userId, clock.GetUtcNow().UtcDateTime, nameof(IdeaVisibility.Published)), cancellationToken);
        if (written)
        {
            return SupportOutcome.Done;
        }
        return await db.Ideas.AnyAsync(i => i.Id == ideaId && i.Visibility == IdeaVisibility.Published, cancellationToken)
            ? SupportOutcome.AlreadyDone
            : SupportOutcome.NotFound;
    }

    /// <summary>One round trip (<see cref="SqlDialect.WithdrawSupport"/>): the row and the counter together.</summary>
    public async Task<SupportOutcome> WithdrawSupportAsync(int ideaId, Guid userId, CancellationToken cancellationToken) =>
        await CountedWriteAsync(db.Dialect.WithdrawSupport(ideaId, userId), cancellationToken) ? SupportOutcome.Done : SupportOutcome.AlreadyDone;

    private async Task<bool> CountedWriteAsync(FormattableString statement, CancellationToken cancellationToken)
    {
        try
        {
            if (!db.Dialect.CountedWritesNeedTransaction)
            {
                return (await db.Database.SqlQuery<int>(statement).ToListAsync(cancellationToken)).Count == 1;
            }
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var rows = await db.Database.SqlQuery<int>(statement).ToListAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return rows.Count == 1;
        }
        catch (Exception ex) when (db.Dialect.IsUniqueViolation(ex))
        {
            // The account's other request wrote the row first (the key refused this one).
            return false;
        }
    }
}
