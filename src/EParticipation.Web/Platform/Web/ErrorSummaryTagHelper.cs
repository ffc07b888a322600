using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace EParticipation.Web.Platform.Web;

/// <summary>
/// The list of problems at the top of a form after a failed post, each linking to its field
/// (<c>&lt;error-summary title="@S["There is a problem"]" /&gt;</c>). Renders nothing when the form is valid.
/// </summary>
[HtmlTargetElement("error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ErrorSummaryTagHelper : TagHelper
{
    public string Title { get; set; } = "";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var state = ViewContext.ViewData.ModelState;
        if (state.IsValid)
        {
            output.SuppressOutput();
            return;
        }
        var e = PortalHtml.Encoder;
        var list = new StringBuilder();
        foreach (var (key, entry) in state)
        {
            foreach (var error in entry.Errors)
            {
                list.Append(string.IsNullOrEmpty(key)
                    ? $"<li>{e.Encode(error.ErrorMessage)}</li>"
                    : $"<li><a href=\"#{TagBuilder.CreateSanitizedId(key, "_")}\">{e.Encode(error.ErrorMessage)}</a></li>");
            }
        }
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "ep-error-summary");
        output.Attributes.SetAttribute("role", "alert");
        output.Attributes.SetAttribute("tabindex", "-1");
        output.Attributes.SetAttribute("aria-labelledby", "error-summary-title");
        output.Content.SetHtmlContent($"<h2 id=\"error-summary-title\">{e.Encode(Title)}</h2><ul class=\"mb-0\">{list}</ul>");
    }
}
