using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

using EParticipation.Web.Platform.Web;

namespace EParticipation.Web.Platform.Localization;

public static class LocalizedTextHtmlExtensions
{
    /// <summary>
    /// Writes the text in the page's language. When only the other language exists, the text is
    /// wrapped with its own <c>lang</c> and <c>dir</c> so screen readers pronounce it right.
    /// </summary>
    public static IHtmlContent Localized(this IHtmlHelper html, LocalizedText? text)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (text is null)
        {
            return HtmlString.Empty;
        }
        var page = PortalCultures.Current;
        var shown = text.LanguageShownFor(page);
        var encoded = PortalHtml.Encoder.Encode(text.For(page));
        if (shown == page)
        {
            return new HtmlString(encoded);
        }
        var dir = shown == PortalCultures.Arabic ? "rtl" : "ltr";
        return new HtmlString($"<span lang=\"{shown}\" dir=\"{dir}\">{encoded}</span>");
    }
}
