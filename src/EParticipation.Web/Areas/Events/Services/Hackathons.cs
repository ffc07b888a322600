using EParticipation.Web.Areas.Events.Domain;
using EParticipation.Web.Areas.Events.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Attachments;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Moderation;
using EParticipation.Web.Platform.Participation;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Events.Services;

public enum HackathonOutcome
{
    Done,
    NotFound,
    Conflict,

    /// <summary>The moment for it has passed (criteria after the start, submissions after the deadline, reviews after publishing).</summary>
    Closed,

    /// <summary>Too early (results before the submission deadline).</summary>
    TooEarly,
    BadFile,
    TooManyFiles,
    NotStaff,
    Already,
    NotAWinner,
}

public sealed record HackathonResult(HackathonOutcome Outcome, AttachmentProblem Problem = AttachmentProblem.None, string? FileName = null)
{
    public static readonly HackathonResult Done = new(HackathonOutcome.Done);

    public static implicit operator HackathonResult(HackathonOutcome outcome) => new(outcome);
}

/// <summary>A submission in the ranking: its weighted total out of 100 and how many judges scored it.</summary>
public sealed record RankedSubmission(HackathonSubmission Submission, string TeamName, decimal Total, int Reviews);

/// <summary>
/// Hackathons: judging criteria (fixed once the event starts), the judges (staff of the event's
/// agency), the teams' submissions until the deadline, the judges' reviews, the weighted ranking and
/// the published results. Every change commits with its audit entry in one SaveChanges.
/// </summary>
public sealed class Hackathons(AppDbContext db, AuditLog audit, AttachmentStore attachments, EventEmails emails, TimeProvider clock)
{
    /// <summary>What a team may attach: PDF, Office documents and images, each checked by its content.</summary>
    public static IReadOnlyList<AttachmentType> FileTypes { get; } = [.. AttachmentTypes.All, .. AttachmentTypes.Images];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<List<HackathonCriterion>> CriteriaAsync(int eventId, CancellationToken cancellationToken) =>
        db.HackathonCriteria.AsNoTracking().Where(c => c.EventId == eventId).OrderBy(c => c.Position).ThenBy(c => c.Id).ToListAsync(cancellationToken);

