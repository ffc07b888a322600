using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Encodings.Web;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Agencies;
using EParticipation.Web.Platform.Caching;
using EParticipation.Web.Platform.Taxonomy;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.Consultations.Services;

/// <summary>
/// What the public consultation pages show to everyone who is not signed in, kept for a few seconds:
/// the list's results and a consultation's articles with their newest comments, and the HTML they
/// render to (bench/README.md: rendering, not the database, is most of these pages' cost).
/// <list type="bullet">
/// <item>An entry is used only until the next moment its content changes by the clock (a consultation
/// is published, opens, closes, its report is published, a "days left" count ticks over), and never
/// longer than <c>Consultations:PublicCacheSeconds</c> (5 by default; 0 turns the cache off).</item>
/// <item>Any write to the module's tables in this instance makes every entry stale at once
/// (<see cref="ConsultationChangeInterceptor"/>), so whoever acts here sees the result on the next
/// request. Once it commits, the other instances sharing the database are told too
/// (<see cref="CrossInstanceInvalidation"/>: PostgreSQL LISTEN/NOTIFY, within milliseconds; SQL
/// Server a polled version row, within <c>Cache:PollMilliseconds</c>), and drop theirs.</item>
/// <item>Concurrent requests for a stale entry wait for one load rather than each querying the database.</item>
/// </list>
/// </summary>
public sealed class PublicPageCache(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, IMeterFactory meters) : IInvalidatable
{
    /// <summary>The name this module's writes are announced to other instances under.</summary>
    public const string InvalidationTopic = "consultations";

    /// <summary>The meter of this cache's figures (dotnet-counters, OpenTelemetry).</summary>
    public const string MeterName = "EParticipation.Consultations.PageCache";

    /// <summary>Visitors' pages written from a kept copy rather than rendered.</summary>
    public const string CopiesServed = "ep.consultations.page_copies_served";

    private readonly Counter<long> _copiesServed = meters.Create(MeterName)
        .CreateCounter<long>(CopiesServed, unit: "{page}", description: "Visitors' pages written whole from a kept copy instead of rendered");

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(configuration.GetValue("Consultations:PublicCacheSeconds", 5.0));
    private long _version;
    private int _misses;

    public bool Enabled => _lifetime > TimeSpan.Zero;

    /// <summary>Something the public pages show has changed in this instance.</summary>
    public void Changed() => Interlocked.Increment(ref _version);

    string IInvalidatable.Topic => InvalidationTopic;

    /// <summary>Another instance wrote to the module's tables.</summary>
    void IInvalidatable.Invalidate() => Changed();

    /// <summary>
    /// The value for <paramref name="key"/>, loaded by <paramref name="load"/> in a scope of its own when
    /// missing or stale. The loader gets the moment it should compute for and returns, with the value,
    /// the first moment at which that value is no longer right (or null: nothing to cache, e.g. not found).
    /// </summary>
    public async Task<Cached<T>?> GetAsync<T>(string key, Func<IServiceProvider, DateTime, CancellationToken, Task<(T? Value, DateTime ValidUntil)>> load, CancellationToken cancellationToken)
        where T : class
    {
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var version = Interlocked.Read(ref _version);
            if (!_entries.TryGetValue(key, out var entry) || !entry.Serves(version, now))
            {
                var fresh = new Entry(version, now, e => LoadAsync(e, load));
                if (entry is null ? !_entries.TryAdd(key, fresh) : !_entries.TryUpdate(key, fresh, entry))
                {
                    continue; // another request has just started a load: use theirs
                }
                entry = fresh;
                if (Interlocked.Increment(ref _misses) % 512 == 0)
                {
                    Prune(now);
                }
            }
            var result = await entry.Load.Value.WaitAsync(cancellationToken);
            if (result is null)
            {
                return null; // nothing to show (not found); not kept
            }
            if (entry.Serves(version, clock.GetUtcNow().UtcDateTime))
            {
                return (Cached<T>)result;
            }
            // Out of date by the time it finished loading (a write, or the clock passed a change): again.
        }
    }

    private async Task<object?> LoadAsync<T>(Entry entry, Func<IServiceProvider, DateTime, CancellationToken, Task<(T? Value, DateTime ValidUntil)>> load)
        where T : class
    {
        try
        {
            // Its own scope and no request's cancellation: the requests waiting for it come and go.
            await using var scope = scopes.CreateAsyncScope();
            var (value, validUntil) = await load(scope.ServiceProvider, entry.FilledAt, CancellationToken.None);
            var limit = entry.FilledAt + _lifetime;
            entry.ValidUntil = value is null ? entry.FilledAt : validUntil < limit ? validUntil : limit;
            return value is null ? null : new Cached<T>(value, new FragmentSlot(), new FragmentSlot(perParticipant: true), new CachedPages(_copiesServed));
        }
        catch
        {
            entry.ValidUntil = entry.FilledAt;
            throw;
        }
    }

    private void Prune(DateTime now)
    {
        var version = Interlocked.Read(ref _version);
        foreach (var (key, entry) in _entries)
        {
            if (entry.Load.IsValueCreated && entry.Load.Value.IsCompleted && !entry.Serves(version, now))
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            }
        }
    }

    private sealed class Entry
    {
        public Entry(long version, DateTime filledAt, Func<Entry, Task<object?>> load)
        {
            Version = version;
            FilledAt = filledAt;
            Load = new Lazy<Task<object?>>(() => load(this));
        }

        public long Version { get; }

        public DateTime FilledAt { get; }

        private long _validUntil = DateTime.MaxValue.Ticks;

        /// <summary>Until the load finishes, as long as it may be needed.</summary>
        public DateTime ValidUntil
        {
            get => new(Interlocked.Read(ref _validUntil), DateTimeKind.Utc);
            set => Interlocked.Exchange(ref _validUntil, value.Ticks);
        }

        /// <summary>Started by the first request that needs it; the others wait for the same task.</summary>
        public Lazy<Task<object?>> Load { get; }

        // The clock can move backwards in tests: an entry filled "later" than now is not served either.
        public bool Serves(long version, DateTime now) =>
            Version == version && FilledAt <= now && now < ValidUntil
            && !(Load.IsValueCreated && (Load.Value.IsFaulted || Load.Value.IsCanceled));
    }
}

