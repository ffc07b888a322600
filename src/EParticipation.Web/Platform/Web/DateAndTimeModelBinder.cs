using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace EParticipation.Web.Platform.Web;

/// <summary>
/// Binds a <see cref="DateTime"/> that a form sends as two fields: the day in <c>Name</c>
/// (yyyy-MM-dd, from a date input) and the clock in <c>Name.Time</c> (HH:mm, 24 hours, typed), as
/// <see cref="FormFieldTagHelper"/> renders a <c>datetime-local</c> field. A value that already
/// carries its time ("2026-12-01T10:00", from a script or an older form) binds as before.
/// </summary>
public sealed class DateAndTimeModelBinder(IModelBinder fallback) : IModelBinder
{
    public const string TimeSuffix = ".Time";

    private static readonly string[] DateFormats = ["yyyy-MM-dd"];

    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "H.mm", "HH.mm", "HHmm"];

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var time = bindingContext.ValueProvider.GetValue(bindingContext.ModelName + TimeSuffix);
        var date = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (time == ValueProviderResult.None)
        {
            return fallback.BindModelAsync(bindingContext);
        }

        var dayText = date.FirstValue?.Trim() ?? "";
        var clockText = NormaliseDigits(time.FirstValue?.Trim() ?? "");
        var dayAlone = DateOnly.TryParseExact(dayText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day);
        if ((clockText.Length == 0 && !dayAlone) || dayText.Contains('T', StringComparison.Ordinal))
        {
            // Nothing (null; the required rules speak), or a full "…T10:00" (which wins over the
            // separate time): bound as before.
            return fallback.BindModelAsync(bindingContext);
        }

        var attempted = dayText + " " + clockText;
        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, attempted, attempted);
        if (dayAlone
            && TimeOnly.TryParseExact(clockText, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
        {
            bindingContext.Result = ModelBindingResult.Success(day.ToDateTime(clock));
            return Task.CompletedTask;
        }

        // A day without its time is refused rather than read as midnight.
        bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, Localization.ModelBindingMessages.DateAndTimeInvalid());
        bindingContext.Result = ModelBindingResult.Failed();
        return Task.CompletedTask;
    }

    // Arabic-Indic digits typed on an Arabic keyboard read as the same time.
    private static string NormaliseDigits(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                >= '\u0660' and <= '\u0669' => (char)('0' + (chars[i] - '\u0660')),
                >= '\u06F0' and <= '\u06F9' => (char)('0' + (chars[i] - '\u06F0')),
                '\u066B' or '\u061B' => ':',
                _ => chars[i],
            };
        }
        return new string(chars);
    }
}

/// <summary>Uses <see cref="DateAndTimeModelBinder"/> for every DateTime and DateTime? the portal binds.</summary>
public sealed class DateAndTimeModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Metadata.UnderlyingOrModelType != typeof(DateTime))
        {
            return null;
        }
        var loggerFactory = context.Services.GetRequiredService<ILoggerFactory>();
        return new DateAndTimeModelBinder(new SimpleTypeModelBinder(context.Metadata.ModelType, loggerFactory));
    }
}
