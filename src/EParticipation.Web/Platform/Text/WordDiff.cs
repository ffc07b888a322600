using System.Text;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Html;

namespace EParticipation.Web.Platform.Text;

public enum DiffKind
{
    Equal,
    Removed,
    Added,
}

public enum DiffSide
{
    Before,
    After,
}

/// <summary>A run of text that is in both versions (Equal), only in the first (Removed) or only in the second (Added).</summary>
public readonly record struct DiffSegment(DiffKind Kind, string Text);

/// <summary>
/// Word-level difference between two versions of a legal text (a draft article and its final wording).
/// <para>
/// Tokens are whole words with the punctuation attached to them ("القانون،" is one token) followed by the
/// white space after them. Tokens are compared exactly (ordinal): in a law a changed hamza or taa marbuta is a
/// real change, so <see cref="ArabicText.Normalize"/> is deliberately not used here. White space is never a
/// difference of words: two matched words whose following space differs give an Equal word and a white-space
/// Removed/Added pair, which <see cref="ToHtml"/> shows unmarked.
/// </para>
/// <para>Invariant: concatenating the Equal and Removed segments gives <c>before</c> exactly, Equal and Added
/// gives <c>after</c> exactly. Within a changed passage the Removed segment comes before the Added one.</para>
/// </summary>
public static class WordDiff
{
    // Myers' algorithm is O((N + M)·D): instant for an article of a few thousand words with any amount of
    // change. This budget of steps only bites on pathological input (two unrelated texts of hundreds of
    // thousands of words); the passage still unresolved is then shown as removed-and-added, which is correct,
    // only coarser.
    private const long StepBudget = 50_000_000;

    public static IReadOnlyList<DiffSegment> Compare(string? before, string? after)
    {
        before ??= "";
        after ??= "";
        var tokensBefore = Tokenize(before);
        var tokensAfter = Tokenize(after);

        // Words become integers so that the diff compares ints, not strings.
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var a = Intern(before, tokensBefore, ids);
        var b = Intern(after, tokensAfter, ids);

        var script = new List<(DiffKind Kind, int Count)>();
        var budget = StepBudget;
        Diff(a, b, script, ref budget);

        var builder = new SegmentBuilder();
        int i = 0, j = 0;
        foreach (var (kind, count) in script)
        {
            for (var c = 0; c < count; c++)
            {
                switch (kind)
                {
                    case DiffKind.Equal:
                        var x = tokensBefore[i++];
                        var y = tokensAfter[j++];
                        builder.Add(DiffKind.Equal, before.AsSpan(x.Start, x.WordLength));
                        var spaceBefore = before.AsSpan(x.Start + x.WordLength, x.SpaceLength);
                        var spaceAfter = after.AsSpan(y.Start + y.WordLength, y.SpaceLength);
                        if (spaceBefore.SequenceEqual(spaceAfter))
                        {
                            builder.Add(DiffKind.Equal, spaceBefore);
                        }
                        else
                        {
                            builder.Add(DiffKind.Removed, spaceBefore);
                            builder.Add(DiffKind.Added, spaceAfter);
                        }
                        break;
                    case DiffKind.Removed:
                        var r = tokensBefore[i++];
                        builder.Add(DiffKind.Removed, before.AsSpan(r.Start, r.WordLength + r.SpaceLength));
                        break;
                    default:
                        var d = tokensAfter[j++];
                        builder.Add(DiffKind.Added, after.AsSpan(d.Start, d.WordLength + d.SpaceLength));
                        break;
                }
            }
        }
        return builder.Build();
    }

