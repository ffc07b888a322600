using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EParticipation.Web.Platform.Localization;

/// <summary>MVC's own binding messages ("The value 'x' is not valid") in the page's language.</summary>
public static class ModelBindingMessages
{
    public static void Localize(DefaultModelBindingMessageProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        provider.SetValueIsInvalidAccessor(v => L()["The value '{0}' is not valid.", v]);
        provider.SetAttemptedValueIsInvalidAccessor((v, f) => L()["The value '{0}' is not valid.", v]);
        provider.SetValueMustBeANumberAccessor(f => L()["Enter a number."]);
        provider.SetMissingBindRequiredValueAccessor(f => L()["This field is required."]);
        provider.SetMissingKeyOrValueAccessor(() => L()["This field is required."]);
        provider.SetValueMustNotBeNullAccessor(v => L()["This field is required."]);
        provider.SetUnknownValueIsInvalidAccessor(f => L()["The value is not valid."]);
        provider.SetNonPropertyAttemptedValueIsInvalidAccessor(v => L()["The value '{0}' is not valid.", v]);
        provider.SetNonPropertyUnknownValueIsInvalidAccessor(() => L()["The value is not valid."]);
        provider.SetNonPropertyValueMustBeANumberAccessor(() => L()["Enter a number."]);
        provider.SetMissingRequestBodyRequiredValueAccessor(() => L()["This field is required."]);
    }

    /// <summary>A date-and-time field whose day or 24-hour clock time is missing or not a time.</summary>
    public static string DateAndTimeInvalid() => L()["Enter the day and the time in 24 hours, for example 14:30."];

    // The provider is configured once at start and the messages are read per request, in that
    // request's culture; the resource-backed localizer is stateless, so one instance serves all.
    private static readonly IStringLocalizer Shared = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    private static IStringLocalizer L() => Shared;
}
