namespace EParticipation.Web.Areas.Events.Domain;

/// <summary>Where a registration's seats come from: the general seats or those reserved for a target group.</summary>
public enum SeatPool
{
    General,
    Women,
    Disability,
    Youth,
}
