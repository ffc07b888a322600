using EParticipation.Web.Platform.Text;

namespace EParticipation.Tests.Text;

public sealed class NearDuplicateGrouperTests
{
    // A form letter of a campaign against an article of a draft labour law (45 words).
    private const string ArabicLetter =
        "بسم الله، أنا المواطن أحمد محمد، أعترض على المادة الخامسة من مسودة نظام العمل الجديد لأنها تسمح " +
        "بزيادة ساعات العمل الأسبوعية دون أجر إضافي، وأطالب الهيئة بإعادة النظر في هذه المادة وحماية حقوق " +
        "العاملين في القطاع الخاص وضمان الإجازة السنوية مدفوعة الأجر لجميع الموظفين.";

    // Written independently, on the same article, reusing some of its words.
    private const string ArabicOwnComment =
        "أؤيد المادة الخامسة من مسودة نظام العمل لأن مرونة ساعات العمل تساعد المنشآت الصغيرة على النمو، " +
        "وأقترح أن يكون الأجر الإضافي اختياريا بالاتفاق بين العامل وصاحب العمل مع حماية حقوق العاملين.";

    private const string EnglishLetter =
        "I oppose the proposed amendment to the social security law that raises the retirement age to sixty " +
        "five. Workers in physically demanding jobs cannot work longer, and the government should protect their " +
        "pensions. Please withdraw this amendment. Sincerely, John Smith";

    [Fact]
    public void Group_WhenFormLetterHasSmallEdits_PutsThemInOneGroup()
    {
        var comments = new[]
        {
            new GroupInput(1, ArabicLetter),
            // another name
            new GroupInput(2, ArabicLetter.Replace("أحمد محمد", "سعيد خالد", StringComparison.Ordinal)),
            // a word added
            new GroupInput(3, ArabicLetter.Replace("أعترض على", "أعترض بشدة على", StringComparison.Ordinal)),
            // a word removed
            new GroupInput(4, ArabicLetter.Replace("العمل الجديد", "العمل", StringComparison.Ordinal)),
            // hamza, taa marbuta and alef maqsura spelt the other way, tashkeel, tatweel, other punctuation
            new GroupInput(5, "بسم الله - انا المواطن احمد محمد: اعترض علي المادّة الخامسه من مُسَوَّدَة نظام العمل الجديد " +
                              "لانها تسمح بزياده ساعات العمل الاسبوعيه دون اجر اضافي؛ واطالب الهيـــئه باعاده النظر في هذه " +
                              "الماده وحمايه حقوق العاملين في القطاع الخاص وضمان الاجازه السنويه مدفوعه الاجر لجميع الموظفين!!"),
            new GroupInput(6, ArabicOwnComment),
        };

        var groups = NearDuplicateGrouper.Group(comments);

        Assert.Equal([1L, 2, 3, 4, 5], groups[0].MemberIds);
        Assert.Equal(1, groups[0].RepresentativeId);
        Assert.Equal([6L], groups[1].MemberIds);
        Assert.Equal(2, groups.Count);
    }

    [Fact]
    public void Group_WhenCommentIsWrittenIndependentlyOnTheSameTopic_KeepsItOutsideTheCampaign()
    {
        var comments = Enumerable.Range(1, 20)
            .Select(i => new GroupInput(i, ArabicLetter.Replace("أحمد محمد", $"مواطن {i}", StringComparison.Ordinal)))
            .Append(new GroupInput(100, ArabicOwnComment))
            .ToList();

        var groups = NearDuplicateGrouper.Group(comments);

        Assert.Equal(20, groups[0].Count);
        Assert.DoesNotContain(100L, groups[0].MemberIds);
        Assert.True(groups.Single(g => g.MemberIds.Contains(100)).IsSingleton);
        Assert.InRange(NearDuplicateGrouper.Similarity(ArabicLetter, ArabicOwnComment), 0, 0.2);
    }

