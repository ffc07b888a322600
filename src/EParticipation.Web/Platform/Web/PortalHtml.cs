using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace EParticipation.Web.Platform.Web;

/// <summary>
/// The HTML encoder for every page and email. The framework's default escapes everything outside
/// Basic Latin, which turns Arabic into numeric entities (three times the bytes, unreadable source);
/// this one lets letters of every script through and still escapes &lt; &gt; &amp; and quotes.
/// </summary>
public static class PortalHtml
{
    public static HtmlEncoder Encoder { get; } = HtmlEncoder.Create(UnicodeRanges.All);
}
