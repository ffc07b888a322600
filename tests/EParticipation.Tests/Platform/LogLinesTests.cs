using EParticipation.Web.Platform.Web;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Parsing;

namespace EParticipation.Tests.Platform;

/// <summary>The log's two guards on their own: escaped control characters, indented continuation lines.</summary>
public sealed class LogLinesTests
{
    private static readonly MessageTemplateTextFormatter Layout = new("{Timestamp:yyyy-MM-dd} [{Level:u3}] {Message:lj}{NewLine}{Exception}", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Escaper_EscapesEveryControlCharacter_InStringsAtAnyDepth()
    {
        var evt = Event(
            "{Path} {Agent} {@Request} {Items} {Map} {Count}",
            ("Path", new ScalarValue("/ar/x\nFORGED\r\nCRLF\tTAB")),
            ("Agent", new ScalarValue("curl\u001b[31m\u2028LS\u0085NEL")),
            ("Request", new StructureValue([new LogEventProperty("Referer", new ScalarValue("a\nb"))])),
            ("Items", new SequenceValue([new ScalarValue("c\rd"), new ScalarValue("plain")])),
            ("Map", new DictionaryValue([new(new ScalarValue("k\ne"), new ScalarValue("v\nf"))])),
            ("Count", new ScalarValue(3)));

        new ControlCharacterEscaper().Enrich(evt, null!);

        var line = Render(new IndentedContinuationFormatter(Layout), evt);
        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        Assert.DoesNotContain(line[..^1], c => char.IsControl(c) || c is '\u2028' or '\u2029');
        Assert.StartsWith("2026-12-01 [INF] /ar/x\\nFORGED\\r\\nCRLF\\tTAB curl\\u001b[31m\\u2028LS\\u0085NEL ", line, StringComparison.Ordinal);
        Assert.Equal(@"a\nb", ((ScalarValue)((StructureValue)evt.Properties["Request"]).Properties[0].Value).Value);
        Assert.Equal(@"c\rd", ((ScalarValue)((SequenceValue)evt.Properties["Items"]).Elements[0]).Value);
        var pair = ((DictionaryValue)evt.Properties["Map"]).Elements.Single();
        Assert.Equal((@"k\ne", @"v\nf"), (pair.Key.Value, ((ScalarValue)pair.Value).Value));
        Assert.Equal(3, ((ScalarValue)evt.Properties["Count"]).Value);
    }

    [Fact]
    public void Formatter_IndentsEveryFurtherLineOfAnEvent_AndEscapesALoneCarriageReturn()
    {
        var evt = new LogEvent(
            new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero),
            LogEventLevel.Warning,
            new InvalidOperationException("bad\nFORGED-EXCEPTION"),
            new MessageTemplateParser().Parse("first\nFORGED-MESSAGE\rover"),
            []);

        var text = Render(new IndentedContinuationFormatter(Layout), evt);

        var lines = text.Split('\n');
        Assert.Equal("2026-12-01 [WRN] first", lines[0]);
        Assert.Equal("    FORGED-MESSAGE\\rover", lines[1]);
        Assert.Equal("    System.InvalidOperationException: bad", lines[2]);
        Assert.Equal("    FORGED-EXCEPTION", lines[3]);
        Assert.Equal("", lines[^1]);
        Assert.Equal(5, lines.Length);
    }

    private static LogEvent Event(string template, params (string Name, LogEventPropertyValue Value)[] properties) => new(
        new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero),
        LogEventLevel.Information,
        null,
        new MessageTemplateParser().Parse(template),
        properties.Select(p => new LogEventProperty(p.Name, p.Value)));

    private static string Render(IndentedContinuationFormatter formatter, LogEvent evt)
    {
        using var output = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        formatter.Format(evt, output);
        return output.ToString();
    }
}
