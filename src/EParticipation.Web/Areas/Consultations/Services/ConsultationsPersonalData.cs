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
        QuestionnaireAnswers = await db.ConsultationResponses.AsNoTracking()
            .Where(r => r.UserId == userId)
            .OrderBy(r => r.Id)
            .Select(r => new
            {
                r.ConsultationId,
                Consultation = r.Consultation!.Title.Ar,
                r.SubmittedAt,
                r.ChangedAt,
                Answers = r.Answers.OrderBy(a => a.QuestionId).Select(a => new { a.QuestionId, a.OptionId, a.ScaleValue, a.Text }).ToList(),
            })
            .ToListAsync(cancellationToken),
    };

    public async Task AnonymiseAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.ConsultationComments
            .Where(c => c.AuthorId == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.DisplayName, PersonalDataService.AnonymousName), cancellationToken);
}
