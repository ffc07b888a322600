using System.Globalization;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Comments;
using EParticipation.Web.Platform.Moderation;
using EParticipation.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Consultations.Services;

public enum ParticipationOutcome
{
    Done,

    /// <summary>The same thing had already been done (a double submit, a second support or report).</summary>
    AlreadyDone,

    NotFound,

    /// <summary>The consultation is not open: planned, closed or archived.</summary>
    NotOpen,

    /// <summary>Someone else's comment.</summary>
    NotYours,

    /// <summary>A moderator has already decided on the comment.</summary>
    AlreadyModerated,

    /// <summary>A participant cannot support or report their own comment.</summary>
    OwnComment,
}

public sealed record ParticipationResult(ParticipationOutcome Outcome, Comment? Comment = null)
{
    public bool Succeeded => Outcome is ParticipationOutcome.Done or ParticipationOutcome.AlreadyDone;
}

/// <summary>
/// What a signed-in participant does on a consultation. Every action checks, at the moment it is
/// stored, that the consultation is open: a closed consultation refuses posts whatever the page
/// showed. Commenting follows the consultation (the participant can unfollow from its page or the
/// email's link), so they hear when its schedule or report changes.
/// </summary>
public sealed partial class ParticipationService(
    AppDbContext db,
    Notifier notifier,
    ConsultationEmails emails,
    CommentWorkflow workflow,
    CounterBatcher counters,
    TimeProvider clock,
    ILogger<ParticipationService> logger)
{
    public async Task<ParticipationResult> AddCommentAsync(int consultationId, Guid authorId, CommentInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var articleId = input.ArticleId;
        var found = await ConsultationToComment(db, consultationId, articleId, authorId, consultationId.ToString(CultureInfo.InvariantCulture), cancellationToken);
        var consultation = found?.Consultation;
        if (consultation is null || !consultation.IsPublishedAt(now))
        {
            return new(ParticipationOutcome.NotFound);
        }
        if (!consultation.AcceptsParticipationAt(now))
        {
            return new(ParticipationOutcome.NotOpen);
        }
        var articleNumber = found!.ArticleNumber;
        if (articleId is not null && articleNumber is null)
        {
            return new(ParticipationOutcome.NotFound);
        }
        var comment = new Comment
        {
            ConsultationId = consultationId,
            ArticleId = input.ArticleId,
            AuthorId = authorId,
            DisplayName = input.DisplayName!.Trim(),
            Body = input.Body!.Trim(),
            Status = Comment.InitialStatus(consultation.Moderation),
            SubmissionKey = input.SubmissionKey,
            CreatedAt = now,
        };

        db.ConsultationComments.Add(comment);
        if (consultation.IsLegislation)
        {
            // Queued before saving, so the comment and its email to the legislation office are stored
            // by the same SaveChanges: together or not at all.
            await emails.NewSubmissionAsync(consultation, comment, articleNumber, cancellationToken);
        }
        try
        {
            // Atomic by itself; no explicit transaction, so no BEGIN, savepoint and COMMIT round trips
            // on the portal's busiest write.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            // The same form arrived twice: the first one is the comment (and sent the email).
            db.ChangeTracker.Clear();
            var first = await db.ConsultationComments.AsNoTracking()
                .SingleOrDefaultAsync(c => c.AuthorId == authorId && c.SubmissionKey == input.SubmissionKey, cancellationToken);
            return new(ParticipationOutcome.AlreadyDone, first);
        }
        if (comment.IsPublished)
        {
            // Every comment on the consultation updates the same counter rows: added in batches
            // (CounterBatcher says why and what that trades), done before the redirect.
            await counters.AddAsync(CommentCounters.Published(consultationId, comment.ArticleId));
        }
        try
        {
            if (!found.Following)
            {
                await FollowQuietlyAsync(authorId, consultationId, cancellationToken);
            }
        }
        catch (Exception ex) when (DatabaseFailure.Is(ex))
        {
            // The comment is stored: nothing after that commit may turn it into an error page. The
            // follow is a convenience the participant can add from the page.
            LogFollowFailed(logger, ex, consultationId);
        }
        return new(ParticipationOutcome.Done, comment);
    }

    [LoggerMessage(EventId = 43, Level = LogLevel.Warning, Message = "A comment on consultation {ConsultationId} was stored, but following the consultation for its author failed")]
    private static partial void LogFollowFailed(ILogger logger, Exception exception, int consultationId);

    private sealed record CommentTarget(Consultation Consultation, int? ArticleNumber, bool Following);

    // The consultation, when the comment is on an article that article's number, and whether the author
    // already follows the consultation (after their first comment they do, and nothing more is asked),
    // in one round trip; compiled once, as this runs for every comment posted.
    private static readonly Func<AppDbContext, int, int?, Guid, string, CancellationToken, Task<CommentTarget?>> ConsultationToComment =
        EF.CompileAsyncQuery((AppDbContext db, int id, int? articleId, Guid authorId, string key, CancellationToken _) =>
            db.Consultations.AsNoTracking()
                .Where(c => c.Id == id)
                .Select(c => new CommentTarget(
                    c,
                    c.Articles.Where(a => a.Id == articleId).Select(a => (int?)a.Number).FirstOrDefault(),
                    db.Follows.Any(f => f.UserId == authorId && f.Kind == FollowKinds.Consultation && f.TargetId == key)))
                .SingleOrDefault());

    public async Task<ParticipationResult> EditCommentAsync(int consultationId, long commentId, Guid userId, CommentEditInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await CommentLock.TakeAsync<Comment>(db, commentId, cancellationToken);
        var (comment, refusal) = await LoadOwnAsync(consultationId, commentId, userId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        comment!.Edit(input.Body!.Trim(), input.DisplayName!.Trim(), clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(ParticipationOutcome.Done, comment);
    }

    public async Task<ParticipationResult> WithdrawCommentAsync(int consultationId, long commentId, Guid userId, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await CommentLock.TakeAsync<Comment>(db, commentId, cancellationToken);
        var (comment, refusal) = await LoadOwnAsync(consultationId, commentId, userId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var before = comment!.Status;
        comment.Withdraw();
        await db.SaveChangesAsync(cancellationToken);
        await CommentCounters.ChangeAsync(db, comment.ConsultationId, comment.ArticleId, ModeratedComment.Delta(before, comment.Status), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(ParticipationOutcome.Done, comment);
    }

    public async Task<ParticipationResult> SupportAsync(int consultationId, long commentId, Guid userId, CancellationToken cancellationToken = default)
    {
        var (comment, refusal) = await LoadPublishedAsync(consultationId, commentId, userId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (await db.ConsultationCommentSupports.AnyAsync(s => s.CommentId == commentId && s.UserId == userId, cancellationToken))
        {
            return new(ParticipationOutcome.AlreadyDone, comment);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ConsultationCommentSupports.Add(new CommentSupport { CommentId = commentId, UserId = userId, CreatedAt = clock.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new(ParticipationOutcome.AlreadyDone, comment);
        }
        await db.ConsultationComments.Where(c => c.Id == commentId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SupportCount, c => c.SupportCount + 1), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(ParticipationOutcome.Done, comment);
    }

    /// <summary>
    /// Records a report. When enough different participants have reported it, the comment is hidden
    /// until a moderator decides.
    /// </summary>
    public async Task<ParticipationResult> ReportAsync(int consultationId, long commentId, Guid userId, ReportInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked first, so reports arriving together are counted one after the other: the one that
        // reaches the threshold hides the comment, exactly once.
        await CommentLock.TakeAsync<Comment>(db, commentId, cancellationToken);
        var (comment, refusal) = await LoadPublishedAsync(consultationId, commentId, userId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var step = await workflow.ReportAsync(comment!, CommentModeration.ContentType, userId, input.Reason!.Value, input.Details, cancellationToken);
        if (!step.Added)
        {
            return new(ParticipationOutcome.AlreadyDone, comment);
        }
        await CommentCounters.ChangeAsync(db, comment!.ConsultationId, comment.ArticleId, step.CounterDelta, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(ParticipationOutcome.Done, comment);
    }

    public Task FollowAsync(Guid userId, int consultationId, CancellationToken cancellationToken = default) =>
        FollowQuietlyAsync(userId, consultationId, cancellationToken);

    public Task UnfollowAsync(Guid userId, int consultationId, CancellationToken cancellationToken = default) =>
        notifier.UnfollowAsync(userId, FollowKinds.Consultation, consultationId.ToString(CultureInfo.InvariantCulture), cancellationToken);

    private async Task FollowQuietlyAsync(Guid userId, int consultationId, CancellationToken cancellationToken)
    {
        try
        {
            await notifier.FollowAsync(userId, FollowKinds.Consultation, consultationId.ToString(CultureInfo.InvariantCulture), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            // Followed by a request that arrived at the same moment: the follow exists either way.
            db.ChangeTracker.Clear();
        }
    }

    // The participant's own comment on an open consultation, not yet moderated.
    private async Task<(Comment? Comment, ParticipationResult? Refusal)> LoadOwnAsync(int consultationId, long commentId, Guid userId, CancellationToken cancellationToken)
    {
        var comment = await db.ConsultationComments.Include(c => c.Consultation).SingleOrDefaultAsync(c => c.Id == commentId && c.ConsultationId == consultationId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (comment is null || comment.Status == CommentStatus.Withdrawn)
        {
            return (null, new(ParticipationOutcome.NotFound));
        }
        if (comment.AuthorId != userId)
        {
            return (null, new(ParticipationOutcome.NotYours));
        }
        if (!comment.Consultation!.AcceptsParticipationAt(now))
        {
            return (null, new(ParticipationOutcome.NotOpen, comment));
        }
        if (!comment.AuthorMayChange)
        {
            return (null, new(ParticipationOutcome.AlreadyModerated, comment));
        }
        return (comment, null);
    }

    // Someone else's published comment on an open consultation.
    private async Task<(Comment? Comment, ParticipationResult? Refusal)> LoadPublishedAsync(int consultationId, long commentId, Guid userId, CancellationToken cancellationToken)
    {
        var comment = await db.ConsultationComments.Include(c => c.Consultation).SingleOrDefaultAsync(c => c.Id == commentId && c.ConsultationId == consultationId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (comment is null || comment.Status != CommentStatus.Published)
        {
            return (null, new(ParticipationOutcome.NotFound));
        }
        if (!comment.Consultation!.AcceptsParticipationAt(now))
        {
            return (null, new(ParticipationOutcome.NotOpen, comment));
        }
        if (comment.AuthorId == userId)
        {
            return (null, new(ParticipationOutcome.OwnComment, comment));
        }
        return (comment, null);
    }
}
