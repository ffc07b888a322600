using System.Text;
using System.Text.RegularExpressions;

namespace EParticipation.Tests.Infrastructure;

/// <summary>
/// A received email read back from its raw MIME text (an .eml file in the pickup folder or a
/// Maildir file written by the SMTP receiver): headers decoded, both bodies decoded.
/// </summary>
public sealed partial class EmailFile
{
    private EmailFile(string path, Dictionary<string, string> headers, string? text, string? html, string raw)
    {
        Path = path;
        Headers = headers;
        TextBody = text ?? "";
        HtmlBody = html ?? "";
        Raw = raw;
    }

    public string Path { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public string Raw { get; }

    public string TextBody { get; }

    public string HtmlBody { get; }

    public string Subject => Header("Subject");

    public string To => Header("To");

    public string MessageId => Header("Message-ID");

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";

    /// <summary>The first link in the plain-text body that contains <paramref name="fragment"/>.</summary>
    public string LinkContaining(string fragment)
    {
        var match = UrlPattern().Matches(TextBody).Select(m => m.Value).FirstOrDefault(u => u.Contains(fragment, StringComparison.Ordinal));
        return match ?? throw new InvalidOperationException($"No link containing '{fragment}' in the email '{Subject}'.");
    }

    public static EmailFile Read(string path)
    {
        var raw = File.ReadAllText(path);
        var (headers, body) = Split(raw);
        string? text = null, html = null;
        Collect(headers, body, ref text, ref html);
        return new EmailFile(path, headers, text, html, raw);
    }

    private static void Collect(Dictionary<string, string> headers, string body, ref string? text, ref string? html)
    {
        var contentType = headers.GetValueOrDefault("Content-Type", "text/plain");
        if (contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = BoundaryPattern().Match(contentType).Groups[1].Value.Trim('"');
            foreach (var part in body.Split("--" + boundary).Skip(1))
            {
                if (part.StartsWith("--", StringComparison.Ordinal))
                {
                    break;
                }
                var (partHeaders, partBody) = Split(part.TrimStart('\r', '\n'));
                Collect(partHeaders, partBody, ref text, ref html);
            }
            return;
        }
        var decoded = DecodeBody(body, headers.GetValueOrDefault("Content-Transfer-Encoding", "7bit"));
        if (contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
        {
            html ??= decoded;
        }
        else if (contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            text ??= decoded;
        }
    }

    private static (Dictionary<string, string> Headers, string Body) Split(string raw)
    {
        var normalized = raw.Replace("\r\n", "\n", StringComparison.Ordinal);
        var end = normalized.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? normalized : normalized[..end];
        var body = end < 0 ? "" : normalized[(end + 2)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? current = null;
        foreach (var line in head.Split('\n'))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && current is not null)
            {
                headers[current] += " " + line.Trim();
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }
            current = line[..colon].Trim();
            headers[current] = line[(colon + 1)..].Trim();
        }
        foreach (var key in headers.Keys.ToList())
        {
            headers[key] = DecodeWords(headers[key]);
        }
        return (headers, body);
    }

    private static string DecodeBody(string body, string encoding)
    {
        if (encoding.Equals("base64", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c)))));
        }
        if (encoding.Equals("quoted-printable", StringComparison.OrdinalIgnoreCase))
        {
            return QuotedPrintable(body.Replace("=\n", "", StringComparison.Ordinal));
        }
        return body;
    }

    // RFC 2047 encoded words, as System.Net.Mail writes them for non-ASCII subjects and names.
    private static string DecodeWords(string value)
    {
        var joined = AdjacentWords().Replace(value, "$1");
        return EncodedWord().Replace(joined, m =>
        {
            var charset = Encoding.GetEncoding(m.Groups[1].Value);
            var payload = m.Groups[3].Value;
            return m.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
                ? charset.GetString(Convert.FromBase64String(payload))
                : QuotedPrintable(payload.Replace('_', ' '), charset);
        });
    }

    private static string QuotedPrintable(string input, Encoding? encoding = null)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] == '=' && i + 2 < input.Length && Uri.IsHexDigit(input[i + 1]) && Uri.IsHexDigit(input[i + 2]))
            {
                bytes.Add(Convert.ToByte(input.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(input[i].ToString()));
            }
        }
        return (encoding ?? Encoding.UTF8).GetString(bytes.ToArray());
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"boundary=(""[^""]+""|[^;\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex BoundaryPattern();

    [GeneratedRegex(@"(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)")]
    private static partial Regex AdjacentWords();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();
}

/// <summary>A folder of received emails (the pickup folder, or a Maildir's "new" folder).</summary>
public sealed class Mailbox(string folder)
{
    public string Folder { get; } = folder;

    /// <summary>
    /// The messages fully written so far. The pickup folder gets each file written in place, so a
    /// file touched in the last moments may still be growing and is left for the next look.
    /// </summary>
    public IReadOnlyList<EmailFile> All() =>
        Directory.Exists(Folder)
            ? Directory.GetFiles(Folder)
                .Where(f => DateTime.UtcNow - File.GetLastWriteTimeUtc(f) > TimeSpan.FromMilliseconds(300))
                .Select(EmailFile.Read)
                .OrderBy(e => File.GetLastWriteTimeUtc(e.Path))
                .ToList()
            : [];

    /// <summary>Waits until at least <paramref name="count"/> received emails match the predicate.</summary>
    public async Task<IReadOnlyList<EmailFile>> WaitForCountAsync(Func<EmailFile, bool> predicate, int count, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var matching = All().Where(predicate).ToList();
            if (matching.Count >= count || DateTime.UtcNow > deadline)
            {
                return matching;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Waits (up to the timeout) for an email to <paramref name="to"/> matching the predicate.</summary>
    public async Task<EmailFile> WaitForAsync(string to, Func<EmailFile, bool>? predicate = null, int timeoutSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            var match = All().LastOrDefault(e => e.To.Contains(to, StringComparison.OrdinalIgnoreCase) && (predicate?.Invoke(e) ?? true));
            if (match is not null)
            {
                return match;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No email to {to} arrived in {Folder} within {timeoutSeconds} s. Present: {string.Join(", ", All().Select(e => e.To + " / " + e.Subject))}");
    }
}
