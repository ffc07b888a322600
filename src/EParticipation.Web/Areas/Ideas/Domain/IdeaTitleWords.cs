using EParticipation.Web.Platform.Text;

namespace EParticipation.Web.Areas.Ideas.Domain;

/// <summary>The words of a title that the similar-idea suggestions compare, and their pairs.</summary>
public static class IdeaTitleWords
{
    /// <summary>At most this many words of a title count (the first ones, distinct).</summary>
    public const int MaxWords = 8;

    /// <summary>A longer word is cut to this length (the index's key stays small).</summary>
    public const int MaxWordLength = 60;

    /// <summary>Words shorter than this carry no meaning alone (particles, digits); also the length of <see cref="IdeaWord.Head"/>.</summary>
    public const int MinWordLength = 3;

    /// <summary>
    /// The words of a title that carry meaning once normalised by <see cref="ArabicText"/> (hamza forms,
    /// taa marbuta, alef maqsura folded): the article "ال" dropped from longer words, short words and
    /// digits alone left out, each word once, the first <see cref="MaxWords"/>.
    /// </summary>
    public static IReadOnlyList<string> Of(string? title) =>
        ArabicText.Normalize(title).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.StartsWith("ال", StringComparison.Ordinal) && w.Length > 4 ? w[2..] : w)
            .Where(w => w.Length >= MinWordLength)
            .Select(w => w.Length > MaxWordLength ? w[..MaxWordLength] : w)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxWords)
            .ToList();

    public static string Head(string word) => word[..MinWordLength];

    /// <summary>Every pair of the words, each as "a b" with a before b in ordinal order (word order does not matter).</summary>
    public static IReadOnlyList<string> Pairs(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var pairs = new List<string>(words.Count * (words.Count - 1) / 2);
        for (var i = 0; i < words.Count; i++)
        {
            for (var j = i + 1; j < words.Count; j++)
            {
                pairs.Add(Pair(words[i], words[j]));
            }
        }
        return pairs;
    }

    /// <summary>Every three of the words, each as "a b c" in ordinal order (word order does not matter).</summary>
    public static IReadOnlyList<string> Triples(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var sorted = words.Order(StringComparer.Ordinal).ToArray();
        var triples = new List<string>();
        for (var i = 0; i < sorted.Length; i++)
        {
            for (var j = i + 1; j < sorted.Length; j++)
            {
                for (var k = j + 1; k < sorted.Length; k++)
                {
                    triples.Add(sorted[i] + " " + sorted[j] + " " + sorted[k]);
                }
            }
        }
        return triples;
    }

    public static string Pair(string a, string b) =>
        string.CompareOrdinal(a, b) <= 0 ? a + " " + b : b + " " + a;
}
