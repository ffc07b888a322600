namespace EParticipation.Web.Areas.ServiceRatings.Domain;

/// <summary>
/// One answer to "was this information useful?" on a page. No account or address is kept; the text
/// is stored only after personal data has been removed (Platform/Text/PersonalDataScrubber).
/// </summary>
public class PageFeedback
{
    public long Id { get; set; }

    /// <summary>The page's address without its language, for example "/pages/about".</summary>
    public string Path { get; set; } = "";

    public bool Useful { get; set; }

    /// <summary>The reasons chosen on "no", comma separated (<see cref="PageProblems"/>).</summary>
    public string? Problems { get; set; }

    public string? Text { get; set; }

    public string Language { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}
