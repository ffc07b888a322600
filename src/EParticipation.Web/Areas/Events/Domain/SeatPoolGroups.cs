using EParticipation.Web.Platform.Taxonomy;

namespace EParticipation.Web.Areas.Events.Domain;

/// <summary>
/// The target group behind each reserved pool of seats: the same groups participants declare on
/// their account page (<see cref="Platform.Identity.DeclaredTargetGroup"/>), so a reserved seat goes
/// only to a person who declares its group.
/// </summary>
public static class SeatPoolGroups
{
    /// <summary>The target group's code, or null for the general seats (open to everyone).</summary>
    public static string? GroupCode(this SeatPool pool) => pool switch
    {
        SeatPool.Women => TargetGroupCodes.Women,
        SeatPool.Disability => TargetGroupCodes.PersonsWithDisabilities,
        SeatPool.Youth => TargetGroupCodes.Youth,
        _ => null,
    };
}