    public async Task<HackathonResult> AddCriterionAsync(PortalEvent e, CriterionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(input);
        if (!e.CriteriaEditableAt(Now))
        {
            return HackathonOutcome.Closed;
        }
        var position = 1 + (await db.HackathonCriteria.Where(c => c.EventId == e.Id).MaxAsync(c => (int?)c.Position, cancellationToken) ?? 0);
        var criterion = new HackathonCriterion { EventId = e.Id, Position = position };
        Apply(input, criterion);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.HackathonCriteria.Add(criterion);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record("hackathon.criterion.added", "HackathonCriterion", criterion.Id, e.AgencyId, $"event {e.Id}: {criterion.Name.Ar}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return HackathonResult.Done;
    }

    public async Task<HackathonResult> UpdateCriterionAsync(PortalEvent e, int criterionId, CriterionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(input);
        var criterion = await db.HackathonCriteria.SingleOrDefaultAsync(c => c.Id == criterionId && c.EventId == e.Id, cancellationToken);
        if (criterion is null)
        {
            return HackathonOutcome.NotFound;
        }
        if (!e.CriteriaEditableAt(Now))
        {
            return HackathonOutcome.Closed;
        }
        if (criterion.Version != input.Version)
        {
            return HackathonOutcome.Conflict;
        }
        Apply(input, criterion);
        criterion.Version++;
        audit.Record("hackathon.criterion.updated", "HackathonCriterion", criterion.Id, e.AgencyId, $"event {e.Id}: {criterion.Name.Ar}; weight {criterion.Weight}, max {criterion.MaxScore}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return HackathonOutcome.Conflict;
        }
        return HackathonResult.Done;
    }

    public async Task<HackathonResult> DeleteCriterionAsync(PortalEvent e, int criterionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        var criterion = await db.HackathonCriteria.SingleOrDefaultAsync(c => c.Id == criterionId && c.EventId == e.Id, cancellationToken);
        if (criterion is null)
        {
            return HackathonOutcome.NotFound;
        }
        if (!e.CriteriaEditableAt(Now))
        {
            return HackathonOutcome.Closed;
        }
        db.HackathonCriteria.Remove(criterion);
        audit.Record("hackathon.criterion.deleted", "HackathonCriterion", criterion.Id, e.AgencyId, $"event {e.Id}: {criterion.Name.Ar}");
        await db.SaveChangesAsync(cancellationToken);
        return HackathonResult.Done;
    }

    public async Task<List<(HackathonJudge Judge, string Name, string Email)>> JudgesAsync(int eventId, CancellationToken cancellationToken)
    {
        var rows = await db.HackathonJudges.AsNoTracking().Where(j => j.EventId == eventId).OrderBy(j => j.Id)
            .Join(db.Users, j => j.UserId, u => u.Id, (j, u) => new { Judge = j, u.FullName, u.Email })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Judge, r.FullName ?? "", r.Email ?? "")).ToList();
    }

    /// <summary>Names a staff account of the event's agency (found by email) as a judge.</summary>
    public async Task<HackathonResult> AddJudgeAsync(PortalEvent e, string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        var normalized = (email ?? "").Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == normalized && u.AgencyId == e.AgencyId, cancellationToken);
        var staff = user is not null && await db.UserRoles.Where(r => r.UserId == user.Id)
            .Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name)
            .AnyAsync(name => Roles.AgencyRoles.Contains(name!), cancellationToken);
        if (user is null || !staff)
        {
            return HackathonOutcome.NotStaff;
        }
        if (await db.HackathonJudges.AnyAsync(j => j.EventId == e.Id && j.UserId == user.Id, cancellationToken))
        {
            return HackathonOutcome.Already;
        }
        var judge = new HackathonJudge { EventId = e.Id, UserId = user.Id, AddedAt = Now };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.HackathonJudges.Add(judge);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            return HackathonOutcome.Already;
        }
        audit.Record("hackathon.judge.added", "HackathonJudge", judge.Id, e.AgencyId, $"event {e.Id}: {user.Email}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return HackathonResult.Done;
    }

    public async Task<HackathonResult> RemoveJudgeAsync(PortalEvent e, int judgeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        var judge = await db.HackathonJudges.SingleOrDefaultAsync(j => j.Id == judgeId && j.EventId == e.Id, cancellationToken);
        if (judge is null)
        {
            return HackathonOutcome.NotFound;
        }
        db.HackathonJudges.Remove(judge);
        audit.Record("hackathon.judge.removed", "HackathonJudge", judge.Id, e.AgencyId, $"event {e.Id}");
        await db.SaveChangesAsync(cancellationToken);
        return HackathonResult.Done;
    }

    public Task<bool> IsJudgeAsync(int eventId, Guid userId, CancellationToken cancellationToken) =>
        db.HackathonJudges.AnyAsync(j => j.EventId == eventId && j.UserId == userId, cancellationToken);

    /// <summary>The confirmed registration (team or individual) the person has joined for the event, or null.</summary>
    public Task<EventRegistration?> TeamOfAsync(int eventId, Guid userId, CancellationToken cancellationToken) =>
        db.EventRegistrations.AsNoTracking().Include(r => r.Attendees)
            .Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Confirmed && r.Attendees.Any(a => a.UserId == userId))
            .SingleOrDefaultAsync(cancellationToken);

    public Task<HackathonSubmission?> SubmissionOfAsync(long registrationId, CancellationToken cancellationToken) =>
        db.HackathonSubmissions.AsNoTracking().Include(s => s.Files).SingleOrDefaultAsync(s => s.RegistrationId == registrationId, cancellationToken);

    public Task<HackathonSubmission?> SubmissionAsync(int eventId, int submissionId, CancellationToken cancellationToken) =>
        db.HackathonSubmissions.AsNoTracking().Include(s => s.Files).Include(s => s.Registration).ThenInclude(r => r!.Attendees)
            .SingleOrDefaultAsync(s => s.Id == submissionId && s.EventId == eventId, cancellationToken);

    /// <summary>Creates or updates the team's submission and stores its new files, before the deadline only.</summary>
    public async Task<HackathonResult> SaveSubmissionAsync(PortalEvent e, EventRegistration team, SubmissionInput input, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(input);
        var now = Now;
        if (!e.AcceptsSubmissionsAt(now))
        {
            return HackathonOutcome.Closed;
        }
        var submission = await db.HackathonSubmissions.Include(s => s.Files).SingleOrDefaultAsync(s => s.RegistrationId == team.Id, cancellationToken);
        if (submission is not null && submission.Version != input.Version)
        {
            return HackathonOutcome.Conflict;
        }
        var files = input.Files.Where(f => f.Length > 0).ToList();
        if ((submission?.Files.Count ?? 0) + files.Count > SubmissionInputValidator.MaxFiles)
        {
            return HackathonOutcome.TooManyFiles;
        }
        var stored = new List<StoredAttachment>();
        foreach (var file in files)
        {
            var upload = await attachments.SaveAsync(file, FileTypes, cancellationToken);
            if (upload.Stored is null)
            {
                stored.ForEach(s => attachments.Delete(s.Key));
                return new(HackathonOutcome.BadFile, upload.Problem, AttachmentStore.CleanFileName(file.FileName));
            }
            stored.Add(upload.Stored);
        }
        var created = submission is null;
        submission ??= new HackathonSubmission { EventId = e.Id, RegistrationId = team.Id, CreatedAt = now };
        submission.Title = input.Title!.Trim();
        submission.Summary = input.Summary!.Trim();
        submission.Link = string.IsNullOrWhiteSpace(input.Link) ? null : input.Link.Trim();
        submission.UpdatedAt = now;
        submission.UpdatedById = userId;
        submission.Files.AddRange(stored.Select(s => new HackathonSubmissionFile { StorageKey = s.Key, FileName = s.FileName, ContentType = s.Type.ContentType, Size = s.Size, UploadedAt = now }));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (created)
            {
                db.HackathonSubmissions.Add(submission);
                await db.SaveChangesAsync(cancellationToken);
            }
            else
            {
                submission.Version++;
            }
            audit.Record(created ? "hackathon.submission.created" : "hackathon.submission.updated", "HackathonSubmission", submission.Id, e.AgencyId,
                $"event {e.Id}: {submission.Title}; {submission.Files.Count} files");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || UniqueViolation.Is(ex))
        {
            // Another member saved first (the same first submission, or a newer version).
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            stored.ForEach(s => attachments.Delete(s.Key));
            return HackathonOutcome.Conflict;
        }
        return HackathonResult.Done;
    }

    public async Task<HackathonResult> DeleteFileAsync(PortalEvent e, EventRegistration team, int fileId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(team);
        var file = await db.HackathonSubmissionFiles
            .SingleOrDefaultAsync(f => f.Id == fileId && db.HackathonSubmissions.Any(s => s.Id == f.SubmissionId && s.RegistrationId == team.Id), cancellationToken);
        if (file is null)
        {
            return HackathonOutcome.NotFound;
        }
        if (!e.AcceptsSubmissionsAt(Now))
        {
            return HackathonOutcome.Closed;
        }
        db.HackathonSubmissionFiles.Remove(file);
        audit.Record("hackathon.submission.file-removed", "HackathonSubmission", file.SubmissionId, e.AgencyId, file.FileName);
        await db.SaveChangesAsync(cancellationToken);
        attachments.Delete(file.StorageKey);
        return HackathonResult.Done;
    }

    public Task<HackathonReview?> ReviewAsync(int submissionId, Guid judgeId, CancellationToken cancellationToken) =>
        db.HackathonReviews.AsNoTracking().Include(r => r.Scores).SingleOrDefaultAsync(r => r.SubmissionId == submissionId && r.JudgeId == judgeId, cancellationToken);

    /// <summary>
    /// Saves one judge's scores (each criterion 0..max, all required) and feedback, until the results
    /// are published. Scores out of range are the validator's business: here they are clamped never.
    /// </summary>
    public async Task<HackathonResult> SaveReviewAsync(PortalEvent e, HackathonSubmission submission, Guid judgeId, IReadOnlyList<HackathonCriterion> criteria, ReviewInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(input);
        if (e.ResultsPublishedAt is not null)
        {
            return HackathonOutcome.Closed;
        }
        var review = await db.HackathonReviews.Include(r => r.Scores).SingleOrDefaultAsync(r => r.SubmissionId == submission.Id && r.JudgeId == judgeId, cancellationToken);
        if (review is not null && review.Version != input.Version)
        {
            return HackathonOutcome.Conflict;
        }
        var created = review is null;
        review ??= new HackathonReview { SubmissionId = submission.Id, JudgeId = judgeId };
        review.Feedback = input.Feedback!.Trim();
        review.UpdatedAt = Now;
        foreach (var c in criteria)
        {
            var value = input.Scores[c.Id]!.Value;
            if (review.Scores.SingleOrDefault(s => s.CriterionId == c.Id) is { } score)
            {
                score.Score = value;
            }
            else
            {
                review.Scores.Add(new HackathonScore { CriterionId = c.Id, Score = value });
            }
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (created)
            {
                db.HackathonReviews.Add(review);
                await db.SaveChangesAsync(cancellationToken);
            }
            else
            {
                review.Version++;
            }
            audit.Record(created ? "hackathon.review.created" : "hackathon.review.updated", "HackathonReview", review.Id, e.AgencyId,
                $"event {e.Id}, submission {submission.Id}: " + string.Join(", ", review.Scores.Select(s => $"{s.CriterionId}={s.Score}")));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || UniqueViolation.Is(ex))
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return HackathonOutcome.Conflict;
        }
        return HackathonResult.Done;
    }

    /// <summary>
    /// Every submission with its weighted total out of 100: for each criterion, the judges' mean score
    /// over its maximum, weighed by the criterion's weight. Highest first; ties by who submitted first.
    /// </summary>
    public async Task<List<RankedSubmission>> RankingAsync(int eventId, CancellationToken cancellationToken)
    {
        var criteria = await CriteriaAsync(eventId, cancellationToken);
        var submissions = await db.HackathonSubmissions.AsNoTracking().Include(s => s.Registration).ThenInclude(r => r!.Attendees)
            .Where(s => s.EventId == eventId).ToListAsync(cancellationToken);
        var scores = await db.HackathonScores.AsNoTracking()
            .Join(db.HackathonReviews, s => s.ReviewId, r => r.Id, (s, r) => new { r.SubmissionId, r.JudgeId, s.CriterionId, s.Score })
            .Where(x => db.HackathonSubmissions.Any(s => s.Id == x.SubmissionId && s.EventId == eventId))
            .ToListAsync(cancellationToken);
        var totalWeight = criteria.Sum(c => c.Weight);
        return submissions.Select(s =>
            {
                var mine = scores.Where(x => x.SubmissionId == s.Id).ToList();
                var total = totalWeight == 0 ? 0m : criteria.Sum(c =>
                {
                    var given = mine.Where(x => x.CriterionId == c.Id).Select(x => (decimal)x.Score).ToList();
                    return given.Count == 0 ? 0m : c.Weight * given.Average() / c.MaxScore;
                }) * 100m / totalWeight;
                return new RankedSubmission(s, TeamName(s.Registration!), Math.Round(total, 2), mine.Select(x => x.JudgeId).Distinct().Count());
            })
            .OrderByDescending(r => r.Total).ThenBy(r => r.Submission.CreatedAt).ThenBy(r => r.Submission.Id)
            .ToList();
    }

    public static string TeamName(EventRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return registration.TeamName ?? registration.Attendees.FirstOrDefault(a => a.IsLeader)?.Name ?? "";
    }

    /// <summary>
    /// Publishes the results once, after the submission deadline: the three highest totals win
    /// places 1 to 3, and every team with a place at the event is emailed once.
    /// </summary>
    public async Task<HackathonResult> PublishAsync(PortalEvent e, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        var now = Now;
        if (e.SubmissionsCloseAt is null || now < e.SubmissionsCloseAt)
        {
            return HackathonOutcome.TooEarly;
        }
        var ranking = await RankingAsync(e.Id, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.Events.Where(x => x.Id == e.Id && x.ResultsPublishedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ResultsPublishedAt, now).SetProperty(x => x.Version, x => x.Version + 1), cancellationToken);
        if (changed == 0)
        {
            return HackathonOutcome.Already;
        }
        var winners = ranking.Take(3).Select((r, i) => (r.Submission.Id, Place: i + 1)).ToList();
        foreach (var (id, place) in winners)
        {
            await db.HackathonSubmissions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Place, place), cancellationToken);
        }
        await emails.ResultsPublishedAsync(e, cancellationToken);
        audit.Record("hackathon.results.published", "Event", e.Id, e.AgencyId,
            string.Join("; ", ranking.Take(3).Select((r, i) => $"{i + 1}: {r.TeamName} ({r.Total})")));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return HackathonResult.Done;
    }

    /// <summary>Links a winning result to a published idea of the ideas module (or removes the link with null).</summary>
    public async Task<HackathonResult> LinkIdeaAsync(PortalEvent e, int submissionId, int? ideaId, IIdeaDirectory? ideas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        var submission = await db.HackathonSubmissions.SingleOrDefaultAsync(s => s.Id == submissionId && s.EventId == e.Id, cancellationToken);
        if (submission is null)
        {
            return HackathonOutcome.NotFound;
        }
        if (submission.Place is null)
        {
            return HackathonOutcome.NotAWinner;
        }
        if (ideaId is { } wanted && (ideas is null || await ideas.FindAsync(wanted, cancellationToken) is null))
        {
            return HackathonOutcome.NotFound;
        }
        submission.IdeaId = ideaId;
        audit.Record("hackathon.winner.idea-linked", "HackathonSubmission", submission.Id, e.AgencyId, ideaId is null ? "removed" : $"idea {ideaId}");
        await db.SaveChangesAsync(cancellationToken);
        return HackathonResult.Done;
    }

    /// <summary>Each judge's feedback on a submission (shown to its team once the results are published).</summary>
    public Task<List<string>> FeedbackAsync(int submissionId, CancellationToken cancellationToken) =>
        db.HackathonReviews.AsNoTracking().Where(r => r.SubmissionId == submissionId).OrderBy(r => r.Id).Select(r => r.Feedback).ToListAsync(cancellationToken);

    public Task<List<HackathonSubmission>> WinnersAsync(int eventId, CancellationToken cancellationToken) =>
        db.HackathonSubmissions.AsNoTracking().Include(s => s.Registration).ThenInclude(r => r!.Attendees)
            .Where(s => s.EventId == eventId && s.Place != null).OrderBy(s => s.Place).ToListAsync(cancellationToken);

    private static void Apply(CriterionInput input, HackathonCriterion c)
    {
        c.Name = new LocalizedText(input.NameAr!.Trim(), input.NameEn?.Trim() ?? "");
        c.Description = new LocalizedText(input.DescriptionAr?.Trim() ?? "", input.DescriptionEn?.Trim() ?? "");
        c.Weight = input.Weight!.Value;
        c.MaxScore = input.MaxScore!.Value;
    }
}
