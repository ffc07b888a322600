using System.Globalization;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace EParticipation.Web.Platform.Calendar;

/// <summary><c>&lt;dual-date value="@x" /&gt;</c> renders a <c>time</c> element with both calendars.</summary>
[HtmlTargetElement("dual-date", TagStructure = TagStructure.WithoutEndTag)]
public sealed class DualDateTagHelper : TagHelper
{
    public DateTime? Value { get; set; }

    public DateOnly? Date { get; set; }

    public bool WithTime { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.TagName = "time";
        output.TagMode = TagMode.StartTagAndEndTag;
        if (Date is { } date)
        {
            output.Attributes.SetAttribute("datetime", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            output.Content.SetContent(DualDate.Format(date));
        }
        else if (Value is { } utc)
        {
            output.Attributes.SetAttribute("datetime", DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mmZ", CultureInfo.InvariantCulture));
            output.Content.SetContent(WithTime ? DualDate.FormatWithTime(utc) : DualDate.Format(utc));
        }
        else
        {
            output.SuppressOutput();
        }
    }
}
