using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace EParticipation.Web.Platform.Web;

/// <summary>
/// Escapes control characters (CR, LF, tab, the other C0/C1 codes, and the Unicode line and paragraph
/// separators) in every string a log event carries: a request path or header such as
/// <c>/ar/x%0aFORGED-LINE</c> is logged as <c>/ar/x\nFORGED-LINE</c>, on the request's own line, in
/// every sink. Nested values (structures, sequences, dictionaries) are escaped too.
/// </summary>
public sealed class ControlCharacterEscaper : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        List<LogEventProperty>? changed = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            var escaped = Escape(value);
            if (!ReferenceEquals(escaped, value))
            {
                (changed ??= []).Add(new LogEventProperty(name, escaped));
            }
        }
        foreach (var property in changed ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    internal static LogEventPropertyValue Escape(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string text }:
                return HasControl(text) ? new ScalarValue(EscapeText(text)) : value;
            case ScalarValue { Value: char c }:
                return IsControl(c) ? new ScalarValue(EscapeText(c.ToString())) : value;
            case ScalarValue { Value: { } other } when other is not IFormattable && other is not bool:
                // An object logged as a scalar renders through ToString().
                var rendered = other.ToString() ?? "";
                return HasControl(rendered) ? new ScalarValue(EscapeText(rendered)) : value;
            case SequenceValue sequence:
                var elements = sequence.Elements.Select(Escape).ToList();
                return elements.SequenceEqual(sequence.Elements) ? value : new SequenceValue(elements);
            case StructureValue structure:
                var properties = structure.Properties.Select(p => Escape(p.Value) is var v && !ReferenceEquals(v, p.Value) ? new LogEventProperty(p.Name, v) : p).ToList();
                return properties.SequenceEqual(structure.Properties) ? value : new StructureValue(properties, structure.TypeTag);
            case DictionaryValue dictionary:
                var pairs = dictionary.Elements.Select(p => new KeyValuePair<ScalarValue, LogEventPropertyValue>((ScalarValue)Escape(p.Key), Escape(p.Value))).ToList();
                return pairs.Zip(dictionary.Elements).All(p => ReferenceEquals(p.First.Key, p.Second.Key) && ReferenceEquals(p.First.Value, p.Second.Value))
                    ? value
                    : new DictionaryValue(pairs);
            default:
                return value;
        }
    }

    internal static bool IsControl(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    private static bool HasControl(string text) => text.Any(IsControl);

    internal static string EscapeText(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }
}

/// <summary>
/// Wraps a text formatter so that every line a log event writes, after its first, is indented:
/// only an event's first line (its timestamp or level) starts at the margin. A line break that still
/// reaches the text (an exception's message and stack trace, a message that is not a template) can
/// therefore never pass for an event of its own. A lone CR is written as <c>\r</c>.
/// </summary>
public sealed class IndentedContinuationFormatter(ITextFormatter inner) : ITextFormatter
{
    private const string Indent = "    ";

    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        inner.Format(logEvent, buffer);
        var text = buffer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
        var end = text.EndsWith('\n') ? text.Length - 1 : text.Length;
        var line = new StringBuilder(end + 16);
        for (var i = 0; i < end; i++)
        {
            switch (text[i])
            {
                case '\n':
                    line.Append(output.NewLine).Append(Indent);
                    break;
                case '\r':
                    line.Append("\\r");
                    break;
                case '\u2028' or '\u2029' or '\u0085' or '\v' or '\f':
                    line.Append(ControlCharacterEscaper.EscapeText(text[i].ToString()));
                    break;
                default:
                    line.Append(text[i]);
                    break;
            }
        }
        output.Write(line.Append(output.NewLine));
    }
}