/// <summary>
/// A cached value and the slots its rendered HTML is kept in (<see cref="CachedFragmentTagHelper"/>):
/// as visitors see it, and as every signed-in participant sees it before what is theirs is put in;
/// and the whole pages visitors were served from it (<see cref="CachedPages"/>).
/// </summary>
public sealed record Cached<T>(T Value, FragmentSlot? Fragment, FragmentSlot? ParticipantFragment = null, CachedPages? Pages = null)
{
    /// <summary>The visitor's page from a kept copy, or rendered by <paramref name="render"/> (and kept).</summary>
    public IActionResult Serve(HttpContext context, Func<IActionResult> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        return Pages is null ? render() : Pages.Serve(CachedPages.KeyFor(context), render);
    }
}

/// <summary>
/// The HTML a <c>&lt;cached-fragment&gt;</c> rendered for one cache entry, once. A participants' slot
/// (<see cref="PerParticipant"/>) holds the fragment as any participant sees it: the antiforgery token
/// of the request that rendered it is replaced by a placeholder, and each comment's actions are marked
/// (<see cref="ActionsStart"/>, <see cref="ActionsEnd"/>) so that a participant's own state (their
/// comment, what they supported or reported) can be put in for the few comments it concerns.
/// </summary>
public sealed partial class FragmentSlot(bool perParticipant = false)
{
    private const string ViewDataKey = "ep-cached-fragment";
    private const string RenderingKey = "ep-cached-fragment-rendering";

    /// <summary>Stands for the request's antiforgery token in a participants' fragment.</summary>
    public const string TokenPlaceholder = "\u0001ep-antiforgery\u0001";

    private Rendered? _rendered;

    public bool PerParticipant { get; } = perParticipant;

    public string? Html => Volatile.Read(ref _rendered)?.Html;

    /// <summary>
    /// A participants' fragment cut where the token goes, so that a page can be written from the pieces
    /// without copying the whole (a string of this size goes to the large-object heap).
    /// </summary>
    public IReadOnlyList<string>? Pieces => Volatile.Read(ref _rendered)?.Pieces;

    public void Offer(string html) =>
        Interlocked.CompareExchange(ref _rendered, new Rendered(html, PerParticipant ? WithoutMarks(html).Split(TokenPlaceholder) : [html]), null);

    /// <summary>The participants' HTML without the marks around the comments' actions.</summary>
    public static string WithoutMarks(string html) => ActionMarks().Replace(html, "");

    [GeneratedRegex("<!--/?ep-actions:[0-9]+-->", RegexOptions.CultureInvariant)]
    private static partial Regex ActionMarks();

    private sealed record Rendered(string Html, string[] Pieces);

    public static string ActionsStart(long commentId) => string.Create(CultureInfo.InvariantCulture, $"<!--ep-actions:{commentId}-->");

    public static string ActionsEnd(long commentId) => string.Create(CultureInfo.InvariantCulture, $"<!--/ep-actions:{commentId}-->");

    public static void Use(ViewDataDictionary viewData, FragmentSlot? slot)
    {
        ArgumentNullException.ThrowIfNull(viewData);
        if (slot is not null)
        {
            viewData[ViewDataKey] = slot;
        }
    }

    public static FragmentSlot? Of(ViewDataDictionary viewData) => viewData?[ViewDataKey] as FragmentSlot;

    /// <summary>
    /// True while a participants' fragment is being rendered: the views then show every comment as a
    /// participant who has not acted on it sees it, and mark its actions.
    /// </summary>
    public static bool RenderingForParticipants(ViewDataDictionary viewData) => viewData?[RenderingKey] is true;

    internal static void SetRendering(ViewDataDictionary viewData, bool value) => viewData[RenderingKey] = value;
}

