using System.Globalization;
using System.Text;
using EParticipation.Web.Areas.Ideas.Domain;
using EParticipation.Web.Areas.Ideas.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Ideas.Services;

public enum TriageOutcome
{
    Done,

    /// <summary>Someone saved the idea since the form was shown.</summary>
    Conflict,

    /// <summary>The move is not one the workflow allows from the idea's status.</summary>
    NotAllowed,

    /// <summary>The original named for a duplicate is not a published idea of the same agency.</summary>
    BadOriginal,
}

/// <summary>
/// The Voice-of-Beneficiary team's work on its agency's ideas: the queue, status changes with a
/// public answer, progress reports, bulk changes and the CSV export. Every change is audited in the
/// same SaveChanges, and its emails go to the outbox in the same unit of work.
/// </summary>
public sealed class IdeaTriage(AppDbContext db, IdeaEmails emails, AuditLog audit, TimeProvider clock, IdeaListChanges listChanges)
{
    private IQueryable<Idea> Queue(int agencyId, QueueQuery query)
    {
        var ideas = db.Ideas.AsNoTracking().Where(i => i.AgencyId == agencyId && i.Visibility != IdeaVisibility.Rejected);
        if (query.Status is { } status)
        {
            ideas = ideas.Where(i => i.Status == status);
        }
        if (query.Challenge is { } challenge)
        {
            ideas = ideas.Where(i => i.ChallengeId == challenge);
        }
        if (query.Since is { } since)
        {
            var from = TimeZoneInfo.ConvertTimeToUtc(since.ToDateTime(TimeOnly.MinValue), DualDate.SaudiTime);
            ideas = ideas.Where(i => i.CreatedAt >= from);
        }
        return ideas.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id);
    }

    public async Task<QueuePage> QueueAsync(int agencyId, QueueQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var results = await IdeaQueries.Cards(Queue(agencyId, query)).ToPagedAsync(PagingExtensions.ClampPage(query.Page), 50, cancellationToken);
        var challenges = await db.Challenges.AsNoTracking().Where(c => c.AgencyId == agencyId).OrderByDescending(c => c.OpensAt).ToListAsync(cancellationToken);
        return new QueuePage(query, results, challenges);
    }

    /// <summary>One of the agency's ideas, with its path, or null for another agency's id (the caller answers 404).</summary>
    public Task<Idea?> FindAsync(int id, int agencyId, CancellationToken cancellationToken) =>
        db.Ideas.Include(i => i.Events.OrderBy(e => e.At).ThenBy(e => e.Id)).Include(i => i.Agency).Include(i => i.Challenge).Include(i => i.Attachments)
            .AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == id && i.AgencyId == agencyId, cancellationToken);

    public async Task<TriageOutcome> MoveAsync(Idea idea, TriageInput input, Guid analystId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idea);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Version != idea.Version)
        {
            return TriageOutcome.Conflict;
        }
        var to = input.Status!.Value;
        if (!IdeaRules.MayMove(idea.Status, to))
        {
            return TriageOutcome.NotAllowed;
        }
        if (to == IdeaStatus.Duplicate
            && (input.DuplicateOfId == idea.Id || !await db.Ideas.AnyAsync(i => i.Id == input.DuplicateOfId && i.AgencyId == idea.AgencyId && i.Visibility == IdeaVisibility.Published && i.Status != IdeaStatus.Duplicate, cancellationToken)))
        {
            return TriageOutcome.BadOriginal;
        }
        var from = idea.Status;
        idea.Move(to, new LocalizedText(input.AnswerAr ?? "", input.AnswerEn ?? ""), analystId, clock.GetUtcNow().UtcDateTime, to == IdeaStatus.Duplicate ? input.DuplicateOfId : null);
        audit.Record("idea.status", "idea", idea.Id, idea.AgencyId, $"{from} -> {to}" + (idea.DuplicateOfId is { } o ? $" (duplicate of {o})" : ""));
        return await SaveWithEmailsAsync(idea, progress: null, cancellationToken);
    }

    public async Task<TriageOutcome> ProgressAsync(Idea idea, ProgressInput input, Guid analystId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idea);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Version != idea.Version)
        {
            return TriageOutcome.Conflict;
        }
        if (idea.Status != IdeaStatus.Accepted)
        {
            return TriageOutcome.NotAllowed;
        }
        var entry = idea.Progress(new LocalizedText(input.NoteAr ?? "", input.NoteEn ?? ""), analystId, clock.GetUtcNow().UtcDateTime);
        audit.Record("idea.progress", "idea", idea.Id, idea.AgencyId);
        return await SaveWithEmailsAsync(idea, entry, cancellationToken);
    }

    private async Task<TriageOutcome> SaveWithEmailsAsync(Idea idea, IdeaEvent? progress, CancellationToken cancellationToken)
    {
        var submitter = idea.AuthorId is { } author ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == author, cancellationToken) : null;
        if (progress is null)
        {
            await emails.StatusChangedAsync(idea, submitter, cancellationToken);
        }
        else
        {
            await emails.ProgressAsync(idea, progress, submitter, cancellationToken);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (progress is null)
            {
                listChanges.Changed(); // the list's status filter counts
            }
            return TriageOutcome.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return TriageOutcome.Conflict;
        }
    }

    /// <summary>The ideas a bulk change would move (the agency's, by id), and those whose status does not allow it.</summary>
    public async Task<(IReadOnlyList<IdeaCard> Movable, IReadOnlyList<int> Refused)> BulkPreviewAsync(int agencyId, IReadOnlyCollection<int> ids, IdeaStatus to, CancellationToken cancellationToken)
    {
        var ideas = await IdeaQueries.Cards(db.Ideas.AsNoTracking().Where(i => i.AgencyId == agencyId && ids.Contains(i.Id))).ToListAsync(cancellationToken);
        return (ideas.Where(i => IdeaRules.MayMove(i.Status, to)).ToList(), ideas.Where(i => !IdeaRules.MayMove(i.Status, to)).Select(i => i.Id).ToList());
    }

    /// <summary>Moves several of the agency's ideas at once (never to duplicate: that names an original per idea).</summary>
    public async Task<int> BulkMoveAsync(int agencyId, IReadOnlyCollection<int> ids, IdeaStatus to, LocalizedText answer, Guid analystId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (to == IdeaStatus.Duplicate)
        {
            return 0;
        }
        var ideas = await db.Ideas.Include(i => i.Events).Where(i => i.AgencyId == agencyId && ids.Contains(i.Id)).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var moved = 0;
        foreach (var idea in ideas.Where(i => IdeaRules.MayMove(i.Status, to)))
        {
            var from = idea.Status;
            idea.Move(to, answer, analystId, now);
            audit.Record("idea.status", "idea", idea.Id, agencyId, $"{from} -> {to} (bulk)");
            var submitter = idea.AuthorId is { } author ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == author, cancellationToken) : null;
            await emails.StatusChangedAsync(idea, submitter, cancellationToken);
            moved++;
        }
        await db.SaveChangesAsync(cancellationToken);
        if (moved > 0)
        {
            listChanges.Changed();
        }
        return moved;
    }

    /// <summary>The queue as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read Arabic); no personal data beyond the chosen display name.</summary>
    public async Task<byte[]> ExportCsvAsync(int agencyId, QueueQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = await Queue(agencyId, query)
            .Select(i => new { i.Id, i.Title, i.Status, i.ChallengeId, i.SupportCount, i.CommentCount, i.CreatedAt, i.StatusChangedAt, i.DuplicateOfId, AnswerAr = i.Answer.Ar, AnswerEn = i.Answer.En })
            .Take(50_000).ToListAsync(cancellationToken);
        var csv = new StringBuilder();
        csv.Append("id,title,status,challenge,supports,comments,submitted_at,status_changed_at,duplicate_of,answer_ar,answer_en\r\n");
        foreach (var r in rows)
        {
            csv.Append(string.Join(',',
                r.Id.ToString(CultureInfo.InvariantCulture), Cell(r.Title), r.Status.ToString(), r.ChallengeId?.ToString(CultureInfo.InvariantCulture) ?? "",
                r.SupportCount.ToString(CultureInfo.InvariantCulture), r.CommentCount.ToString(CultureInfo.InvariantCulture),
                r.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), r.StatusChangedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                r.DuplicateOfId?.ToString(CultureInfo.InvariantCulture) ?? "", Cell(r.AnswerAr), Cell(r.AnswerEn)));
            csv.Append("\r\n");
        }
        audit.Record("idea.export", "idea", "queue", agencyId, $"{rows.Count} rows");
        await db.SaveChangesAsync(cancellationToken);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    // Quoted, and a leading = + - @ neutralised so a spreadsheet does not run it as a formula.
    private static string Cell(string value)
    {
        var text = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
