namespace EParticipation.Web.Areas.ServiceRatings.Domain;

/// <summary>Running yes/no counts of one page in one month, kept with each answer (the dashboard reads these).</summary>
public class PageFeedbackMonth
{
    public long Id { get; set; }

    public string Path { get; set; } = "";

    public DateOnly Month { get; set; }

    public int Yes { get; set; }

    public int No { get; set; }
}
