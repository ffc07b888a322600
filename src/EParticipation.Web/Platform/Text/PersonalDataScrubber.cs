using System.Text;
using System.Text.RegularExpressions;

namespace EParticipation.Web.Platform.Text;

/// <summary>
/// Removes the personal data people type into free-text feedback boxes before it is stored: email
/// addresses, Saudi IBANs (SA and 22 characters, spaces or dashes allowed), phone numbers (+966 /
/// 00966 / 05...), and national ID or iqama numbers (10 digits starting with 1 or 2). Digits are
/// recognised in Western, Arabic-Indic and Persian forms alike; each removal leaves a marker so a
/// reader sees that something was there.
/// </summary>
public static partial class PersonalDataScrubber
{
    public const string Marker = "[…]";

    /// <summary>The text with personal data replaced by <see cref="Marker"/>, and how many items were removed.</summary>
    public static ScrubbedText Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new ScrubbedText(text ?? "", 0);
        }
        var removed = 0;
        var current = text;
        foreach (var pattern in Patterns)
        {
            // Matched on a copy with Western digits (the same length, character for character), so
            // the original's spans are replaced and the rest of the text is left exactly as typed.
            var western = ArabicText.WesternDigits(current);
            var matches = pattern.Matches(western);
            if (matches.Count == 0)
            {
                continue;
            }
            var result = new StringBuilder(current.Length);
            var at = 0;
            foreach (Match m in matches)
            {
                result.Append(current, at, m.Index - at).Append(Marker);
                at = m.Index + m.Length;
                removed++;
            }
            result.Append(current, at, current.Length - at);
            current = result.ToString();
        }
        return new ScrubbedText(current, removed);
    }

    private static readonly Regex[] Patterns = [Email(), Iban(), InternationalPhone(), LocalPhone(), NationalId()];

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+\s*@\s*[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![A-Za-z0-9])SA[\s\-]*\d{2}(?:[\s\-]*[0-9A-Za-z]){18,22}(?![0-9A-Za-z])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Iban();

    [GeneratedRegex(@"(?:\+|\b00)\s*966[\s\-]*\(?0?\)?(?:[\s\-]*\d){8,9}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex InternationalPhone();

    [GeneratedRegex(@"(?<!\d)0(?:5|1)\d(?:[\s\-]*\d){7}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex LocalPhone();

    [GeneratedRegex(@"(?<!\d)[12](?:[\s\-]?\d){9}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex NationalId();
}

/// <summary>Text after <see cref="PersonalDataScrubber.Scrub"/>.</summary>
public sealed record ScrubbedText(string Text, int Removed);
