using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace EParticipation.Tests.Infrastructure;

/// <summary>
/// Drives the portal the way a browser without script does: loads a page, fills a form that is
/// really on it (field names are checked), submits it with the page's antiforgery token, and
/// follows redirects when asked.
/// </summary>
public sealed class PortalClient(HttpClient http)
{
    private static readonly IBrowsingContext Parser = BrowsingContext.New(Configuration.Default);

    public HttpClient Http { get; } = http;

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(path);

    public async Task<IDocument> PageAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path}: expected {(int)expected}, got {(int)response.StatusCode} {response.Headers.Location}\n{Excerpt(html)}");
        return await ParseAsync(html);
    }

    public static async Task<IDocument> ParseAsync(string html) => await Parser.OpenAsync(req => req.Content(html));

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await ParseAsync(await response.Content.ReadAsStringAsync());

    /// <summary>
    /// Submits the form on <paramref name="pagePath"/> whose action ends with <paramref name="actionEndsWith"/>
    /// (or the first form in main). Every field named must exist in the form.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pagePath, IReadOnlyDictionary<string, string> fields, string? actionEndsWith = null, bool followRedirects = false)
    {
        var page = await PageAsync(pagePath);
        // Without an action: the first posting form of the page's main content; with one: any form.
        var form = actionEndsWith is null
            ? page.QuerySelectorAll("main form").OfType<IHtmlFormElement>().FirstOrDefault(f => !f.Method.Equals("get", StringComparison.OrdinalIgnoreCase))
            : page.QuerySelectorAll("form").OfType<IHtmlFormElement>().FirstOrDefault(f => (f.GetAttribute("action") ?? "").EndsWith(actionEndsWith, StringComparison.Ordinal));
        string? action = null;
        if (form is null && actionEndsWith is not null
            && page.QuerySelectorAll("button[formaction]").OfType<IHtmlButtonElement>()
                .FirstOrDefault(b => b.GetAttribute("formaction")!.EndsWith(actionEndsWith, StringComparison.Ordinal)) is { } button)
        {
            // A button that submits its form (the one its form attribute names) to an address of its own.
            form = button.Form;
            Assert.True(form is not null, $"The button posting to …{actionEndsWith} on {pagePath} belongs to no form");
            action = button.GetAttribute("formaction");
        }
        Assert.True(form is not null, $"No form{(actionEndsWith is null ? "" : " posting to …" + actionEndsWith)} on {pagePath}");
        return await SubmitAsync(form!, pagePath, fields, followRedirects, action);
    }

    public async Task<HttpResponseMessage> SubmitAsync(IHtmlFormElement form, string pagePath, IReadOnlyDictionary<string, string> fields, bool followRedirects = false, string? action = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(fields);
        var values = new List<KeyValuePair<string, string>>();
        var names = new HashSet<string>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }
            names.Add(name);
            if (fields.ContainsKey(name))
            {
                continue;
            }
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } input when input.IsChecked:
                    values.Add(new(name, input.Value));
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" or "submit" or "button" }:
                    break;
                case IHtmlInputElement input:
                    values.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    values.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement select when select.SelectedOptions.Length > 0:
                    values.Add(new(name, select.SelectedOptions[0].Value));
                    break;
            }
        }
        foreach (var (name, value) in fields)
        {
            Assert.True(names.Contains(name), $"The form on {pagePath} has no field named '{name}'. Fields: {string.Join(", ", names)}");
            foreach (var part in value.Split('\u001f'))
            {
                values.Add(new(name, part));
            }
        }
        action ??= form.GetAttribute("action") is { Length: > 0 } a ? a : pagePath;
        var response = await Http.PostAsync(action, new FormUrlEncodedContent(values));
        return followRedirects ? await FollowAsync(response) : response;
    }

    /// <summary>Several values for one field (checkbox lists): join them with this.</summary>
    public static string Many(params string[] values) => string.Join('\u001f', values);

    public async Task<HttpResponseMessage> FollowAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var hops = 0;
        while (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.RedirectKeepVerb && hops++ < 10)
        {
            response = await Http.GetAsync(response.Headers.Location);
        }
        return response;
    }

    public async Task SignInAsync(string email, string password)
    {
        var response = await SubmitAsync("/ar/account/login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in of {email} failed: {(int)response.StatusCode}\n{Excerpt(body)}");
    }

    public static string Excerpt(string html)
    {
        var main = html.IndexOf("<main", StringComparison.Ordinal);
        var text = main >= 0 ? html[main..] : html;
        return text.Length > 3000 ? text[..3000] : text;
    }
}
