#pragma warning disable CA1052 // A marker type: IStringLocalizer<ComplaintsResource> finds ComplaintsResource.{culture}.resx by its name.

namespace EParticipation.Web.Areas.Complaints;

/// <summary>The Complaints module's strings: English text is the key, Arabic in ComplaintsResource.ar.resx.</summary>
public sealed class ComplaintsResource;
