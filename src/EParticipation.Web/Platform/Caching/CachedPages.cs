using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using EParticipation.Web.Platform.Identity;
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
/// <para>A signed-in participant's page can be kept too (<see cref="KeyForParticipant"/>) when it shows
/// nothing of theirs but what the caller renders as <see cref="PageSlot"/>s: the page is rendered once
/// with a placeholder in each slot, and every participant gets the copy with their own values (and
/// their own antiforgery token) written in.</para>
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
    /// The copy a signed-in participant's request may be served from, shared by every participant
    /// whose page is the same apart from the slots the caller fills in: <paramref name="variant"/> names
    /// what the caller knows of them that the page shows (e.g. "following"). Null when the page must be
    /// rendered: not a GET, a message waiting, an error page, or an account with a role or an agency
    /// (the header shows its workspace and menus).
    /// </summary>
    public static string? KeyForParticipant(HttpContext context, string variant)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var user = context.User;
        if (!HttpMethods.IsGet(request.Method)
            || user.Identity is not ClaimsIdentity { IsAuthenticated: true } identity
            || user.AgencyId() is not null
            || identity.HasClaim(c => c.Type == identity.RoleClaimType)
            || request.Cookies.ContainsKey(TempDataCookie)
            || context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            return null;
        }
        return string.Concat("participant:", variant, "|", CultureInfo.CurrentUICulture.Name, "|", DisplaySettings.From(request).ToCookie(), "|", request.Path.Value, request.QueryString.Value);
    }

    /// <summary>
    /// The kept copy for <paramref name="key"/> when there is one; otherwise the page as
    /// <paramref name="render"/> makes it, kept for the next visitor if it qualifies.
    /// </summary>
    public IActionResult Serve(string? key, Func<IActionResult> render) => Serve(key, render, []);

    /// <summary>
    /// As <see cref="Serve(string?, Func{IActionResult})"/>, for a page rendered with each slot's
    /// placeholder where this request's value goes (<paramref name="slots"/>, the same placeholders on
    /// every request for <paramref name="key"/>).
    /// </summary>
    public IActionResult Serve(string? key, Func<IActionResult> render, IReadOnlyList<PageSlot> slots)
    {
        ArgumentNullException.ThrowIfNull(render);
        ArgumentNullException.ThrowIfNull(slots);
        if (key is null)
        {
            return render();
        }
        if (_copies.TryGetValue(key, out var copy))
        {
            served?.Add(1);
            return new CopyResult(copy, slots);
        }
        return new CaptureResult(render(), this, key, slots);
    }

    private void Offer(string key, Copy copy)
    {
        if (_copies.Count < MaxCopies)
        {
            _copies.TryAdd(key, copy);
        }
    }

    /// <summary>
    /// The response's own headers (content type and any the view set) and its body in pieces; between
    /// piece i and i + 1 goes <c>Gaps[i]</c>: the antiforgery token (<see cref="TokenGap"/>) or the value
    /// of that slot.
    /// </summary>
    private sealed record Copy(KeyValuePair<string, string[]>[] Headers, byte[][] Pieces, int[] Gaps);

    private const int TokenGap = -1;

    // The page's HTML cut at every occurrence of the token and of each slot's placeholder.
    private static (string[] Pieces, int[] Gaps) Cut(string html, string? token, IReadOnlyList<PageSlot> slots)
    {
        var needles = slots.Select((slot, i) => (Text: slot.Placeholder, Gap: i)).ToList();
        if (!string.IsNullOrEmpty(token))
        {
            needles.Add((token, TokenGap));
        }
        var pieces = new List<string>();
        var gaps = new List<int>();
        var at = 0;
        while (true)
        {
            var (next, gap, length) = (-1, 0, 0);
            foreach (var (text, g) in needles)
            {
                var found = html.IndexOf(text, at, StringComparison.Ordinal);
                if (found >= 0 && (next < 0 || found < next))
                {
                    (next, gap, length) = (found, g, text.Length);
                }
            }
            if (next < 0)
            {
                pieces.Add(html[at..]);
                return (pieces.ToArray(), gaps.ToArray());
            }
            pieces.Add(html[at..next]);
            gaps.Add(gap);
            at = next + length;
        }
    }

    // The copy with this request's token and slot values, as one write with its length.
    private static async Task WriteAsync(HttpContext http, byte[][] pieces, int[] gaps, IReadOnlyList<PageSlot> slots)
    {
        var response = http.Response;
        byte[]? token = null;
        if (gaps.Contains(TokenGap))
        {
            var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
            token = Encoding.ASCII.GetBytes(tokens.RequestToken!);
        }
        var values = slots.Select(s => Encoding.UTF8.GetBytes(s.Html)).ToArray();
        byte[] Value(int gap) => gap == TokenGap ? token! : values[gap];
        response.ContentLength = pieces.Sum(p => (long)p.Length) + gaps.Sum(g => (long)Value(g).Length);
        var body = response.BodyWriter;
        for (var i = 0; i < pieces.Length; i++)
        {
            if (i > 0)
            {
                body.Write(Value(gaps[i - 1]));
            }
            body.Write(pieces[i]);
        }
        await body.FlushAsync(http.RequestAborted);
    }

    // Not kept with a copy: cookies and the headers antiforgery sets with its token (written again by
    // each request's own token), and those the server writes for every response.
    private static readonly HashSet<string> PerRequestHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.SetCookie, HeaderNames.CacheControl, HeaderNames.Pragma, HeaderNames.XFrameOptions,
        HeaderNames.ContentLength, HeaderNames.TransferEncoding, HeaderNames.Date, HeaderNames.Server,
    };

    private sealed class CopyResult(Copy copy, IReadOnlyList<PageSlot> slots) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var http = context.HttpContext;
            var response = http.Response;
            response.StatusCode = StatusCodes.Status200OK;
            foreach (var (name, values) in copy.Headers)
            {
                response.Headers[name] = values;
            }
            await WriteAsync(http, copy.Pieces, copy.Gaps, slots);
        }
    }

    private sealed class CaptureResult(IActionResult inner, CachedPages owner, string key, IReadOnlyList<PageSlot> slots) : IActionResult
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
            var keep = response.StatusCode == StatusCodes.Status200OK && SetsNoCookieOfItsOwn(http, cookiesBefore);
            if (!keep && slots.Count == 0)
            {
                buffer.Position = 0;
                await buffer.CopyToAsync(original, http.RequestAborted);
                return;
            }
            // With slots, the page as rendered has the placeholders: this request gets it with its own values too.
            var html = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            var token = http.RequestServices.GetRequiredService<IAntiforgery>().GetTokens(http).RequestToken;
            var (cut, gaps) = Cut(html, token, slots);
            var pieces = cut.Select(Encoding.UTF8.GetBytes).ToArray();
            if (keep)
            {
                var headers = response.Headers
                    .Where(h => !PerRequestHeaders.Contains(h.Key) && (!before.TryGetValue(h.Key, out var was) || was != h.Value.ToString()))
                    .Select(h => new KeyValuePair<string, string[]>(h.Key, h.Value.ToArray()!))
                    .ToArray();
                owner.Offer(key, new Copy(headers, pieces, gaps));
            }
            await WriteAsync(http, pieces, gaps, slots);
        }

        // The page set no cookie but the antiforgery one (which a copy sets again when the visitor has none).
        private static bool SetsNoCookieOfItsOwn(HttpContext http, string?[] before)
        {
            var name = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AntiforgeryOptions>>().Value.Cookie.Name;
            return http.Response.Headers.SetCookie.All(c => c is not null && (before.Contains(c) || c.StartsWith(name + "=", StringComparison.Ordinal)));
        }
    }
}

/// <summary>
/// A place in a kept page for a value of each request's own: the page is rendered with
/// <see cref="Placeholder"/> there (text that HTML encoding leaves as it is, found nowhere else on
/// the page), and each request's copy has <see cref="Html"/> (already encoded) instead.
/// </summary>
public sealed record PageSlot(string Placeholder, string Html);
