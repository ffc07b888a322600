using EParticipation.Web.Areas.Consultations.Domain;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Consultations.Services;

/// <summary>
/// A participant's comments and questionnaire answers, for their data download; on account
/// deletion their comments keep their text but lose the name they were published under.
/// </summary>
public sealed class ConsultationsPersonalData(AppDbContext db) : IPersonalDataContributor
{
    public string Section => "consultations";

    public async Task<object> ExportAsync(Guid userId, CancellationToken cancellationToken) => new
    {
        Comments = await db.ConsultationComments.AsNoTracking()
            .Where(c => c.AuthorId == userId)
            .OrderBy(c => c.Id)
            .Select(c => new
            {
                c.Id,
                ConsultationId = c.ConsultationId,
                Consultation = c.Consultation!.Title.Ar,
                ArticleNumber = c.Article == null ? (int?)null : c.Article.Number,
                c.DisplayName,
                c.Body,
                Status = c.Status.ToString(),
                c.CreatedAt,
                c.EditedAt,
                c.RejectionReason,
                // What became of it, once the agency's summary report is out (as on My participation).
                Disposition = c.Consultation.ReportPublishedAt != null ? c.Disposition : null,
                ResponseAr = c.Consultation.ReportPublishedAt != null ? c.Response.Ar : null,
                ResponseEn = c.Consultation.ReportPublishedAt != null ? c.Response.En : null,
            })
            .ToListAsync(cancellationToken),
        Supports = await db.ConsultationCommentSupports.AsNoTracking()
            .Where(s => s.UserId == userId)
            .OrderBy(s => s.CreatedAt)
            .Join(db.ConsultationComments, s => s.CommentId, c => c.Id, (s, c) => new
            {
                s.CommentId,
                c.ConsultationId,
                Consultation = c.Consultation!.Title.Ar,
                s.CreatedAt,
            })
            .ToListAsync(cancellationToken),
        QuestionnaireAnswers = await AnswersAsync(userId, cancellationToken),
    };

    /// <summary>Each answer as the question and the answer a person would read, in both languages.</summary>
    private async Task<object> AnswersAsync(Guid userId, CancellationToken cancellationToken)
    {
        var responses = await db.ConsultationResponses.AsNoTracking()
            .Where(r => r.UserId == userId)
            .OrderBy(r => r.Id)
            .Select(r => new
            {
                r.ConsultationId,
                Consultation = r.Consultation!.Title.Ar,
                r.SubmittedAt,
                r.ChangedAt,
                Answers = r.Answers.OrderBy(a => a.QuestionId).ThenBy(a => a.OptionId).Select(a => new { a.QuestionId, a.OptionId, a.ScaleValue, a.Text }).ToList(),
            })
            .ToListAsync(cancellationToken);
        var consultationIds = responses.Select(r => r.ConsultationId).Distinct().ToList();
        var questions = await db.ConsultationQuestions.AsNoTracking()
            .Where(q => consultationIds.Contains(q.ConsultationId))
            .Select(q => new { q.Id, q.Position, q.Text.Ar, q.Text.En })
            .ToDictionaryAsync(q => q.Id, cancellationToken);
        var questionIds = questions.Keys.ToList();
        var options = await db.ConsultationQuestionOptions.AsNoTracking()
            .Where(o => questionIds.Contains(o.QuestionId))
            .Select(o => new { o.Id, o.Text.Ar, o.Text.En })
            .ToDictionaryAsync(o => o.Id, cancellationToken);
        return responses.Select(r => new
        {
            r.ConsultationId,
            r.Consultation,
            r.SubmittedAt,
            r.ChangedAt,
            Answers = r.Answers
                .GroupBy(a => a.QuestionId)
                .OrderBy(g => questions.TryGetValue(g.Key, out var q) ? q.Position : int.MaxValue)
                .Select(g =>
                {
                    questions.TryGetValue(g.Key, out var question);
                    var chosen = g.Where(a => a.OptionId is { } id && options.ContainsKey(id)).Select(a => options[a.OptionId!.Value]).ToList();
                    var scale = g.Select(a => a.ScaleValue).FirstOrDefault(v => v is not null);
                    var text = g.Select(a => a.Text).FirstOrDefault(t => !string.IsNullOrEmpty(t));
                    return new
                    {
                        Question = question?.Ar,
                        QuestionEnglish = question?.En,
                        Answer = chosen.Count > 0 ? string.Join("، ", chosen.Select(o => o.Ar))
                            : scale is { } v ? $"{v} / {Question.ScaleMax}"
                            : text,
                        AnswerEnglish = chosen.Count > 0 ? string.Join(", ", chosen.Select(o => o.En))
                            : scale is { } w ? $"{w} / {Question.ScaleMax}"
                            : text,
                    };
                })
                .ToList(),
        }).ToList();
    }

    public async Task AnonymiseAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.ConsultationComments
            .Where(c => c.AuthorId == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.DisplayName, PersonalDataService.AnonymousName), cancellationToken);
}
