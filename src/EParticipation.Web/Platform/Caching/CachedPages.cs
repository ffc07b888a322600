using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace EParticipation.Web.Platform.Caching;

/// <summary>
/// Whole responses of a page that every visitor of an address sees alike, kept with the cache entry
/// its content came from (so they go stale with it), one copy per address, language and visual
/// settings. A copy is the page's UTF-8 bytes cut where the antiforgery token goes: each visitor gets a
/// token (and, if they have none, the cookie) of their own, exactly as when the page is rendered.
/// A copy is taken only from a page rendered for someone not signed in, with no message waiting for
/// them (TempData), answered 200 and setting no cookie of its own but the antiforgery one.
/// </summary>
public sealed class CachedPages(Counter<long>? served = null)
{
    /// <summary>At most this many copies per entry: the key space (query strings, settings) stays bounded.</summary>
    public const int MaxCopies = 8;

    /// <summary>The TempData cookie (PlatformSetup): a visitor who has one has a message waiting.</summary>
    public const string TempDataCookie = "ep-tempdata";

    private readonly ConcurrentDictionary<string, Copy> _copies = new(StringComparer.Ordinal);

    /// <summary>
    /// The copy this request may be served from, or null when its page must be rendered for it: not a
    /// GET, signed in, a message waiting, or an error page re-executing the request.
    /// </summary>
    public static string? KeyFor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method)
            || context.User.Identity?.IsAuthenticated == true
            || request.Cookies.ContainsKey(TempDataCookie)
            || context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            return null;
        }
        return string.Concat(CultureInfo.CurrentUICulture.Name, "|", DisplaySettings.From(request).ToCookie(), "|", request.Path.Value, request.QueryString.Value);
    }

    /// <summary>
    /// The kept copy for <paramref name="key"/> when there is one; otherwise the page as
    /// <paramref name="render"/> makes it, kept for the next visitor if it qualifies.
    /// </summary>
    public IActionResult Serve(string? key, Func<IActionResult> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        if (key is null)
        {
            return render();
        }
        if (_copies.TryGetValue(key, out var copy))
        {
            served?.Add(1);
            return new CopyResult(copy);
        }
        return new CaptureResult(render(), this, key);
    }

    private void Offer(string key, Copy copy)
    {
        if (_copies.Count < MaxCopies)
        {
            _copies.TryAdd(key, copy);
        }
    }

    /// <summary>The response's own headers (content type and any the view set) and its body in pieces.</summary>
    private sealed record Copy(KeyValuePair<string, string[]>[] Headers, byte[][] Pieces, long Length);

    // Not kept with a copy: cookies and the headers antiforgery sets with its token (written again by
    // each request's own token), and those the server writes for every response.
    private static readonly HashSet<string> PerRequestHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.SetCookie, HeaderNames.CacheControl, HeaderNames.Pragma, HeaderNames.XFrameOptions,
        HeaderNames.ContentLength, HeaderNames.TransferEncoding, HeaderNames.Date, HeaderNames.Server,
    };

    private sealed class CopyResult(Copy copy) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var http = context.HttpContext;
            var response = http.Response;
            byte[]? token = null;
            if (copy.Pieces.Length > 1)
            {
                var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
                token = Encoding.ASCII.GetBytes(tokens.RequestToken!);
            }
            response.StatusCode = StatusCodes.Status200OK;
            foreach (var (name, values) in copy.Headers)
            {
                response.Headers[name] = values;
            }
            response.ContentLength = copy.Length + (token?.Length ?? 0) * (copy.Pieces.Length - 1);
            var body = response.BodyWriter;
            for (var i = 0; i < copy.Pieces.Length; i++)
            {
                if (i > 0)
                {
                    body.Write(token);
                }
                body.Write(copy.Pieces[i]);
            }
            await body.FlushAsync(http.RequestAborted);
        }
    }

    private sealed class CaptureResult(IActionResult inner, CachedPages owner, string key) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var http = context.HttpContext;
            var response = http.Response;
            // What the middleware before the action set (the language cookie, say) it sets again for a copy.
            var before = response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var cookiesBefore = response.Headers.SetCookie.ToArray();
            var original = response.Body;
            using var buffer = new MemoryStream();
            response.Body = buffer;
            try
            {
                await inner.ExecuteResultAsync(context);
            }
            finally
            {
                response.Body = original;
            }
            if (response.StatusCode == StatusCodes.Status200OK && SetsNoCookieOfItsOwn(http, cookiesBefore))
            {
                var headers = response.Headers
                    .Where(h => !PerRequestHeaders.Contains(h.Key) && (!before.TryGetValue(h.Key, out var was) || was != h.Value.ToString()))
                    .Select(h => new KeyValuePair<string, string[]>(h.Key, h.Value.ToArray()!))
                    .ToArray();
                var html = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                var token = http.RequestServices.GetRequiredService<IAntiforgery>().GetTokens(http).RequestToken;
                var pieces = (string.IsNullOrEmpty(token) ? [html] : html.Split(token)).Select(Encoding.UTF8.GetBytes).ToArray();
                owner.Offer(key, new Copy(headers, pieces, pieces.Sum(p => (long)p.Length)));
            }
            buffer.Position = 0;
            await buffer.CopyToAsync(original, http.RequestAborted);
        }

        // The page set no cookie but the antiforgery one (which a copy sets again when the visitor has none).
        private static bool SetsNoCookieOfItsOwn(HttpContext http, string?[] before)
        {
            var name = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AntiforgeryOptions>>().Value.Cookie.Name;
            return http.Response.Headers.SetCookie.All(c => c is not null && (before.Contains(c) || c.StartsWith(name + "=", StringComparison.Ordinal)));
        }
    }
}
