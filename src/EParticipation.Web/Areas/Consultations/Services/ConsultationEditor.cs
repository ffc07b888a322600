using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Areas.Consultations.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Attachments;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Consultations.Services;

/// <summary>
/// Staff changes to consultations: details and schedule, the draft's articles, documents and the
/// questionnaire. Callers have already checked that the consultation belongs to the staff member's
/// agency and that their role allows the change; every change is audited in the same SaveChanges.
/// </summary>
public sealed class ConsultationEditor(AppDbContext db, AuditLog audit, AttachmentStore attachments, ConsultationEmails emails, TimeProvider clock)
{
    private const string EntityType = nameof(Consultation);

    /// <summary>Loads a consultation for editing (tracked), with its target groups, articles, documents and questions.</summary>
    public Task<Consultation?> LoadAsync(int id, CancellationToken cancellationToken = default) =>
        db.Consultations
            .Include(c => c.TargetGroups)
            .Include(c => c.Articles.OrderBy(a => a.Number))
            .Include(c => c.Documents.OrderBy(d => d.Id))
            .Include(c => c.Questions.OrderBy(q => q.Position)).ThenInclude(q => q.Options.OrderBy(o => o.Position))
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    public async Task<Consultation> CreateAsync(ConsultationInput input, int agencyId, Guid userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var consultation = new Consultation { AgencyId = agencyId, CreatedById = userId, CreatedAt = now };
        Apply(input, consultation, now);
        // The audit entry needs the new id: two saves, one transaction, so both commit or neither.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record("consultation.created", EntityType, consultation.Id, agencyId, consultation.Title.Ar);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return consultation;
    }

    /// <summary>
    /// Saves the details, unless someone else saved them after this editor's form was shown
    /// (<see cref="ConsultationInput.Version"/>) or at the same moment: then nothing changes, the attempt
    /// is audited, and false is returned for the page to say so.
    /// </summary>
    public async Task<bool> UpdateAsync(Consultation consultation, ConsultationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Version != consultation.Version)
        {
            return await ConflictAsync(consultation, cancellationToken);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        consultation.Version++;
        var wasPublic = consultation.IsPublishedAt(now);
        var schedule = (consultation.PublishAt, consultation.OpensAt, consultation.ClosesAt);
        Apply(input, consultation, now);
        var scheduleChanged = schedule != (consultation.PublishAt, consultation.OpensAt, consultation.ClosesAt);
        audit.Record("consultation.updated", EntityType, consultation.Id, consultation.AgencyId,
            scheduleChanged ? $"{consultation.Title.Ar}; schedule {consultation.PublishAt:u} / {consultation.OpensAt:u} / {consultation.ClosesAt:u}" : consultation.Title.Ar);
        if (wasPublic && scheduleChanged)
        {
            await emails.ScheduleChangedAsync(consultation, cancellationToken);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(consultation, cancellationToken);
        }
        return true;
    }

    private async Task<bool> ConflictAsync(Consultation consultation, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        audit.Record("consultation.updated.conflict", EntityType, consultation.Id, consultation.AgencyId,
            "not saved: the details had been saved by someone else since the form was shown");
        await db.SaveChangesAsync(cancellationToken);
        return false;
    }

    public async Task<Article> AddArticleAsync(Consultation consultation, ArticleInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(input);
        var article = new Article
        {
            ConsultationId = consultation.Id,
            Number = consultation.Articles.Count == 0 ? 1 : consultation.Articles.Max(a => a.Number) + 1,
        };
        Apply(input, article);
        consultation.Articles.Add(article);
        Touch(consultation);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record("consultation.article.added", EntityType, consultation.Id, consultation.AgencyId, $"article {article.Number}");
        await db.SaveChangesAsync(cancellationToken);
        return article;
    }

