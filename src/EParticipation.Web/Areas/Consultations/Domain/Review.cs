using EParticipation.Web.Platform.Localization;

namespace EParticipation.Web.Areas.Consultations.Domain;

/// <summary>What the agency decided about a comment (domain.md: the legislation office's review).</summary>
public enum CommentDisposition
{
    Accepted,
    PartlyAccepted,
    NotAccepted,
    OutOfScope,
}

public static class ReviewRules
{
    /// <summary>The public response is short: a sentence or two, not a second report.</summary>
    public const int ResponseMaxLength = 1000;

    public const int NarrativeMaxLength = 20000;

    public const int FinalTextMaxLength = 20000;

    /// <summary>Comments (or groups) per page of the review screen.</summary>
    public const int PageSize = 20;

    /// <summary>Comments per page of the report's list of comments and responses.</summary>
    public const int ReportPageSize = 20;

    /// <summary>What the "mark the remaining comments" action may set: the two that need no reading of each comment to be honest.</summary>
    public static IReadOnlyList<CommentDisposition> BulkDispositions { get; } = [CommentDisposition.OutOfScope, CommentDisposition.NotAccepted];
}

/// <summary>
/// A consultation's summary report ("you said, we did"): the narrative staff write, and the final text
/// of each article. Everything else the report shows (figures, questionnaire results, dispositions) is
/// computed from the database when it is read. Publishing it sets
/// <see cref="Consultation.ReportPublishedAt"/>, which archives the consultation; from then on it is
/// frozen (a correction would be a new version, which is not built yet).
/// </summary>
public class ConsultationReport
{
    public int Id { get; set; }

    public int ConsultationId { get; set; }

    /// <summary>Markdown in Arabic and English; rendered with raw HTML disabled and only http(s) and mailto links.</summary>
    public LocalizedText Narrative { get; set; } = new();

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public Guid? UpdatedById { get; set; }

    /// <summary>Counts the saves; the editor's form carries the one it showed, so two editors cannot overwrite each other unnoticed.</summary>
    public int Version { get; set; }

    public Guid? PublishedById { get; set; }

    public List<ReportArticleText> FinalTexts { get; set; } = [];

    /// <summary>The article's final wording; the draft's when staff have not given one.</summary>
    public LocalizedText FinalTextOf(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return FinalTexts.FirstOrDefault(f => f.ArticleId == article.Id)?.FinalBody ?? article.Body;
    }
}

/// <summary>The final wording of one article, as adopted after the consultation.</summary>
public class ReportArticleText
{
    public int ReportId { get; set; }

    public int ArticleId { get; set; }

    public LocalizedText FinalBody { get; set; } = new();
}
