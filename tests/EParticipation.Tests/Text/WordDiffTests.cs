using System.Text;
using EParticipation.Web.Platform.Text;
using Microsoft.AspNetCore.Html;

namespace EParticipation.Tests.Text;

public sealed class WordDiffTests
{
    [Fact]
    public void Compare_WhenTextsAreIdentical_GivesOneEqualSegment()
    {
        const string text = "المادة الأولى: يعمل بهذا النظام من تاريخ نشره في الجريدة الرسمية.";

        var segments = WordDiff.Compare(text, text);

        Assert.Equal([new DiffSegment(DiffKind.Equal, text)], segments);
    }

    [Fact]
    public void Compare_WhenBothTextsAreEmpty_GivesNoSegments()
    {
        Assert.Empty(WordDiff.Compare("", null));
    }

    [Fact]
    public void Compare_WhenOneArabicWordChanges_MarksOnlyThatWord()
    {
        var segments = WordDiff.Compare(
            "يجب على صاحب العمل دفع الأجر خلال سبعة أيام من تاريخ استحقاقه.",
            "يجب على صاحب العمل دفع الأجر خلال عشرة أيام من تاريخ استحقاقه.");

        Assert.Equal(
        [
            new DiffSegment(DiffKind.Equal, "يجب على صاحب العمل دفع الأجر خلال "),
            new DiffSegment(DiffKind.Removed, "سبعة "),
            new DiffSegment(DiffKind.Added, "عشرة "),
            new DiffSegment(DiffKind.Equal, "أيام من تاريخ استحقاقه."),
        ], segments);
    }

    [Fact]
    public void Compare_WhenOnlyTheSpellingOfHamzaChanges_ReportsAChange()
    {
        var segments = WordDiff.Compare("دفع الأجر كاملا", "دفع الاجر كاملا");

        Assert.Contains(new DiffSegment(DiffKind.Removed, "الأجر "), segments);
        Assert.Contains(new DiffSegment(DiffKind.Added, "الاجر "), segments);
    }

    [Fact]
    public void Compare_WhenPunctuationChanges_MarksTheWordItIsAttachedTo()
    {
        var segments = WordDiff.Compare("تسري أحكام هذا النظام.", "تسري أحكام هذا النظام،");

        Assert.Equal(
        [
            new DiffSegment(DiffKind.Equal, "تسري أحكام هذا "),
            new DiffSegment(DiffKind.Removed, "النظام."),
            new DiffSegment(DiffKind.Added, "النظام،"),
        ], segments);
    }

    [Fact]
    public void Compare_WhenAClauseIsInserted_MarksOnlyTheClauseAsAdded()
    {
        var segments = WordDiff.Compare(
            "تلتزم الجهة بنشر المسودة على البوابة قبل اعتمادها.",
            "تلتزم الجهة بنشر المسودة كاملة مع مذكرتها الإيضاحية على البوابة قبل اعتمادها.");

        Assert.Equal(
        [
            new DiffSegment(DiffKind.Equal, "تلتزم الجهة بنشر المسودة "),
            new DiffSegment(DiffKind.Added, "كاملة مع مذكرتها الإيضاحية "),
            new DiffSegment(DiffKind.Equal, "على البوابة قبل اعتمادها."),
        ], segments);
    }

    [Fact]
    public void Compare_WhenASentenceIsDeleted_MarksOnlyTheSentenceAsRemoved()
    {
        var segments = WordDiff.Compare(
            "Article 5. The employer shall pay wages monthly. Overtime is paid at 150 percent. Leave is annual.",
            "Article 5. The employer shall pay wages monthly. Leave is annual.");

        Assert.Equal(
        [
            new DiffSegment(DiffKind.Equal, "Article 5. The employer shall pay wages monthly. "),
            new DiffSegment(DiffKind.Removed, "Overtime is paid at 150 percent. "),
            new DiffSegment(DiffKind.Equal, "Leave is annual."),
        ], segments);
    }

    [Fact]
    public void Compare_WhenOnlySpacingChanges_KeepsEveryWordEqual()
    {
        const string before = "المادة  الثانية:\nتطبق";
        const string after = "المادة الثانية: تطبق";

        var segments = WordDiff.Compare(before, after);

        Assert.All(segments.Where(s => s.Kind != DiffKind.Equal), s => Assert.True(string.IsNullOrWhiteSpace(s.Text)));
        Assert.Equal(before, Rejoin(segments, DiffKind.Removed));
        Assert.Equal(after, Rejoin(segments, DiffKind.Added));
    }