/// <summary>
/// <c>&lt;cached-fragment&gt;...&lt;/cached-fragment&gt;</c>: when the action served its model from
/// <see cref="PublicPageCache"/>, the content is rendered once per cache entry and then reused; otherwise
/// it renders as usual. Only content that is the same for every visitor (no antiforgery token, nothing
/// about the user) may go inside; in a participants' slot, content that differs between participants
/// only by the antiforgery token and by the comment actions given in <see cref="Overrides"/>.
/// </summary>
[HtmlTargetElement("cached-fragment")]
public sealed class CachedFragmentTagHelper(HtmlEncoder encoder, IAntiforgery antiforgery) : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <summary>For a participants' slot: the actions of the comments this participant has acted on.</summary>
    public IReadOnlyDictionary<long, IHtmlContent>? Overrides { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.TagName = null;
        if (FragmentSlot.Of(ViewContext.ViewData) is not { } slot)
        {
            return;
        }
        if (!slot.PerParticipant)
        {
            if (slot.Html is null)
            {
                var content = await output.GetChildContentAsync();
                slot.Offer(content.GetContent(encoder));
            }
            output.Content.SetHtmlContent(slot.Html);
            return;
        }
        var token = antiforgery.GetAndStoreTokens(ViewContext.HttpContext).RequestToken
            ?? throw new InvalidOperationException("No antiforgery token for a participant's page.");
        if (slot.Html is null)
        {
            FragmentSlot.SetRendering(ViewContext.ViewData, true);
            try
            {
                var content = await output.GetChildContentAsync(useCachedResult: false);
                slot.Offer(content.GetContent(encoder).Replace(token, FragmentSlot.TokenPlaceholder, StringComparison.Ordinal));
            }
            finally
            {
                FragmentSlot.SetRendering(ViewContext.ViewData, false);
            }
        }
        if (Overrides is { Count: > 0 })
        {
            output.Content.SetHtmlContent(ForParticipant(slot.Html!, token));
            return;
        }
        var pieces = slot.Pieces!;
        output.Content.SetHtmlContent(pieces[0]);
        for (var i = 1; i < pieces.Count; i++)
        {
            output.Content.AppendHtml(token).AppendHtml(pieces[i]);
        }
    }

    // The shared HTML with this request's token, and this participant's actions where they differ.
    private string ForParticipant(string html, string token)
    {
        var builder = new StringBuilder(html.Length + 2048);
        var at = 0;
        if (Overrides is { } overrides)
        {
            var places = overrides
                .Select(o => (Start: html.IndexOf(FragmentSlot.ActionsStart(o.Key), StringComparison.Ordinal), End: FragmentSlot.ActionsEnd(o.Key), Actions: o.Value))
                .Where(p => p.Start >= 0)
                .OrderBy(p => p.Start);
            foreach (var (start, endMarker, actions) in places)
            {
                var end = html.IndexOf(endMarker, start, StringComparison.Ordinal);
                if (start < at || end < 0)
                {
                    continue;
                }
                builder.Append(html, at, start - at);
                using (var writer = new StringWriter(builder, CultureInfo.InvariantCulture))
                {
                    actions.WriteTo(writer, encoder);
                }
                at = end + endMarker.Length;
            }
        }
        builder.Append(html, at, html.Length - at);
        return FragmentSlot.WithoutMarks(builder.Replace(FragmentSlot.TokenPlaceholder, token).ToString());
    }
}

/// <summary>
/// Tells <see cref="PublicPageCache"/> when this instance writes to a table the public consultation
/// pages read: any statement other than a query that names one (SaveChanges, ExecuteUpdate, raw SQL),
/// and again when the transaction it ran in commits, so a page loaded between the two is not kept.
/// The tables are those the model maps this module's entity types to (and agencies, sectors and target
/// groups, shown by name), written as the context's engine quotes them, so the same check holds on
/// SQLite and PostgreSQL ("Consultations") and on SQL Server ([Consultations]).
/// </summary>
public sealed class ConsultationChangeInterceptor(PublicPageCache cache, CrossInstanceInvalidation others) : TableWriteInterceptor(others)
{
    private static readonly ConcurrentDictionary<SqlDialect, string[]> Tables = new();

    private const string ModuleNamespace = "EParticipation.Web.Areas.Consultations.";

    protected override string Topic => PublicPageCache.InvalidationTopic;

    protected override bool IsWatchedWrite(AppDbContext db, string sql) => IsWrite(sql, WatchedTables(db));

    protected override void Changed() => cache.Changed();

    /// <summary>The quoted names of the tables behind the public pages, for this context's engine.</summary>
    internal static string[] WatchedTables(AppDbContext db) =>
        Tables.GetOrAdd(db.Dialect, dialect => db.Model.GetEntityTypes()
            .Where(t => t.ClrType.Namespace?.StartsWith(ModuleNamespace, StringComparison.Ordinal) == true
                || t.ClrType == typeof(Agency) || t.ClrType == typeof(Sector) || t.ClrType == typeof(TargetGroup))
            .Select(t => t.GetTableName())
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Select(dialect.Quote)
            .ToArray());

    internal static bool IsWrite(string sql, string[] tables)
    {
        var text = sql.AsSpan().TrimStart();
        if (text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        foreach (var table in tables)
        {
            if (text.Contains(table, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
