#pragma warning disable CA1052 // A marker type: IStringLocalizer<ConsultationsResource> finds ConsultationsResource.{culture}.resx by its name.

namespace EParticipation.Web.Areas.Consultations;

/// <summary>The Consultations module's strings: English text is the key, Arabic in ConsultationsResource.ar.resx.</summary>
public sealed class ConsultationsResource;
