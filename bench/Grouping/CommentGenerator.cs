using System.Text;

namespace EParticipation.Bench.Grouping;

/// <summary>A generated comment and what the generator knows about it: its campaign, or -1 for a comment
/// written independently.</summary>
internal readonly record struct LabelledComment(long Id, string Text, int Campaign);

/// <summary>
/// Deterministic public comments on draft laws (labour law, social security, visas, entrepreneurship), in
/// Arabic, English or both: a share of form-letter campaigns whose copies carry the small edits people make
/// (a word replaced, added, dropped or swapped with its neighbour, a name signed at the end, hamza, taa
/// marbuta and alef maqsura written the other way, tashkeel, tatweel, other punctuation), and the rest
/// written independently from the same vocabulary, so they share words with the campaigns but not phrasing.
/// </summary>
internal sealed class CommentGenerator
{
    private static readonly string[] Arabic =
    [
        // labour law
        "نظام", "العمل", "العامل", "العمال", "العاملين", "صاحب", "أصحاب", "المنشأة", "المنشآت", "المادة", "المواد",
        "الأجر", "الأجور", "الراتب", "ساعات", "الإضافي", "الإجازة", "السنوية", "المرضية", "الأمومة", "عقد", "العقود",
        "المؤقتة", "الدائمة", "إنهاء", "الفصل", "التعسفي", "مكافأة", "نهاية", "الخدمة", "الحد", "الأدنى", "الأعلى",
        "فترة", "التجربة", "الإشعار", "المسبق", "تعويض", "إصابة", "السلامة", "المهنية", "التدريب", "التأهيل",
        "المرأة", "الشباب", "الأحداث", "المرونة", "العمل عن بعد", "الأسبوعية", "اليومية", "الراحة", "الأعياد",
        // social security
        "التأمينات", "الاجتماعية", "التقاعد", "المعاش", "المعاشات", "سن", "الاشتراك", "الاشتراكات", "الاستحقاق",
        "العجز", "الوفاة", "الورثة", "البطالة", "الإعانة", "الحماية", "التغطية", "الصحية", "الرعاية", "المؤسسة",
        "الصندوق", "الاستدامة", "المالية", "المتقاعدين", "المبكر", "الخصم", "النسبة", "الحسبة",
        // visas and residence
        "التأشيرة", "التأشيرات", "الإقامة", "الزيارة", "العمرة", "الاستقدام", "الكفالة", "نقل", "الخروج", "العودة",
        "المقيمين", "الوافدين", "العمالة", "المنزلية", "الرسوم", "التجديد", "المدة", "الجواز", "المنصة", "الإلكترونية",
        // entrepreneurship
        "ريادة", "الأعمال", "المشاريع", "الصغيرة", "المتوسطة", "الناشئة", "التمويل", "القروض", "الحاضنات",
        "السجل", "التجاري", "الترخيص", "التراخيص", "الإجراءات", "الحوافز", "الضرائب", "الزكاة", "الاستثمار",
        "الابتكار", "السوق", "المنافسة", "المستثمرين", "الشركات", "الملكية", "الفكرية",
        // the language of a comment
        "أقترح", "أطالب", "أؤيد", "أعترض", "أرى", "نرجو", "يجب", "ينبغي", "يمكن", "لا", "على", "في", "من", "إلى",
        "عن", "مع", "بعد", "قبل", "حتى", "لأن", "لكن", "كما", "أيضا", "هذه", "هذا", "التي", "الذي", "كل", "جميع",
        "بعض", "دون", "بين", "حول", "مدى", "ضرورة", "أهمية", "تعديل", "إلغاء", "إضافة", "حذف", "توضيح", "مراجعة",
        "الصياغة", "الفقرة", "البند", "المسودة", "المشروع", "الجهة", "الوزارة", "الهيئة", "اللائحة", "التنفيذية",
        "الحقوق", "الواجبات", "العدالة", "الشفافية", "الوضوح", "التطبيق", "الرقابة", "المخالفات", "الغرامات",
        "العقوبات", "الجزاءات", "المحكمة", "العمالية", "التسوية", "الودية", "الشكوى", "المواطن", "المواطنين",
        "الأسرة", "الدخل", "المعيشة", "التكلفة", "الأسعار", "الاقتصاد", "الوطني", "التنمية", "الرؤية", "المستقبل",
        "فرص", "التوظيف", "التوطين", "السعودة", "القطاع", "الخاص", "العام", "الحكومي", "الأهلي", "مستوى", "جودة",
        "الحياة", "الاستقرار", "الوظيفي", "الأمان", "الإنتاجية", "الكفاءة", "الخبرة", "المهارات", "الشهادة",
        "مدفوعة", "كاملة", "جزئية", "إضافية", "أسبوع", "شهر", "سنة", "يوما", "ساعة", "ثمانية", "عشرة", "ثلاثين",
        "الثانية", "الثالثة", "الخامسة", "العاشرة", "أولى", "أخرى", "كبرى", "مستشفى", "مبنى", "معنى", "مستوى",
    ];