    [Fact]
    public void Compare_OnRandomEdits_RejoinsToBothTextsAndKeepsTheMostWords()
    {
        var random = new Random(2024);
        string[] vocabulary =
        [
            "المادة", "الأولى", "النظام", "العمل", "الأجر", "الاجر", "الإجازة", "السنوية", "يجب", "على", "صاحب",
            "خلال", "أيام", "الوزارة،", "الهيئة.", "التأمينات", "الاجتماعية", "تأشيرة", "ريادة", "الأعمال؛",
            "worker", "employer", "shall", "pay", "wages", "the", "visa", "social", "security,", "(a)", "5.", "150%",
        ];
        string[] spaces = [" ", " ", " ", "  ", "\n", "\t", " \n"];

        for (var round = 0; round < 400; round++)
        {
            var words = Enumerable.Range(0, random.Next(0, 40)).Select(_ => vocabulary[random.Next(vocabulary.Length)]).ToList();
            var edited = words.ToList();
            for (var e = random.Next(0, 6); e > 0; e--)
            {
                var at = random.Next(edited.Count + 1);
                switch (random.Next(3))
                {
                    case 0 when at < edited.Count:
                        edited.RemoveAt(at);
                        break;
                    case 1 when at < edited.Count:
                        edited[at] = vocabulary[random.Next(vocabulary.Length)];
                        break;
                    default:
                        edited.Insert(at, vocabulary[random.Next(vocabulary.Length)]);
                        break;
                }
            }
            var before = Join(words, random, spaces);
            var after = Join(edited, random, spaces);

            var segments = WordDiff.Compare(before, after);

            Assert.Equal(before, Rejoin(segments, DiffKind.Removed));
            Assert.Equal(after, Rejoin(segments, DiffKind.Added));
            Assert.Equal(LongestCommonSubsequence(words, edited), EqualWordCount(segments));
            Assert.DoesNotContain(segments, s => s.Text.Length == 0);
            Assert.True(segments.Zip(segments.Skip(1)).All(p => p.First.Kind != p.Second.Kind));
        }
    }

    [Fact]
    public void ToHtml_WhenTextContainsMarkup_EncodesIt()
    {
        var segments = WordDiff.Compare("النص <script>alert(1)</script> القديم", "النص <b>new</b> & \"quoted\" القديم");

        var before = Render(WordDiff.ToHtml(segments, DiffSide.Before, "محذوف", "مضاف"));
        var after = Render(WordDiff.ToHtml(segments, DiffSide.After, "محذوف", "مضاف"));

        Assert.DoesNotContain("<script>", before, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", before, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", after, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;new&lt;/b&gt; &amp; &quot;quoted&quot;", after, StringComparison.Ordinal);
        Assert.Contains("النص", before, StringComparison.Ordinal); // Arabic stays readable, not entities
    }

    [Fact]
    public void ToHtml_ForEachSide_MarksChangesWithDelOrInsAndTheirClassesAndLabels()
    {
        var segments = WordDiff.Compare(
            "يجب دفع الأجر خلال سبعة أيام.",
            "يجب دفع الأجر خلال عشرة أيام.");

        var before = Render(WordDiff.ToHtml(segments, DiffSide.Before, "محذوف", "مضاف", "rtl"));
        var after = Render(WordDiff.ToHtml(segments, DiffSide.After, "محذوف", "مضاف"));

        Assert.Equal(
            "<div class=\"ep-diff\" dir=\"rtl\">يجب دفع الأجر خلال " +
            "<del class=\"ep-diff-del\"><span class=\"visually-hidden\">محذوف </span>سبعة</del> أيام.</div>",
            before);
        Assert.Equal(
            "<div class=\"ep-diff\" dir=\"auto\">يجب دفع الأجر خلال " +
            "<ins class=\"ep-diff-ins\"><span class=\"visually-hidden\">مضاف </span>عشرة</ins> أيام.</div>",
            after);
        Assert.DoesNotContain("style", before + after, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ToHtml_WhenOnlySpacingChanges_MarksNothing()
    {
        var segments = WordDiff.Compare("المادة  الثانية", "المادة الثانية");

        var before = Render(WordDiff.ToHtml(segments, DiffSide.Before, "removed", "added"));

        Assert.Equal("<div class=\"ep-diff\" dir=\"auto\">المادة  الثانية</div>", before);
    }

    [Fact]
    public void ToHtml_WhenDirectionIsNotADirection_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            WordDiff.ToHtml([], DiffSide.After, "removed", "added", "\" onclick=\"x"));
    }

    private static string Rejoin(IEnumerable<DiffSegment> segments, DiffKind side) =>
        string.Concat(segments.Where(s => s.Kind == DiffKind.Equal || s.Kind == side).Select(s => s.Text));

    private static string Join(List<string> words, Random random, string[] spaces)
    {
        var text = new StringBuilder();
        if (random.Next(5) == 0)
        {
            text.Append(spaces[random.Next(spaces.Length)]);
        }
        foreach (var word in words)
        {
            text.Append(word).Append(spaces[random.Next(spaces.Length)]);
        }
        if (random.Next(2) == 0 && text.Length > 0 && words.Count > 0)
        {
            text.Length -= 1; // usually no trailing white space
        }
        return text.ToString();
    }

    private static int EqualWordCount(IEnumerable<DiffSegment> segments) =>
        segments.Where(s => s.Kind == DiffKind.Equal)
            .Sum(s => s.Text.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Length);

    private static int LongestCommonSubsequence(List<string> a, List<string> b)
    {
        var table = new int[a.Count + 1, b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                table[i, j] = string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal)
                    ? table[i - 1, j - 1] + 1
                    : Math.Max(table[i - 1, j], table[i, j - 1]);
            }
        }
        return table[a.Count, b.Count];
    }

    private static string Render(IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }
}
