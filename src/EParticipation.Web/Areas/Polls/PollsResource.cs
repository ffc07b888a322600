#pragma warning disable CA1052 // A marker type: IStringLocalizer<PollsResource> finds PollsResource.{culture}.resx by its name.

namespace EParticipation.Web.Areas.Polls;

/// <summary>The Polls module's strings: English text is the key, Arabic in PollsResource.ar.resx.</summary>
public sealed class PollsResource;