    private static readonly string[] English =
    [
        // labour law
        "labour", "law", "worker", "workers", "employer", "employers", "employee", "employees", "article", "articles",
        "wage", "wages", "salary", "hours", "overtime", "leave", "annual", "sick", "maternity", "contract", "contracts",
        "temporary", "permanent", "termination", "dismissal", "unfair", "severance", "minimum", "maximum",
        "probation", "notice", "compensation", "injury", "safety", "occupational", "training", "women", "youth",
        "remote", "weekly", "daily", "rest", "holidays", "flexible", "shifts",
        // social security
        "social", "security", "pension", "pensions", "retirement", "age", "contribution", "contributions",
        "eligibility", "disability", "survivors", "unemployment", "benefit", "benefits", "insurance", "coverage",
        "health", "fund", "sustainability", "retirees", "early", "deduction", "rate", "formula",
        // visas
        "visa", "visas", "residence", "permit", "permits", "visit", "recruitment", "sponsorship", "transfer",
        "exit", "reentry", "residents", "expatriates", "domestic", "fees", "renewal", "duration", "passport",
        "platform", "online",
        // entrepreneurship
        "entrepreneurship", "startups", "small", "medium", "enterprises", "financing", "loans", "incubators",
        "registration", "commercial", "licence", "licences", "procedures", "incentives", "taxes", "investment",
        "innovation", "market", "competition", "investors", "companies", "intellectual", "property",
        // the language of a comment
        "i", "we", "propose", "urge", "support", "oppose", "believe", "should", "must", "can", "not", "the", "a",
        "of", "to", "in", "for", "on", "with", "without", "after", "before", "because", "but", "also", "this",
        "that", "which", "all", "some", "every", "between", "about", "need", "importance", "amendment", "repeal",
        "clarify", "review", "wording", "paragraph", "clause", "draft", "ministry", "authority", "regulation",
        "rights", "duties", "fairness", "transparency", "clarity", "enforcement", "oversight", "penalties", "fines",
        "court", "settlement", "complaint", "citizen", "citizens", "family", "income", "living", "cost", "prices",
        "economy", "national", "development", "future", "jobs", "employment", "private", "public", "sector",
        "quality", "life", "stability", "productivity", "skills", "experience", "paid", "full", "partial", "week",
        "month", "year", "days", "eight", "ten", "thirty", "second", "third", "fifth",
    ];

    private static readonly string[] FirstNames =
    [
        "أحمد", "محمد", "خالد", "سعيد", "فاطمة", "نورة", "سارة", "عبدالله", "يوسف", "مريم", "ليلى", "إبراهيم",
        "عائشة", "عمر", "هدى", "ريم", "Ahmed", "Sara", "John", "Maria", "Omar", "Lina", "David", "Aisha",
    ];

    private static readonly string[] LastNames =
    [
        "العتيبي", "الحربي", "القحطاني", "الزهراني", "الشمري", "الغامدي", "الدوسري", "المطيري", "السبيعي",
        "Smith", "Khan", "Haddad", "Lopez", "Nasser", "Rahman",
    ];

    private static readonly string[] ArabicPunctuation = ["،", ".", "؛", "!", "؟", ":"];
    private static readonly string[] EnglishPunctuation = [",", ".", ";", "!", "?", ":"];
    private static readonly char[] Tashkeel = ['\u064E', '\u064F', '\u0650', '\u0651', '\u0652', '\u064B'];

    private readonly Random _random;

    public CommentGenerator(int seed) => _random = new Random(seed);

    /// <summary>Words of each campaign's letter, by campaign, from the last <see cref="Generate"/>.</summary>
    public IReadOnlyList<int> LetterLengths { get; private set; } = [];

