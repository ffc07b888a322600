namespace EParticipation.Web.Areas.Consultations.Models;

// The open-data API's documents (docs/consultations.md lists the fields). Both languages side by
// side; codes in lower case; times in UTC (ISO 8601), comment dates as Saudi calendar days.

public sealed record Bilingual(string Ar, string En)
{
    public static Bilingual From(Platform.Localization.LocalizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Bilingual(text.Ar, text.En);
    }
}

public sealed record CodeAndName(string Code, Bilingual Name);

public sealed record PageLinks(string Self, string First, string Last, string? Prev, string? Next);

public sealed record ApiPage<T>(int Page, int PageSize, int Total, int PageCount, PageLinks Links, IReadOnlyList<T> Items);

public sealed record ApiConsultation(
    int Id,
    Bilingual Title,
    Bilingual Summary,
    string Kind,
    string Status,
    CodeAndName Agency,
    CodeAndName Sector,
    IReadOnlyList<string> TargetGroups,
    string? PublishedAt,
    string OpensAt,
    string ClosesAt,
    string? ReportPublishedAt,
    int Comments,
    ApiConsultationLinks Links);

public sealed record ApiConsultationLinks(Bilingual Page, Bilingual? Report, string? Comments, string? CommentsCsv);

/// <summary>
/// A published comment: what its page shows (display name, text, date, supports) and, once the report
/// is published, the agency's disposition and response. Never the author's account, email or type.
/// </summary>
public sealed record ApiComment(long Id, int? Article, string DisplayName, string Text, string SubmittedDate, int Supports, string? Disposition, Bilingual? Response, long? Group);

public sealed record ApiCommentsPage(int Page, int PageSize, int Total, int PageCount, PageLinks Links, ApiCommentsConsultation Consultation, IReadOnlyList<ApiComment> Items);

public sealed record ApiCommentsConsultation(int Id, Bilingual Title, string Status, string? ReportPublishedAt);
