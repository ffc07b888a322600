using System.Globalization;
using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;

namespace EParticipation.Web.Areas.Consultations.Services;

/// <summary>A participant's answers read from the form, and what is wrong with them (by field name).</summary>
public sealed record QuestionnaireSubmission(IReadOnlyList<Answer> Answers, IReadOnlyDictionary<string, string> Errors, IReadOnlyDictionary<int, IReadOnlyList<string>> Values)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Reads and stores questionnaire answers. The questions are built by staff, so the form's fields
/// are dynamic ("q{questionId}") and checked here against the questions themselves: an option must
/// belong to its question, a scale value must be 1 to 5, a required question must be answered.
/// </summary>
public sealed class QuestionnaireService(AppDbContext db, TimeProvider clock, IStringLocalizer<ConsultationsResource> t)
{
    public QuestionnaireSubmission Read(IReadOnlyList<Question> questions, Func<string, StringValues> form)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(form);
        var answers = new List<Answer>();
        var errors = new Dictionary<string, string>();
        var values = new Dictionary<int, IReadOnlyList<string>>();
        foreach (var question in questions)
        {
            var field = "q" + question.Id.ToString(CultureInfo.InvariantCulture);
            var raw = form(field).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
            values[question.Id] = raw;
            if (raw.Count == 0)
            {
                if (question.Required)
                {
                    errors[field] = t["Answer this question: {0}", question.Text.Current];
                }
                continue;
            }
            switch (question.Type)
            {
                case QuestionType.SingleChoice:
                case QuestionType.MultipleChoice:
                    var chosen = raw.Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Distinct().ToList();
                    if (chosen.Any(id => question.Options.All(o => o.Id != id)) || (question.Type == QuestionType.SingleChoice && chosen.Count > 1))
                    {
                        errors[field] = t["Choose from the options given: {0}", question.Text.Current];
                        continue;
                    }
                    answers.AddRange(chosen.Select(id => new Answer { QuestionId = question.Id, OptionId = id }));
                    break;
                case QuestionType.Scale:
                    if (raw.Count != 1 || !int.TryParse(raw[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < Question.ScaleMin || value > Question.ScaleMax)
                    {
                        errors[field] = t["Choose a value from 1 to 5: {0}", question.Text.Current];
                        continue;
                    }
                    answers.Add(new Answer { QuestionId = question.Id, ScaleValue = value });
                    break;
                default:
                    var text = string.Join('\n', raw);
                    if (text.Length > CommentRules.MaxLength)
                    {
                        errors[field] = t["Your answer must be 4,000 characters or fewer: {0}", question.Text.Current];
                        continue;
                    }
                    answers.Add(new Answer { QuestionId = question.Id, Text = text });
                    break;
            }
        }
        if (answers.Count == 0 && errors.Count == 0)
        {
            errors[""] = t["Answer at least one question."];
        }
        return new QuestionnaireSubmission(answers, errors, values);
    }

    /// <summary>
    /// Stores the participant's answers: the first time a new response, afterwards the same response
    /// with its answers replaced. One response per participant, even when two submits race.
    /// </summary>
    public async Task<ParticipationResult> SaveAnswersAsync(int consultationId, Guid userId, IReadOnlyList<Answer> answers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var now = clock.GetUtcNow().UtcDateTime;
        var consultation = await db.Consultations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == consultationId, cancellationToken);
        if (consultation is null || !consultation.IsPublishedAt(now))
        {
            return new(ParticipationOutcome.NotFound);
        }
        if (!consultation.AcceptsParticipationAt(now))
        {
            return new(ParticipationOutcome.NotOpen);
        }
        for (var attempt = 0; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var response = await db.ConsultationResponses.Include(r => r.Answers)
                .SingleOrDefaultAsync(r => r.ConsultationId == consultationId && r.UserId == userId, cancellationToken);
            var isNew = response is null;
            if (response is null)
            {
                response = new QuestionnaireResponse { ConsultationId = consultationId, UserId = userId, SubmittedAt = now };
                db.ConsultationResponses.Add(response);
            }
            else
            {
                db.ConsultationAnswers.RemoveRange(response.Answers);
                response.Answers.Clear();
                response.ChangedAt = now;
            }
            response.Answers.AddRange(answers.Select(a => new Answer { QuestionId = a.QuestionId, OptionId = a.OptionId, ScaleValue = a.ScaleValue, Text = a.Text }));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (UniqueViolation.Is(ex) && attempt == 0)
            {
                // Another submit of this participant created the response first: change that one.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                continue;
            }
            if (isNew)
            {
                await db.Consultations.Where(c => c.Id == consultationId)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.ResponseCount, c => c.ResponseCount + 1), cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return new(isNew ? ParticipationOutcome.Done : ParticipationOutcome.AlreadyDone);
        }
    }
}