    /// <summary>
    /// One side of the comparison as HTML: Before shows Equal and Removed text (removed words in
    /// <c>&lt;del class="ep-diff-del"&gt;</c>), After shows Equal and Added text (in
    /// <c>&lt;ins class="ep-diff-ins"&gt;</c>). Each marked passage starts with visually hidden text (the
    /// caller's localised "removed"/"added") because screen readers do not announce del/ins by themselves.
    /// No style attributes (the content-security policy forbids them): diff.css styles the classes.
    /// </summary>
    /// <remarks>
    /// Reading right to left: the side is one container whose <c>dir</c> is <paramref name="direction"/>
    /// ("auto" takes the direction of the first strong letter, so an Arabic article is RTL and an English one
    /// LTR). Marks only ever wrap whole tokens, so no element boundary falls inside a word (which would break
    /// the joining of Arabic letters in some browsers) and a comma or full stop stays inside the mark with its
    /// word rather than standing alone at an element edge, where the bidi algorithm could move it to the wrong
    /// side. del and ins are inline and do not isolate, so the paragraph is ordered exactly as the plain text
    /// would be. Spaces around a marked passage are written outside the mark so that the strike-through and
    /// underline do not run into the neighbouring words. diff.css keeps line breaks (white-space: pre-wrap).
    /// </remarks>
    public static IHtmlContent ToHtml(
        IReadOnlyList<DiffSegment> segments, DiffSide side, string removedLabel, string addedLabel, string direction = "auto")
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(removedLabel);
        ArgumentNullException.ThrowIfNull(addedLabel);
        if (direction is not ("auto" or "rtl" or "ltr"))
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "auto, rtl or ltr.");
        }

        var encoder = PortalHtml.Encoder;
        var html = new StringBuilder();
        html.Append("<div class=\"ep-diff\" dir=\"").Append(direction).Append("\">");
        var (shown, tag, cssClass, label) = side == DiffSide.Before
            ? (DiffKind.Removed, "del", "ep-diff-del", removedLabel)
            : (DiffKind.Added, "ins", "ep-diff-ins", addedLabel);
        foreach (var segment in segments)
        {
            if (segment.Kind == DiffKind.Equal)
            {
                html.Append(encoder.Encode(segment.Text));
                continue;
            }
            if (segment.Kind != shown)
            {
                continue;
            }
            var text = segment.Text.AsSpan();
            var words = text.Trim();
            if (words.IsEmpty)
            {
                // Only the spacing changed: nothing a reader could see, so nothing to announce.
                html.Append(encoder.Encode(segment.Text));
                continue;
            }
            var leading = text.Length - text.TrimStart().Length;
            html.Append(encoder.Encode(text[..leading].ToString()));
            html.Append('<').Append(tag).Append(" class=\"").Append(cssClass).Append("\">")
                .Append("<span class=\"visually-hidden\">").Append(encoder.Encode(label)).Append(" </span>")
                .Append(encoder.Encode(words.ToString()))
                .Append("</").Append(tag).Append('>');
            html.Append(encoder.Encode(text[(leading + words.Length)..].ToString()));
        }
        html.Append("</div>");
        return new HtmlString(html.ToString());
    }

    // A word (with attached punctuation) and the white space after it. Only the first token can have an empty
    // word: it carries the white space the text starts with.
    private readonly record struct Token(int Start, int WordLength, int SpaceLength);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            var wordEnd = i;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            tokens.Add(new Token(start, wordEnd - start, i - wordEnd));
        }
        return tokens;
    }

    private static int[] Intern(string text, List<Token> tokens, Dictionary<string, int> ids)
    {
        var lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var result = new int[tokens.Count];
        for (var t = 0; t < tokens.Count; t++)
        {
            var word = text.AsSpan(tokens[t].Start, tokens[t].WordLength);
            if (!lookup.TryGetValue(word, out var id))
            {
                id = ids.Count;
                lookup[word] = id;
            }
            result[t] = id;
        }
        return result;
    }

    // Myers' O(ND) difference with the linear-space "middle snake" bisection (the structure of
    // diff-match-patch's diff_bisect): trims the common prefix and suffix, finds where the forward and reverse
    // searches meet, and recurses on both halves.
    private static void Diff(ReadOnlySpan<int> a, ReadOnlySpan<int> b, List<(DiffKind, int)> script, ref long budget)
    {
        var prefix = CommonPrefix(a, b);
        Emit(script, DiffKind.Equal, prefix);
        a = a[prefix..];
        b = b[prefix..];
        var suffix = CommonSuffix(a, b);
        var middleA = a[..^suffix];
        var middleB = b[..^suffix];

        if (middleA.IsEmpty || middleB.IsEmpty || budget <= 0)
        {
            Emit(script, DiffKind.Removed, middleA.Length);
            Emit(script, DiffKind.Added, middleB.Length);
        }
        else
        {
            var split = Bisect(middleA, middleB, ref budget);
            if (split is var (x, y))
            {
                Diff(middleA[..x], middleB[..y], script, ref budget);
                Diff(middleA[x..], middleB[y..], script, ref budget);
            }
            else
            {
                Emit(script, DiffKind.Removed, middleA.Length);
                Emit(script, DiffKind.Added, middleB.Length);
            }
        }
        Emit(script, DiffKind.Equal, suffix);
    }

    // Returns the point where a shortest edit path crosses the middle, or null when the texts share nothing
    // reachable (or the budget ran out).
    private static (int X, int Y)? Bisect(ReadOnlySpan<int> a, ReadOnlySpan<int> b, ref long budget)
    {
        int n = a.Length, m = b.Length;
        var maxD = (n + m + 1) / 2;
        var offset = maxD;
        // Diagonals -maxD..maxD, plus the slot for the starting sentinel at offset + 1.
        var length = 2 * maxD + 2;
        var forward = new int[length];
        var reverse = new int[length];
        Array.Fill(forward, -1);
        Array.Fill(reverse, -1);
        forward[offset + 1] = 0;
        reverse[offset + 1] = 0;
        var delta = n - m;
        // With an odd delta the paths meet during the forward step, otherwise during the reverse step.
        var checkForward = delta % 2 != 0;
        int k1Start = 0, k1End = 0, k2Start = 0, k2End = 0;
        for (var d = 0; d < maxD; d++)
        {
            budget -= 2L * d + 1;
            if (budget <= 0)
            {
                return null;
            }
            for (var k1 = -d + k1Start; k1 <= d - k1End; k1 += 2)
            {
                var k1Offset = offset + k1;
                var x1 = k1 == -d || (k1 != d && forward[k1Offset - 1] < forward[k1Offset + 1])
                    ? forward[k1Offset + 1]
                    : forward[k1Offset - 1] + 1;
                var y1 = x1 - k1;
                while (x1 < n && y1 < m && a[x1] == b[y1])
                {
                    x1++;
                    y1++;
                }
                forward[k1Offset] = x1;
                if (x1 > n)
                {
                    k1End += 2; // ran off the right of the grid
                }
                else if (y1 > m)
                {
                    k1Start += 2; // ran off the bottom
                }
                else if (checkForward)
                {
                    var k2Offset = offset + delta - k1;
                    if (k2Offset >= 0 && k2Offset < length && reverse[k2Offset] != -1 && x1 >= n - reverse[k2Offset])
                    {
                        return (x1, y1);
                    }
                }
            }
            for (var k2 = -d + k2Start; k2 <= d - k2End; k2 += 2)
            {
                var k2Offset = offset + k2;
                var x2 = k2 == -d || (k2 != d && reverse[k2Offset - 1] < reverse[k2Offset + 1])
                    ? reverse[k2Offset + 1]
                    : reverse[k2Offset - 1] + 1;
                var y2 = x2 - k2;
                while (x2 < n && y2 < m && a[n - x2 - 1] == b[m - y2 - 1])
                {
                    x2++;
                    y2++;
                }
                reverse[k2Offset] = x2;
                if (x2 > n)
                {
                    k2End += 2;
                }
                else if (y2 > m)
                {
                    k2Start += 2;
                }
                else if (!checkForward)
                {
                    var k1Offset = offset + delta - k2;
                    if (k1Offset >= 0 && k1Offset < length && forward[k1Offset] != -1)
                    {
                        var x1 = forward[k1Offset];
                        var y1 = offset + x1 - k1Offset;
                        if (x1 >= n - x2)
                        {
                            return (x1, y1);
                        }
                    }
                }
            }
        }
        return null;
    }

    private static int CommonPrefix(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.CommonPrefixLength(b);

    private static int CommonSuffix(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var count = 0;
        var max = Math.Min(a.Length, b.Length);
        while (count < max && a[a.Length - 1 - count] == b[b.Length - 1 - count])
        {
            count++;
        }
        return count;
    }

    private static void Emit(List<(DiffKind Kind, int Count)> script, DiffKind kind, int count)
    {
        if (count == 0)
        {
            return;
        }
        if (script.Count > 0 && script[^1].Kind == kind)
        {
            script[^1] = (kind, script[^1].Count + count);
        }
        else
        {
            script.Add((kind, count));
        }
    }

    // Joins adjacent text of one kind, and within each changed passage (between two Equal runs) puts all the
    // removed text before all the added text, which is how a reader compares "was" with "becomes".
    private sealed class SegmentBuilder
    {
        private readonly List<DiffSegment> _segments = [];
        private readonly StringBuilder _equal = new();
        private readonly StringBuilder _removed = new();
        private readonly StringBuilder _added = new();

        public void Add(DiffKind kind, ReadOnlySpan<char> text)
        {
            if (text.IsEmpty)
            {
                return;
            }
            if (kind == DiffKind.Equal)
            {
                FlushChange();
                _equal.Append(text);
            }
            else
            {
                FlushEqual();
                (kind == DiffKind.Removed ? _removed : _added).Append(text);
            }
        }

        public List<DiffSegment> Build()
        {
            FlushChange();
            FlushEqual();
            return _segments;
        }

        private void FlushEqual()
        {
            if (_equal.Length > 0)
            {
                _segments.Add(new DiffSegment(DiffKind.Equal, _equal.ToString()));
                _equal.Clear();
            }
        }

        private void FlushChange()
        {
            if (_removed.Length > 0)
            {
                _segments.Add(new DiffSegment(DiffKind.Removed, _removed.ToString()));
                _removed.Clear();
            }
            if (_added.Length > 0)
            {
                _segments.Add(new DiffSegment(DiffKind.Added, _added.ToString()));
                _added.Clear();
            }
        }
    }
}
