namespace EParticipation.Web.Areas.ServiceRatings.Domain;

/// <summary>Where a service is offered, and which of them a rater used.</summary>
[Flags]
#pragma warning disable CA1711 // "Channel" is the domain's word for the way a service is offered.
public enum ServiceChannel
#pragma warning restore CA1711
{
    None = 0,
    Online = 1,
    ServiceCentre = 2,
    Phone = 4,
}
