using EParticipation.Web.Platform.Taxonomy;

namespace EParticipation.Web.Areas.Polls.Domain;

/// <summary>A group the poll is addressed to (women, youth, ...); when the poll is limited to its groups, only their members vote.</summary>
public class PollTargetGroup
{
    public int PollId { get; set; }

    public int TargetGroupId { get; set; }

    public TargetGroup? TargetGroup { get; set; }
}
