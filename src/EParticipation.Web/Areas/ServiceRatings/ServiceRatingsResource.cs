#pragma warning disable CA1052 // A marker type: IStringLocalizer<ServiceRatingsResource> finds ServiceRatingsResource.{culture}.resx by its name.

namespace EParticipation.Web.Areas.ServiceRatings;

/// <summary>The ServiceRatings module's strings: English text is the key, Arabic in ServiceRatingsResource.ar.resx.</summary>
public sealed class ServiceRatingsResource;
