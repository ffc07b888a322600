using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Html;

namespace EParticipation.Web.Areas.Consultations.Services;

/// <summary>
/// Renders the narrative staff write for a summary report. Staff are trusted to write, not to write
/// HTML: raw HTML is not rendered (it comes out as text), and a link whose address is not http, https
/// or mailto (javascript:, data:, vbscript:, a relative path, ...) is written as its words only.
/// Images are written as their description: the content-security policy would block outside images
/// anyway, and a report's pictures belong in its documents. The narrative's top headings, whatever
/// level staff wrote them at, become level 3, right below the report's own section heading, so the
/// outline never jumps a level.
/// </summary>
public static class ReportMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseAutoLinks()
        .Build();

    public static IHtmlContent ToHtml(string? markdown)
    {
        var document = Markdown.Parse(markdown ?? "", Pipeline);
        var headings = document.Descendants<HeadingBlock>().ToList();
        var shift = headings.Count == 0 ? 0 : 3 - headings.Min(h => h.Level);
        foreach (var heading in headings)
        {
            heading.Level = Math.Clamp(heading.Level + shift, 3, 6);
        }
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        // The links are judged while writing rather than by changing the parsed tree: moving nodes of
        // Markdig's tree around (a link inside an image, say) can leave one behind.
        renderer.ObjectRenderers.Replace<LinkInlineRenderer>(new SafeLinkRenderer());
        renderer.ObjectRenderers.Replace<AutolinkInlineRenderer>(new SafeAutolinkRenderer());
        renderer.Render(document);
        writer.Flush();
        return new HtmlString(writer.ToString());
    }

    /// <summary>Only web and email addresses; a relative address has no scheme and is refused too.</summary>
    public static bool IsSafe(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";

    private sealed class SafeLinkRenderer : LinkInlineRenderer
    {
        protected override void Write(HtmlRenderer renderer, LinkInline link)
        {
            var url = link.GetDynamicUrl?.Invoke() ?? link.Url;
            if (link.IsImage || !IsSafe(url))
            {
                renderer.WriteChildren(link);
                return;
            }
            base.Write(renderer, link);
        }
    }

    private sealed class SafeAutolinkRenderer : AutolinkInlineRenderer
    {
        protected override void Write(HtmlRenderer renderer, AutolinkInline link)
        {
            if (!IsSafe(link.IsEmail ? "mailto:" + link.Url : link.Url))
            {
                renderer.WriteEscape(link.Url);
                return;
            }
            base.Write(renderer, link);
        }
    }
}
