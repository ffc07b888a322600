using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace EParticipation.Web.Platform.Web;

/// <summary>
/// One labelled form field with its hint and error, wired for screen readers:
/// <c>&lt;form-field asp-for="Email" label="@S["Email address"]" type="email" autocomplete="email" /&gt;</c>.
/// The label names the input, the hint and the error are linked with aria-describedby, and an
/// invalid field is marked aria-invalid. Types: text, email, password, number, date,
/// datetime-local, tel, url, textarea, select, checkbox.
/// </summary>
[HtmlTargetElement("form-field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FormFieldTagHelper(IHtmlGenerator generator) : TagHelper
{
    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = default!;

    public string Label { get; set; } = "";

    public string Type { get; set; } = "text";

    public string? Hint { get; set; }

    public bool Required { get; set; }

    public string? Autocomplete { get; set; }

    public int Rows { get; set; } = 5;

    public int? Maxlength { get; set; }

    public string? Inputmode { get; set; }

    public string? Dir { get; set; }

    /// <summary>Options of a select.</summary>
    public IEnumerable<SelectListItem>? Items { get; set; }

    /// <summary>The first, empty option of a select ("Choose…").</summary>
    public string? Placeholder { get; set; }

    /// <summary>Extra classes for the wrapping div.</summary>
    public string? Class { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var hintId = id + "-hint";
        var errorId = id + "-error";
        var errors = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry.Errors : null;
        var error = errors is { Count: > 0 } ? errors[0].ErrorMessage : null;
        var isDate = Type is "date" or "datetime-local";
        var hijriId = id + "-hijri";
        var describedBy = string.Join(' ', new[] { Hint is null ? null : hintId, isDate ? hijriId : null, error is null ? null : errorId }.Where(x => x is not null));

        var attributes = new Dictionary<string, object?>
        {
            ["id"] = id,
            ["aria-describedby"] = describedBy.Length == 0 ? null : describedBy,
            ["aria-invalid"] = error is null ? null : "true",
            ["required"] = Required ? "required" : null,
            ["autocomplete"] = Autocomplete,
            ["maxlength"] = Maxlength,
            ["inputmode"] = Inputmode,
            ["dir"] = Dir,
        };
        var isCheckbox = Type == "checkbox";
        var controlClass = isCheckbox ? "form-check-input" : Type == "select" ? "form-select" : "form-control";
        attributes["class"] = error is null ? controlClass : controlClass + " is-invalid";
        var html = attributes.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value);

        TagBuilder control = Type switch
        {
            "textarea" => generator.GenerateTextArea(ViewContext, For.ModelExplorer, For.Name, Rows, 0, html),
            "select" => generator.GenerateSelect(ViewContext, For.ModelExplorer, Placeholder, For.Name, Items ?? [], allowMultiple: false, html),
            "password" => generator.GeneratePassword(ViewContext, For.ModelExplorer, For.Name, null, html),
            "checkbox" => generator.GenerateCheckBox(ViewContext, For.ModelExplorer, For.Name, null, html),
            _ => generator.GenerateTextBox(ViewContext, For.ModelExplorer, For.Name, For.Model, Format(), html),
        };
        if (Type is not ("textarea" or "select" or "password" or "checkbox" or "text"))
        {
            control.MergeAttribute("type", Type, replaceExisting: true);
        }

        var encoder = PortalHtml.Encoder;
        if (Type == "datetime-local")
        {
            RenderDateAndTime(output, name, id, hintId, hijriId, errorId, describedBy, error, encoder);
            return;
        }
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", ((isCheckbox ? "form-check mb-3" : "mb-3") + " " + Class).Trim());

        var label = $"<label class=\"{(isCheckbox ? "form-check-label" : "form-label")}\" for=\"{id}\">{encoder.Encode(Label)}{(Required ? " <span class=\"ep-required\" aria-hidden=\"true\">*</span>" : "")}</label>";
        var hint = Hint is null ? "" : $"<div id=\"{hintId}\" class=\"form-text\">{encoder.Encode(Hint)}</div>";
        var errorHtml = error is null ? "" : $"<div id=\"{errorId}\" class=\"invalid-feedback d-block\">{encoder.Encode(error)}</div>";

        if (isCheckbox)
        {
            output.Content.AppendHtml(control);
            output.Content.AppendHtml(label);
            output.Content.AppendHtml(hint);
            output.Content.AppendHtml(errorHtml);
            output.Content.AppendHtml(generator.GenerateHiddenForCheckbox(ViewContext, For.ModelExplorer, For.Name));
        }
        else
        {
            output.Content.AppendHtml(label);
            output.Content.AppendHtml(hint);
            output.Content.AppendHtml(control);
            if (isDate)
            {
                output.Content.AppendHtml(HijriLine(hijriId, encoder));
            }
            output.Content.AppendHtml(errorHtml);
        }
    }

    // A moment as two fields in one group: the day from the browser's date picker, and the clock
    // time typed in 24 hours (a datetime-local picker shows AM/PM in many browsers' locales).
    // DateAndTimeModelBinder puts them back together into the one model value.
    private void RenderDateAndTime(TagHelperOutput output, string name, string id, string hintId, string hijriId, string errorId,
        string describedBy, string? error, HtmlEncoder encoder)
    {
        var language = Localization.PortalCultures.Current;
        string day = "", clock = "";
        if (ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.AttemptedValue is { } attempted)
        {
            var parts = attempted.Split([' ', 'T'], 2, StringSplitOptions.TrimEntries);
            day = parts[0];
            clock = parts.Length > 1 ? parts[1] : "";
        }
        else if (For.Model is DateTime value)
        {
            day = value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            clock = value.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        }

        var invalid = error is null ? "" : " aria-invalid=\"true\"";
        var required = Required ? " required" : "";
        var controlClass = error is null ? "form-control" : "form-control is-invalid";
        var described = describedBy.Length == 0 ? "" : $" aria-describedby=\"{describedBy}\"";

        output.TagName = "fieldset";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", ("mb-3 ep-datetime " + Class).Trim());
        output.Content.AppendHtml($"<legend class=\"form-label fs-6 mb-1\">{encoder.Encode(Label)}{(Required ? " <span class=\"ep-required\" aria-hidden=\"true\">*</span>" : "")}</legend>");
        if (Hint is not null)
        {
            output.Content.AppendHtml($"<div id=\"{hintId}\" class=\"form-text mt-0 mb-1\">{encoder.Encode(Hint)}</div>");
        }
        output.Content.AppendHtml("<div class=\"ep-datetime-parts\">");
        output.Content.AppendHtml($"<div class=\"ep-datetime-day\"><label class=\"form-label small mb-1\" for=\"{id}\">{encoder.Encode(Calendar.DualDate.DateFieldLabel(language))}</label>" +
            $"<input class=\"{controlClass}\" type=\"date\" id=\"{id}\" name=\"{encoder.Encode(name)}\" value=\"{encoder.Encode(day)}\"{described}{invalid}{required}></div>");
        output.Content.AppendHtml($"<div class=\"ep-datetime-clock\"><label class=\"form-label small mb-1\" for=\"{id}_Time\">{encoder.Encode(Calendar.DualDate.TimeFieldLabel(language))}</label>" +
            $"<input class=\"{controlClass}\" type=\"text\" id=\"{id}_Time\" name=\"{encoder.Encode(name + DateAndTimeModelBinder.TimeSuffix)}\" value=\"{encoder.Encode(clock)}\"" +
            $" inputmode=\"numeric\" autocomplete=\"off\" maxlength=\"5\" size=\"5\" dir=\"ltr\"{described}{invalid}{required}></div>");
        output.Content.AppendHtml("</div>");
        output.Content.AppendHtml(HijriLine(hijriId, encoder));
        if (error is not null)
        {
            output.Content.AppendHtml($"<div id=\"{errorId}\" class=\"invalid-feedback d-block\">{encoder.Encode(error)}</div>");
        }
    }

    // The chosen day in the Umm al-Qura calendar (and the time in 24 hours, Saudi time), beside the
    // Gregorian picker; site.js rewrites it as the value changes, with the same names and form.
    private string HijriLine(string hijriId, HtmlEncoder encoder)
    {
        var language = Localization.PortalCultures.Current;
        var text = For.Model switch
        {
            DateTime value when Type == "datetime-local" => Calendar.DualDate.HijriWithClock(DateOnly.FromDateTime(value), TimeOnly.FromDateTime(value), language),
            DateTime value => Calendar.DualDate.Hijri(DateOnly.FromDateTime(value), language),
            DateOnly value => Calendar.DualDate.Hijri(value, language),
            _ => null,
        } ?? "";
        return $"<div id=\"{hijriId}\" class=\"form-text ep-hijri\" aria-live=\"polite\" data-hijri-months=\"{encoder.Encode(string.Join('|', Calendar.DualDate.HijriMonths(language)))}\" " +
            $"data-hijri-suffix=\"{encoder.Encode(Calendar.DualDate.HijriSuffix(language))}\" data-saudi-time=\"{encoder.Encode(Calendar.DualDate.SaudiTimeLabel(language))}\">{encoder.Encode(text)}</div>";
    }

    private string? Format() => Type switch
    {
        "date" => "{0:yyyy-MM-dd}",
        "datetime-local" => "{0:yyyy-MM-ddTHH:mm}",
        _ => null,
    };
}
