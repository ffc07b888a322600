using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace EParticipation.Web.Platform.Localization;

/// <summary>
/// The resx localizers, with each text kept once it has been looked up for a language. The texts are
/// compiled into the assembly and never change while the portal runs, so what the resource manager
/// returns for a (language, key) is the same every time. Looking it up again is not free: every
/// <see cref="System.Resources.ResourceManager.GetString(string, CultureInfo)"/> takes locks shared by
/// every request (the resource set table and the set's own cache), and a page that shows a hundred
/// comments asks for several hundred texts. Profiled under load, those locks were where the busy
/// threads of a signed-in consultation page spent most of their time spinning.
/// </summary>
public sealed class CachedStringLocalizerFactory(IOptions<LocalizationOptions> options, ILoggerFactory loggers) : IStringLocalizerFactory
{
    private readonly ResourceManagerStringLocalizerFactory _inner = new(options, loggers);
    private readonly ConcurrentDictionary<(Type, string), IStringLocalizer> _byType = new();
    private readonly ConcurrentDictionary<(string, string), IStringLocalizer> _byName = new();

    public IStringLocalizer Create(Type resourceSource) =>
        _byType.GetOrAdd((resourceSource, ""), key => new CachedStringLocalizer(_inner.Create(key.Item1)));

    public IStringLocalizer Create(string baseName, string location) =>
        _byName.GetOrAdd((baseName, location), key => new CachedStringLocalizer(_inner.Create(key.Item1, key.Item2)));
}

/// <summary>One resource's texts per language, looked up once (<see cref="CachedStringLocalizerFactory"/>).</summary>
public sealed class CachedStringLocalizer(IStringLocalizer inner) : IStringLocalizer
{
    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _texts = new();

    public LocalizedString this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            var key = (CultureInfo.CurrentUICulture.Name, name);
            return _texts.TryGetValue(key, out var text) ? text : _texts.GetOrAdd(key, _ => inner[name]);
        }
    }

    // As ResourceManagerStringLocalizer formats: the text for the UI language, the numbers and dates
    // written in the current culture.
    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            var value = string.Format(CultureInfo.CurrentCulture, format.Value, arguments);
            return new LocalizedString(name, value, format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
}