    /// <summary>
    /// <paramref name="count"/> comments, <paramref name="campaignShare"/> of them copies of
    /// <paramref name="campaigns"/> form letters (a few large campaigns and a long tail, as in real dockets),
    /// shuffled into submission order; ids 1..count follow that order.
    /// </summary>
    public List<LabelledComment> Generate(int count, int campaigns = 20, double campaignShare = 0.6)
    {
        var letters = new List<(string[] Words, bool IsArabic)>();
        for (var c = 0; c < campaigns; c++)
        {
            var language = c % 3 == 2 ? Language.English : Language.Arabic;
            letters.Add((Words(language, _random.Next(25, 151)), language == Language.Arabic));
        }

        LetterLengths = letters.Select(l => l.Words.Length).ToList();

        // Campaign sizes fall off with rank (weight 1/rank^0.8): the largest is about ten times the smallest.
        var weights = Enumerable.Range(1, campaigns).Select(r => 1 / Math.Pow(r, 0.8)).ToArray();
        var campaignTotal = (int)Math.Round(count * campaignShare);
        var sizes = weights.Select(w => (int)(campaignTotal * w / weights.Sum())).ToArray();
        sizes[0] += campaignTotal - sizes.Sum();

        var drafts = new List<(string Text, int Campaign)>(count);
        for (var c = 0; c < campaigns; c++)
        {
            for (var i = 0; i < sizes[c]; i++)
            {
                drafts.Add((Copy(letters[c].Words, letters[c].IsArabic), c));
            }
        }
        while (drafts.Count < count)
        {
            var language = _random.NextDouble() switch
            {
                < 0.5 => Language.Arabic,
                < 0.85 => Language.English,
                _ => Language.Mixed,
            };
            var words = Words(language, _random.Next(20, 151));
            drafts.Add((Dress(words, language != Language.English, spellingVariants: false), -1));
        }

        // Fisher–Yates with the same seeded generator: campaigns arrive interleaved with everything else.
        for (var i = drafts.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (drafts[i], drafts[j]) = (drafts[j], drafts[i]);
        }
        return drafts.Select((d, i) => new LabelledComment(i + 1, d.Text, d.Campaign)).ToList();
    }

    private enum Language
    {
        Arabic,
        English,
        Mixed,
    }

    private string[] Words(Language language, int count)
    {
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            var arabic = language == Language.Arabic || (language == Language.Mixed && _random.Next(3) > 0);
            words[i] = Pick(arabic ? Arabic : English);
        }
        return words;
    }

    // A copy of a form letter: 0–3 word edits (a quarter of copies are exact), sometimes a signature, and
    // always its own spelling and punctuation.
    private string Copy(string[] letter, bool isArabic)
    {
        var words = letter.ToList();
        var edits = _random.NextDouble() switch
        {
            < 0.25 => 0,
            < 0.60 => 1,
            < 0.85 => 2,
            _ => 3,
        };
        var vocabulary = isArabic ? Arabic : English;
        for (var e = 0; e < edits; e++)
        {
            var at = _random.Next(words.Count);
            switch (_random.Next(4))
            {
                case 0:
                    words[at] = Pick(vocabulary);
                    break;
                case 1:
                    words.Insert(at, Pick(vocabulary));
                    break;
                case 2 when words.Count > 20:
                    words.RemoveAt(at);
                    break;
                default:
                    var next = Math.Min(at + 1, words.Count - 1);
                    (words[at], words[next]) = (words[next], words[at]);
                    break;
            }
        }
        if (_random.Next(3) == 0)
        {
            words.Add(Pick(FirstNames));
            words.Add(Pick(LastNames));
        }
        return Dress(words, isArabic, spellingVariants: true);
    }

    // Punctuation every few words, and for copies of a letter the spelling each person has: hamza forms of
    // alef, taa marbuta, alef maqsura, tashkeel, tatweel (Arabic), capitals (English).
    private string Dress(IReadOnlyList<string> words, bool isArabic, bool spellingVariants)
    {
        var plainAlef = spellingVariants && _random.Next(3) == 0;
        var haForTaa = spellingVariants && _random.Next(4) == 0;
        var yaForMaqsura = spellingVariants && _random.Next(4) == 0;
        var diacritics = spellingVariants && _random.Next(5) == 0;
        var shout = spellingVariants && _random.Next(10) == 0;
        var text = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (plainAlef)
            {
                word = word.Replace('أ', 'ا').Replace('إ', 'ا').Replace('آ', 'ا');
            }
            if (haForTaa)
            {
                word = word.Replace('ة', 'ه');
            }
            if (yaForMaqsura)
            {
                word = word.Replace('ى', 'ي');
            }
            if (diacritics && word.Length > 2 && _random.Next(3) == 0)
            {
                word = word.Insert(1 + _random.Next(word.Length - 1), Tashkeel[_random.Next(Tashkeel.Length)].ToString());
            }
            if (spellingVariants && word.Length > 3 && _random.Next(40) == 0 && word[1] is >= 'ء' and <= 'ي')
            {
                word = word.Insert(2, "ـ"); // tatweel
            }
            if (shout)
            {
                word = word.ToUpperInvariant();
            }
            if (i > 0)
            {
                text.Append(' ');
            }
            text.Append(word);
            if (_random.Next(9) == 0 || i == words.Count - 1)
            {
                var marks = (isArabic || word[0] >= 'ء') ? ArabicPunctuation : EnglishPunctuation;
                text.Append(Pick(marks));
            }
        }
        return text.ToString();
    }

    private string Pick(string[] options) => options[_random.Next(options.Length)];
}