    public async Task UpdateArticleAsync(Consultation consultation, Article article, ArticleInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(input);
        Apply(input, article);
        Touch(consultation);
        audit.Record("consultation.article.updated", EntityType, consultation.Id, consultation.AgencyId, $"article {article.Number}");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Moves an article one place up or down; the numbers follow the new order.</summary>
    public async Task MoveArticleAsync(Consultation consultation, Article article, int direction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(article);
        if (!Swap(consultation.Articles.OrderBy(a => a.Number).ToList(), article, direction, (a, n) => a.Number = n))
        {
            return;
        }
        Touch(consultation);
        audit.Record("consultation.article.moved", EntityType, consultation.Id, consultation.AgencyId, $"article now {article.Number}");
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> DeleteArticleAsync(Consultation consultation, Article article, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(article);
        if (await db.ConsultationComments.AnyAsync(c => c.ArticleId == article.Id, cancellationToken))
        {
            return false;
        }
        consultation.Articles.Remove(article);
        db.ConsultationArticles.Remove(article);
        Renumber(consultation.Articles.OrderBy(a => a.Number).ToList(), (a, n) => a.Number = n);
        Touch(consultation);
        audit.Record("consultation.article.deleted", EntityType, consultation.Id, consultation.AgencyId, article.Heading.Ar);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<AttachmentProblem> AddDocumentAsync(Consultation consultation, DocumentInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(input);
        var upload = await attachments.SaveAsync(input.File!, cancellationToken);
        if (upload.Stored is not { } stored)
        {
            return upload.Problem;
        }
        var document = new ConsultationDocument
        {
            ConsultationId = consultation.Id,
            Title = new LocalizedText(input.TitleAr!.Trim(), input.TitleEn?.Trim() ?? ""),
            StorageKey = stored.Key,
            FileName = stored.FileName,
            ContentType = stored.Type.ContentType,
            Size = stored.Size,
            UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
        consultation.Documents.Add(document);
        Touch(consultation);
        audit.Record("consultation.document.added", EntityType, consultation.Id, consultation.AgencyId, stored.FileName);
        await db.SaveChangesAsync(cancellationToken);
        return AttachmentProblem.None;
    }

    public async Task DeleteDocumentAsync(Consultation consultation, ConsultationDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(document);
        consultation.Documents.Remove(document);
        db.ConsultationDocuments.Remove(document);
        Touch(consultation);
        audit.Record("consultation.document.deleted", EntityType, consultation.Id, consultation.AgencyId, document.FileName);
        await db.SaveChangesAsync(cancellationToken);
        // The row is gone first: a file without a row is harmless, a row without its file is a broken link.
        attachments.Delete(document.StorageKey);
    }

    public async Task AddQuestionAsync(Consultation consultation, QuestionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(input);
        var question = new Question
        {
            ConsultationId = consultation.Id,
            Position = consultation.Questions.Count == 0 ? 1 : consultation.Questions.Max(q => q.Position) + 1,
        };
        Apply(input, question);
        consultation.Questions.Add(question);
        Touch(consultation);
        audit.Record("consultation.question.added", EntityType, consultation.Id, consultation.AgencyId, question.Text.Ar);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task UpdateQuestionAsync(Consultation consultation, Question question, QuestionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(input);
        Apply(input, question);
        Touch(consultation);
        audit.Record("consultation.question.updated", EntityType, consultation.Id, consultation.AgencyId, question.Text.Ar);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task MoveQuestionAsync(Consultation consultation, Question question, int direction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(question);
        if (!Swap(consultation.Questions.OrderBy(q => q.Position).ToList(), question, direction, (q, n) => q.Position = n))
        {
            return;
        }
        Touch(consultation);
        audit.Record("consultation.question.moved", EntityType, consultation.Id, consultation.AgencyId, question.Text.Ar);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteQuestionAsync(Consultation consultation, Question question, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(question);
        consultation.Questions.Remove(question);
        db.ConsultationQuestions.Remove(question);
        Renumber(consultation.Questions.OrderBy(q => q.Position).ToList(), (q, n) => q.Position = n);
        Touch(consultation);
        audit.Record("consultation.question.deleted", EntityType, consultation.Id, consultation.AgencyId, question.Text.Ar);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// True once the first answer has arrived: from then on the questions cannot change, or the
    /// answers already given would no longer match them. Read from the database, not the counter
    /// loaded with the page, so an answer that arrived a moment ago counts.
    /// </summary>
    public Task<bool> IsQuestionnaireFrozenAsync(int consultationId, CancellationToken cancellationToken = default) =>
        db.ConsultationResponses.AnyAsync(r => r.ConsultationId == consultationId, cancellationToken);

    private static void Apply(ConsultationInput input, Consultation consultation, DateTime now)
    {
        consultation.Describe(
            new LocalizedText(input.TitleAr!.Trim(), input.TitleEn?.Trim() ?? ""),
            new LocalizedText(input.SummaryAr!.Trim(), input.SummaryEn?.Trim() ?? ""));
        consultation.Kind = input.Kind!.Value;
        consultation.SectorId = input.SectorId!.Value;
        consultation.Moderation = input.Moderation;
        consultation.Schedule(
            input.PublishAt is { } p ? ConsultationInput.ToUtc(p) : null,
            ConsultationInput.ToUtc(input.OpensAt!.Value),
            ConsultationInput.ToUtc(input.ClosesAt!.Value));
        var wanted = input.TargetGroupIds.Distinct().ToHashSet();
        consultation.TargetGroups.RemoveAll(g => !wanted.Contains(g.TargetGroupId));
        foreach (var id in wanted.Where(id => consultation.TargetGroups.All(g => g.TargetGroupId != id)))
        {
            consultation.TargetGroups.Add(new ConsultationTargetGroup { ConsultationId = consultation.Id, TargetGroupId = id });
        }
        consultation.UpdatedAt = now;
    }

    private static void Apply(ArticleInput input, Article article)
    {
        article.Heading = new LocalizedText(input.HeadingAr?.Trim() ?? "", input.HeadingEn?.Trim() ?? "");
        article.Body = new LocalizedText(input.BodyAr!.Trim(), input.BodyEn?.Trim() ?? "");
    }

    private static void Apply(QuestionInput input, Question question)
    {
        question.Type = input.Type!.Value;
        question.Text = new LocalizedText(input.TextAr!.Trim(), input.TextEn?.Trim() ?? "");
        question.Required = input.Required;
        var ar = question.HasOptions ? QuestionInput.Lines(input.OptionsAr) : [];
        var en = QuestionInput.Lines(input.OptionsEn);
        // Options are replaced as a whole: the questionnaire is frozen once answered, so no answer points at them yet.
        question.Options.Clear();
        for (var i = 0; i < ar.Count; i++)
        {
            question.Options.Add(new QuestionOption { Position = i + 1, Text = new LocalizedText(ar[i], i < en.Count ? en[i] : "") });
        }
    }

    // Moves an item one place up (-1) or down (+1) in its list and numbers the list 1, 2, 3… again.
    private static bool Swap<T>(List<T> ordered, T item, int direction, Action<T, int> number)
    {
        var index = ordered.IndexOf(item);
        var target = index + Math.Sign(direction);
        if (index < 0 || target < 0 || target >= ordered.Count)
        {
            return false;
        }
        (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
        Renumber(ordered, number);
        return true;
    }

    private static void Renumber<T>(List<T> ordered, Action<T, int> number)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            number(ordered[i], i + 1);
        }
    }

    private void Touch(Consultation consultation) => consultation.UpdatedAt = clock.GetUtcNow().UtcDateTime;
}
