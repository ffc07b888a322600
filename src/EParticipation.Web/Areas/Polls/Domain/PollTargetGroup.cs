using EParticipation.Web.Platform.Taxonomy;

namespace EParticipation.Web.Areas.Polls.Domain;

/// <summary>A group the poll is addressed to (women, youth, ...); it is listed under that group.</summary>
public class PollTargetGroup
{
    public int PollId { get; set; }

    public int TargetGroupId { get; set; }

    public TargetGroup? TargetGroup { get; set; }
}
