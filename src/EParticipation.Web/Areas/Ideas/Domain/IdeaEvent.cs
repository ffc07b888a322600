using EParticipation.Web.Platform.Localization;

namespace EParticipation.Web.Areas.Ideas.Domain;

/// <summary>One step on an idea's path: submitted, a status given by the VoC team with its answer, or a progress report.</summary>
public class IdeaEvent
{
    public long Id { get; set; }

    public int IdeaId { get; set; }

    public IdeaEventKind Kind { get; set; }

    public IdeaStatus Status { get; set; }

    public LocalizedText Note { get; set; } = new();

    public DateTime At { get; set; }

    public Guid? ById { get; set; }
}
