using EParticipation.Web.Platform.Localization;

namespace EParticipation.Web.Areas.Polls.Domain;

/// <summary>One answer a voter can choose, in both languages, in the order the agency gave.</summary>
public class PollOption
{
    public int Id { get; set; }

    public int PollId { get; set; }

    public int Position { get; set; }

    public LocalizedText Text { get; set; } = new();
}
