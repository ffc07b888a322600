using System.Collections.Concurrent;
using Markdig;
using Microsoft.AspNetCore.Html;

namespace EParticipation.Web.Platform.Content;

/// <summary>A content page rendered from Content/Pages/{slug}.{language}.md.</summary>
public sealed record ContentPage(string Slug, string Title, IHtmlContent Body);

/// <summary>
/// The portal's content pages (about e-participation, guidelines for agencies, privacy policy,
/// terms of use) from bilingual Markdown files. The first heading is the page title. Raw HTML in
/// the files is not rendered, so a page can never carry script.
/// </summary>
public sealed class ContentPages(IWebHostEnvironment environment)
{
    public static IReadOnlyList<string> Slugs { get; } = ["about", "guidelines", "privacy", "terms"];

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseAutoIdentifiers()
        .Build();

    private readonly ConcurrentDictionary<string, ContentPage?> _cache = new();

    public ContentPage? Find(string slug, string language)
    {
        if (!Slugs.Contains(slug))
        {
            return null;
        }
        return _cache.GetOrAdd(slug + "." + language, _ => Load(slug, language));
    }

    private ContentPage? Load(string slug, string language)
    {
        var path = Path.Combine(environment.ContentRootPath, "Content", "Pages", $"{slug}.{language}.md");
        if (!File.Exists(path))
        {
            path = Path.Combine(AppContext.BaseDirectory, "Content", "Pages", $"{slug}.{language}.md");
        }
        if (!File.Exists(path))
        {
            return null;
        }
        var markdown = File.ReadAllText(path);
        var lines = markdown.Split('\n');
        var titleLine = lines.FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal));
        var title = titleLine?[2..].Trim() ?? slug;
        var body = titleLine is null ? markdown : string.Join('\n', lines.Where(l => !ReferenceEquals(l, titleLine)));
        return new ContentPage(slug, title, new HtmlString(Markdown.ToHtml(body, Pipeline)));
    }
}
