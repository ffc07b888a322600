using System.Text.RegularExpressions;
using MimeKit;

namespace EParticipation.Tests.Infrastructure;

/// <summary>
/// A received email read back with MimeKit (an .eml file in the pickup folder or a Maildir file
/// written by the SMTP receiver): headers decoded, both bodies decoded.
/// </summary>
public sealed partial class EmailFile
{
    private EmailFile(string path, MimeMessage message, string raw)
    {
        Path = path;
        Message = message;
        Raw = raw;
        // The top-level header block as it is in the file (MimeKit keeps Content-* on the body), values
        // unfolded and decoded (RFC 2047 encoded words); the first of a repeated header.
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in message.Headers.Concat(message.Body?.Headers ?? []))
        {
            headers.TryAdd(header.Field, header.Value.Trim());
        }
        Headers = headers;
        TextBody = message.TextBody ?? "";
        HtmlBody = message.HtmlBody ?? "";
    }

    public string Path { get; }

    /// <summary>The message as MimeKit parsed it.</summary>
    public MimeMessage Message { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public string Raw { get; }

    public string TextBody { get; }

    public string HtmlBody { get; }

    public string Subject => Message.Subject ?? "";

    /// <summary>The recipients as "Name" &lt;address&gt; (the address alone in angle brackets when there is no name).</summary>
    public string To => string.Join(", ", Message.To.Mailboxes.Select(m => string.IsNullOrEmpty(m.Name) ? $"<{m.Address}>" : $"\"{m.Name}\" <{m.Address}>"));

    /// <summary>With its angle brackets, as in the header.</summary>
    public string MessageId => Message.MessageId is { Length: > 0 } id ? $"<{id}>" : "";

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
        return new EmailFile(path, MimeMessage.Load(path), raw);
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex UrlPattern();
}

/// <summary>A folder of received emails (the pickup folder, or a Maildir's "new" folder).</summary>
public sealed class Mailbox(string folder)
{
    public string Folder { get; } = folder;

    /// <summary>
    /// The messages received so far. Both writers move a finished file into the folder (the pickup
    /// folder from its .tmp, aiosmtpd's Maildir from tmp to new), so every file here is complete.
    /// </summary>
    public IReadOnlyList<EmailFile> All() =>
        Directory.Exists(Folder)
            ? Directory.GetFiles(Folder)
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
