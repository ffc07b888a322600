#pragma warning disable CA1052 // A marker type: IStringLocalizer<IdeasResource> finds IdeasResource.{culture}.resx by its name.

namespace EParticipation.Web.Areas.Ideas;

/// <summary>The Ideas module's strings: English text is the key, Arabic in IdeasResource.ar.resx.</summary>
public sealed class IdeasResource;
