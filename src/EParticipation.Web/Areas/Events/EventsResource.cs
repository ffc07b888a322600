#pragma warning disable CA1052 // A marker type: IStringLocalizer<EventsResource> finds EventsResource.{culture}.resx by its name.

namespace EParticipation.Web.Areas.Events;

/// <summary>The Events module's strings: English text is the key, Arabic in EventsResource.ar.resx.</summary>
public sealed class EventsResource;