    [Fact]
    public void Group_WhenCommentsAreExactDuplicates_PutsThemInOneGroup()
    {
        var groups = NearDuplicateGrouper.Group(
        [
            new GroupInput(30, "أرفض هذه المادة"),
            new GroupInput(10, "أرفض هذه المادة"),
            new GroupInput(20, "أَرْفُضُ هذه المادّة!"),
            new GroupInput(40, EnglishLetter),
            new GroupInput(50, EnglishLetter),
        ]);

        Assert.Equal(2, groups.Count);
        Assert.Equal([10L, 20, 30], groups[0].MemberIds);
        Assert.Equal(10, groups[0].RepresentativeId);
        Assert.Equal([40L, 50], groups[1].MemberIds);
    }

    [Fact]
    public void Group_WhenShortCommentsDiffer_KeepsThemApart()
    {
        var groups = NearDuplicateGrouper.Group(
        [
            new GroupInput(1, "أوافق على المسودة"),
            new GroupInput(2, "أرفض هذه المسودة"),
            new GroupInput(3, "أوافق"),
            new GroupInput(4, "أرفض"),
            new GroupInput(5, "أوافق على المسودة بشدة"),
            new GroupInput(6, "أُوافِق"),
        ]);

        Assert.Equal([3L, 6], groups[0].MemberIds);
        Assert.Equal(5, groups.Count);
        Assert.All(groups.Skip(1), g => Assert.True(g.IsSingleton));
    }

    [Fact]
    public void Group_WhenAIsLikeBAndBIsLikeC_PutsAllThreeInOneGroup()
    {
        var words = Enumerable.Range(1, 30).Select(i => $"word{i}").ToArray();
        var a = string.Join(' ', words);
        words[4] = "changed5";
        var b = string.Join(' ', words);
        words[24] = "changed25";
        var c = string.Join(' ', words);
        Assert.True(NearDuplicateGrouper.Similarity(a, b) >= 0.7);
        Assert.True(NearDuplicateGrouper.Similarity(b, c) >= 0.7);
        Assert.True(NearDuplicateGrouper.Similarity(a, c) < 0.7);

        // C comes first so that the order of comparison cannot make it look easy.
        var groups = NearDuplicateGrouper.Group([new GroupInput(3, c), new GroupInput(1, a), new GroupInput(2, b)]);

        var group = Assert.Single(groups);
        Assert.Equal([1L, 2, 3], group.MemberIds);
    }

    [Fact]
    public void Group_WhenEnglishCampaignHasSmallEdits_PutsThemInOneGroup()
    {
        var groups = NearDuplicateGrouper.Group(
        [
            new GroupInput(1, EnglishLetter),
            new GroupInput(2, EnglishLetter.Replace("John Smith", "Maria Lopez", StringComparison.Ordinal)),
            new GroupInput(3, EnglishLetter.Replace("I oppose", "I STRONGLY oppose", StringComparison.Ordinal)),
            new GroupInput(4, EnglishLetter.Replace(" Please withdraw this amendment.", "", StringComparison.Ordinal)),
            new GroupInput(5, EnglishLetter.ToUpperInvariant().Replace(",", ";", StringComparison.Ordinal)),
            new GroupInput(6, "The proposed amendment to the social security law is reasonable because the retirement " +
                              "age must follow life expectancy; pensions are not sustainable otherwise."),
        ]);

        Assert.Equal([1L, 2, 3, 4, 5], groups[0].MemberIds);
        Assert.True(groups[1].IsSingleton);
    }

