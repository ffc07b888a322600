using EParticipation.Web.Areas.Consultations.Domain;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Data;

public partial class AppDbContext
{
    public DbSet<Consultation> Consultations => Set<Consultation>();

    public DbSet<ConsultationTargetGroup> ConsultationTargetGroups => Set<ConsultationTargetGroup>();

    public DbSet<Article> ConsultationArticles => Set<Article>();

    public DbSet<ConsultationDocument> ConsultationDocuments => Set<ConsultationDocument>();

    public DbSet<Comment> ConsultationComments => Set<Comment>();

    public DbSet<CommentSupport> ConsultationCommentSupports => Set<CommentSupport>();

    public DbSet<Question> ConsultationQuestions => Set<Question>();

    public DbSet<QuestionOption> ConsultationQuestionOptions => Set<QuestionOption>();

    public DbSet<QuestionnaireResponse> ConsultationResponses => Set<QuestionnaireResponse>();

    public DbSet<Answer> ConsultationAnswers => Set<Answer>();

    public DbSet<ConsultationReport> ConsultationReports => Set<ConsultationReport>();

    public DbSet<ReportArticleText> ConsultationReportArticles => Set<ReportArticleText>();
}
