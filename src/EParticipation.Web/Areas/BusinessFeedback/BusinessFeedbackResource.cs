#pragma warning disable CA1052 // A marker type: IStringLocalizer<BusinessFeedbackResource> finds BusinessFeedbackResource.{culture}.resx by its name.

namespace EParticipation.Web.Areas.BusinessFeedback;

/// <summary>The BusinessFeedback module's strings: English text is the key, Arabic in BusinessFeedbackResource.ar.resx.</summary>
public sealed class BusinessFeedbackResource;