    [Fact]
    public void Group_WhenRunTwiceOnTheSameInput_GivesTheSameGroupsInTheSameOrder()
    {
        var comments = Campaigns(seed: 7, campaigns: 5, perCampaign: 40, distinct: 100);

        var first = NearDuplicateGrouper.Group(comments);
        var second = NearDuplicateGrouper.Group(comments);
        var oneThread = NearDuplicateGrouper.Group(comments, new GroupingOptions { MaxDegreeOfParallelism = 1 });

        Assert.Equal(Describe(first), Describe(second));
        Assert.Equal(Describe(first), Describe(oneThread));
        Assert.True(first.Zip(first.Skip(1)).All(p =>
            p.First.Count > p.Second.Count ||
            (p.First.Count == p.Second.Count && p.First.RepresentativeId < p.Second.RepresentativeId)));
    }

    [Fact]
    public void Group_WhenCampaignsAreMixedWithOwnComments_FindsEachCampaignAndNoFalseMerge()
    {
        var comments = Campaigns(seed: 11, campaigns: 6, perCampaign: 80, distinct: 300);

        var groups = NearDuplicateGrouper.Group(comments);

        Assert.Equal(comments.Count, groups.Sum(g => g.Count));
        for (var c = 0; c < 6; c++)
        {
            // Campaign c has the ids c*1000+1 .. c*1000+80.
            Assert.Contains(groups, g => g.Count == 80 && g.RepresentativeId == (c * 1000) + 1
                && g.MemberIds.All(id => id / 1000 == c));
        }
        Assert.All(groups.Where(g => g.RepresentativeId >= 100_000), g => Assert.True(g.IsSingleton));
        Assert.Equal(6 + 300, groups.Count);
    }

    [Fact]
    public void Group_WhenIdsRepeat_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            NearDuplicateGrouper.Group([new GroupInput(1, "أ"), new GroupInput(1, "ب")]));
    }

    [Fact]
    public void Group_WhenOptionsAreInconsistent_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            NearDuplicateGrouper.Group([new GroupInput(1, "أ")], new GroupingOptions { HashCount = 100, Bands = 32 }));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            NearDuplicateGrouper.Group([new GroupInput(1, "أ")], new GroupingOptions { Threshold = 0 }));
    }

    [Fact]
    public void Group_WhenInputIsEmpty_ReturnsNoGroups()
    {
        Assert.Empty(NearDuplicateGrouper.Group([]));
    }

    [Fact]
    public void Group_WhenCommentsHaveNoWords_PutsThemTogetherAndApartFromTheRest()
    {
        var groups = NearDuplicateGrouper.Group(
            [new GroupInput(1, "!!!"), new GroupInput(2, ""), new GroupInput(3, null), new GroupInput(4, "أرفض")]);

        Assert.Equal([1L, 2, 3], groups[0].MemberIds);
        Assert.True(groups[1].IsSingleton);
    }

    private static List<string> Describe(IReadOnlyList<CommentGroup> groups) =>
        groups.Select(g => $"{g.RepresentativeId}:{string.Join(',', g.MemberIds)}").ToList();

    // Campaign c: ids c*1000+1.., each a 60-word letter with one or two edited words; distinct comments:
    // ids from 100,000, 40 words drawn from the same vocabulary (so they share words, not phrasing).
    private static List<GroupInput> Campaigns(int seed, int campaigns, int perCampaign, int distinct)
    {
        var random = new Random(seed);
        var vocabulary = ArabicLetter.Split(' ').Concat(EnglishLetter.Split(' ')).Distinct().ToArray();
        string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => vocabulary[random.Next(vocabulary.Length)]));
        var comments = new List<GroupInput>();
        for (var c = 0; c < campaigns; c++)
        {
            var letter = Words(60).Split(' ');
            for (var i = 1; i <= perCampaign; i++)
            {
                var copy = letter.ToArray();
                for (var e = random.Next(3); e > 0; e--)
                {
                    copy[random.Next(copy.Length)] = vocabulary[random.Next(vocabulary.Length)];
                }
                comments.Add(new GroupInput((c * 1000) + i, string.Join(' ', copy)));
            }
        }
        for (var i = 0; i < distinct; i++)
        {
            comments.Add(new GroupInput(100_000 + i, Words(40)));
        }
        return comments;
    }
}
