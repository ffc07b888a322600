using System.Text;
using Bogus;

namespace EParticipation.Bench.DataGenerator;

/// <summary>
/// Deterministic text for the generated portal: consultation titles and summaries in both languages,
/// article headings and bodies in the register of a draft regulation, participants' names (Bogus's
/// Arabic locale), and comments the way people write them on Istitlaa — a stance, a proposed change to a
/// named provision, a reason, now and then a thank-you, a question or an English sentence. Bogus's Arabic
/// lorem ipsum is mixed in sparingly so not every comment is built from the same few hundred phrases.
/// </summary>
internal sealed class TextGenerator(int seed)
{
    private readonly Random _random = new(seed);
    private readonly Faker _faker = new("ar") { Random = new Randomizer(seed) };

    public Random Random => _random;

    // Subjects of the drafts: (Arabic, English). Titles combine a kind of instrument with a subject.
    public static readonly (string Ar, string En)[] Subjects =
    [
        ("العمل", "Labour"), ("التأمينات الاجتماعية", "Social Insurance"), ("حماية البيانات الشخصية", "Personal Data Protection"),
        ("التجارة الإلكترونية", "E-Commerce"), ("المنشآت الصغيرة والمتوسطة", "Small and Medium Enterprises"),
        ("الامتياز التجاري", "Franchising"), ("الإفلاس", "Bankruptcy"), ("الشركات", "Companies"), ("المنافسة", "Competition"),
        ("حماية المستهلك", "Consumer Protection"), ("الاستثمار", "Investment"), ("السجل التجاري", "Commercial Register"),
        ("الرعاية الصحية الأولية", "Primary Health Care"), ("الصحة العامة", "Public Health"), ("التعليم العام", "General Education"),
        ("الجامعات", "Universities"), ("التدريب المهني", "Vocational Training"), ("النقل العام", "Public Transport"),
        ("المرور", "Traffic"), ("الطرق", "Roads"), ("البلديات", "Municipalities"), ("التخطيط العمراني", "Urban Planning"),
        ("الإسكان", "Housing"), ("الإيجار", "Tenancy"), ("البيئة", "Environment"), ("إدارة النفايات", "Waste Management"),
        ("المياه", "Water"), ("الطاقة المتجددة", "Renewable Energy"), ("السياحة", "Tourism"), ("الفعاليات", "Events"),
        ("الرياضة", "Sports"), ("الثقافة", "Culture"), ("الإعلام المرئي والمسموع", "Audiovisual Media"),
        ("الاتصالات", "Telecommunications"), ("الحوسبة السحابية", "Cloud Computing"), ("الأمن السيبراني", "Cybersecurity"),
        ("الذكاء الاصطناعي", "Artificial Intelligence"), ("التوقيع الإلكتروني", "Electronic Signature"),
        ("العمل التطوعي", "Volunteering"), ("الجمعيات الأهلية", "Non-profit Associations"), ("الأوقاف", "Endowments"),
        ("الأحوال الشخصية", "Personal Status"), ("التنفيذ", "Enforcement"), ("التحكيم", "Arbitration"), ("المحاماة", "Legal Practice"),
        ("العمالة المنزلية", "Domestic Workers"), ("الإقامة المميزة", "Premium Residency"), ("التأشيرات", "Visas"),
        ("الجمارك", "Customs"), ("الزكاة", "Zakat"), ("ضريبة القيمة المضافة", "Value Added Tax"), ("المشتريات الحكومية", "Government Procurement"),
        ("الأغذية", "Food"), ("الدواء", "Medicines"), ("الأجهزة الطبية", "Medical Devices"), ("الزراعة", "Agriculture"),
        ("الثروة الحيوانية", "Livestock"), ("الصيد", "Fishing"), ("التعدين", "Mining"), ("الصناعة", "Industry"),
        ("الأشخاص ذوي الإعاقة", "Persons with Disabilities"), ("كبار السن", "Older Persons"), ("حماية الطفل", "Child Protection"),
    ];

    private static readonly (string Ar, string En)[] LawForms =
    [
        ("مشروع نظام", "Draft {0} Law"), ("مشروع تعديل نظام", "Draft Amendment to the {0} Law"),
    ];

    private static readonly (string Ar, string En)[] RegulationForms =
    [
        ("مشروع اللائحة التنفيذية لنظام", "Draft Implementing Regulation of the {0} Law"),
        ("مشروع لائحة", "Draft {0} Regulation"), ("مشروع ضوابط", "Draft {0} Rules"), ("مشروع قواعد تنظيم", "Draft Rules Organising {0}"),
    ];

    private static readonly (string Ar, string En)[] OtherForms =
    [
        ("مسودة الاستراتيجية الوطنية لقطاع", "Draft National {0} Strategy"), ("مشروع سياسة", "Draft {0} Policy"),
        ("مبادرة تطوير", "Initiative to Develop {0}"), ("مشروع دليل خدمات", "Draft {0} Services Guide"),
        ("مسودة إطار حوكمة", "Draft {0} Governance Framework"),
    ];

    private static readonly string[] Stances =
    [
        "أقترح", "أرى أن من الأفضل", "نقترح", "أطالب بضرورة", "أتمنى", "أرجو", "من الضروري", "أؤيد", "لا أؤيد", "نأمل",
        "بصفتي صاحب منشأة صغيرة أقترح", "بصفتي موظفاً في القطاع الخاص أرى ضرورة", "كمواطنة أتمنى", "من واقع خبرتي العملية أقترح",
    ];

    private static readonly string[] Actions =
    [
        "تعديل", "إعادة صياغة", "توضيح", "حذف", "إضافة فقرة إلى", "تقييد", "توسيع نطاق", "مراجعة", "ضبط", "إلغاء",
        "تبسيط", "ربط", "تحديد مدة", "توحيد",
    ];

    private static readonly string[] Provisions =
    [
        "المادة الأولى", "المادة الثانية", "المادة الثالثة", "المادة الخامسة", "المادة السابعة", "المادة العاشرة",
        "الفقرة (ب) من المادة الرابعة", "الفقرة الثانية", "تعريف المنشأة الصغيرة", "مدة الإشعار", "الغرامات المالية",
        "آلية التظلم", "اشتراطات الترخيص", "نطاق التطبيق", "الأحكام الانتقالية", "ساعات العمل", "إجازة الأمومة",
        "مكافأة نهاية الخدمة", "رسوم الخدمة", "مدة سريان العقد", "التزامات صاحب العمل", "حقوق العامل", "ضوابط العمل عن بعد",
        "شروط التأهيل", "اختصاص الجهة المختصة", "اللائحة التنفيذية", "إجراءات الرقابة والتفتيش", "جدول المخالفات والعقوبات",
        "متطلبات الإفصاح", "مدة الاحتفاظ بالبيانات", "نقل البيانات خارج المملكة", "الموافقة المسبقة", "التعويض عن الضرر",
        "آلية تسوية النزاعات", "فترة التجربة", "الحد الأدنى للأجور", "نسب التوطين", "رسوم تجديد الإقامة", "مدة معالجة الطلب",
    ];

    private static readonly string[] Qualifiers =
    [
        "بما يتوافق مع الأنظمة المعمول بها", "بشكل أوضح", "خلال مدة لا تتجاوز ثلاثين يوماً", "وفق معايير محددة ومعلنة",
        "بما يراعي ظروف المنشآت الصغيرة والمتوسطة", "بما يحقق العدالة بين الطرفين", "مع مراعاة الأشخاص ذوي الإعاقة",
        "دون الإخلال بالأنظمة الأخرى", "بالتنسيق مع الجهات ذات العلاقة", "على مراحل تدريجية", "وفق جدول زمني واضح",
        "بنص صريح لا يحتمل التأويل", "بما ينسجم مع الممارسات الدولية", "إلكترونياً عبر منصة موحدة",
    ];

    private static readonly string[] Reasons =
    [
        "لأن الصياغة الحالية تحتمل أكثر من تفسير", "حتى لا تتضرر المنشآت الناشئة", "لتعزيز الشفافية والمساءلة",
        "لتسهيل الإجراءات على المستفيدين", "لأن المدة المقترحة قصيرة جداً", "انسجاماً مع مستهدفات رؤية المملكة 2030",
        "لضمان حماية حقوق المستهلك", "لتقليل العبء التنظيمي والتكاليف", "لأن التطبيق العملي أثبت صعوبة ذلك",
        "حفاظاً على استقرار سوق العمل", "لتجنب ازدواجية الاختصاص بين الجهات", "لأن الغرامة المقترحة لا تتناسب مع حجم المخالفة",
        "حتى يتمكن المواطن من معرفة حقوقه بسهولة", "لأن كثيراً من المنشآت لا تملك الخبرة الكافية", "لرفع جودة الخدمات المقدمة",
    ];

    private static readonly string[] Extras =
    [
        "شكراً على إتاحة الفرصة للمشاركة في إبداء الرأي.", "أتمنى أن يؤخذ هذا المقترح بعين الاعتبار.",
        "المشروع خطوة إيجابية في الاتجاه الصحيح.", "أؤيد المشروع بشكل عام مع بعض الملاحظات.",
        "نقترح عقد ورش عمل مع القطاع الخاص قبل اعتماد المشروع.", "هل سيطبق هذا الحكم على العقود القائمة أم الجديدة فقط؟",
        "ما هي الجهة المسؤولة عن متابعة التنفيذ؟", "أرجو نشر اللائحة التنفيذية للاستطلاع أيضاً.",
        "نطالب بفترة انتقالية كافية لا تقل عن سنة.", "جزاكم الله خيراً على هذا الجهد.",
        "التجربة السابقة أثبتت أن التطبيق التدريجي أنجح.", "لم يتضح في المسودة كيف سيتم احتساب المدة.",
    ];

    private static readonly string[] EnglishSentences =
    [
        "I support the draft, but the notice period should be clearer.", "Please publish the implementing rules for comment as well.",
        "Small businesses need a longer transition period.", "The penalty in this article seems disproportionate.",
        "Thank you for the opportunity to comment.", "The definition should cover remote work explicitly.",
        "It is not clear which authority handles complaints under this article.", "This will reduce paperwork for residents; good step.",
    ];

    private static readonly string[] DisplayNameKinds = ["مواطن", "مواطنة", "مقيم", "صاحب منشأة", "مهتم", "محامٍ", "موظف"];

    public string PersonName() => _faker.Name.FirstName() + " " + _faker.Name.LastName();

    /// <summary>The name shown with a comment: usually the author's own, sometimes a first name or a description.</summary>
    public string DisplayName(string fullName)
    {
        var roll = _random.Next(100);
        if (roll < 60)
        {
            return fullName;
        }
        if (roll < 85)
        {
            var space = fullName.IndexOf(' ', StringComparison.Ordinal);
            return space > 0 ? fullName[..space] : fullName;
        }
        return Pick(DisplayNameKinds);
    }

    public (string Ar, string En) Title(int kind, (string Ar, string En) subject, int edition)
    {
        var form = kind switch
        {
            0 => Pick(LawForms),
            1 => Pick(RegulationForms),
            _ => Pick(OtherForms),
        };
        var ar = form.Ar + " " + subject.Ar;
        var en = string.Format(System.Globalization.CultureInfo.InvariantCulture, form.En, subject.En);
        // Subjects come back for amendment; the edition keeps titles apart as they are on the portal.
        return edition == 0 ? (ar, en) : ($"{ar} (الإصدار {edition + 1})", $"{en} (version {edition + 1})");
    }

    public (string Ar, string En) Summary((string Ar, string En) subject)
    {
        var ar = new StringBuilder()
            .Append("يهدف المشروع إلى تنظيم ").Append(subject.Ar).Append(' ').Append(Pick(Qualifiers)).Append("، ")
            .Append(Pick(Reasons)).Append(". ")
            .Append("ويتضمن أحكاماً تتعلق بما يلي: ").Append(Pick(Provisions)).Append(" و").Append(Pick(Provisions)).Append('.')
            .ToString();
        var en = $"The draft regulates {subject.En.ToLowerInvariant()} and sets out provisions on scope, obligations, supervision and penalties. Comments are invited article by article.";
        return (ar, en);
    }

    public (string Ar, string En) ArticleHeading(int number) => number switch
    {
        1 => ("التعريفات", "Definitions"),
        2 => ("النطاق", "Scope"),
        3 => ("الأهداف", "Objectives"),
        _ => Pick(Headings),
    };

    private static readonly (string Ar, string En)[] Headings =
    [
        ("الالتزامات", "Obligations"), ("الترخيص", "Licensing"), ("الرقابة والتفتيش", "Supervision and inspection"),
        ("المخالفات والعقوبات", "Violations and penalties"), ("التظلم", "Appeals"), ("الرسوم", "Fees"),
        ("حقوق المستفيدين", "Rights of beneficiaries"), ("الإفصاح", "Disclosure"), ("أحكام انتقالية", "Transitional provisions"),
        ("أحكام ختامية", "Final provisions"), ("اختصاصات الجهة", "Powers of the authority"), ("حماية البيانات", "Data protection"),
    ];

    public (string Ar, string En) ArticleBody(string subjectAr)
    {
        var sentences = 2 + _random.Next(4);
        var ar = new StringBuilder();
        for (var i = 0; i < sentences; i++)
        {
            ar.Append(_random.Next(3) switch
            {
                0 => "يلتزم كل من يخضع لأحكام نظام " + subjectAr + " بما ورد في " + Pick(Provisions) + " " + Pick(Qualifiers) + ". ",
                1 => "تتولى الجهة المختصة " + Pick(Actions) + " " + Pick(Provisions) + " " + Pick(Qualifiers) + ". ",
                _ => "لا يجوز الإخلال بما ورد في " + Pick(Provisions) + "، ويعاقب المخالف وفق " + Pick(Provisions) + ". ",
            });
        }
        return (ar.ToString().TrimEnd(), "The party subject to this law shall comply with the obligations set out in this article, as the competent authority specifies.");
    }

    /// <summary>A comment of 1–6 sentences (a few reach 10), mostly Arabic.</summary>
    public string Comment()
    {
        var text = new StringBuilder(400);
        var sentences = _random.Next(100) switch
        {
            < 30 => 1,
            < 60 => 2,
            < 80 => 3,
            < 92 => 4 + _random.Next(3),
            _ => 7 + _random.Next(4),
        };
        for (var i = 0; i < sentences; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }
            var roll = _random.Next(100);
            if (roll < 62)
            {
                text.Append(Pick(Stances)).Append(' ').Append(Pick(Actions)).Append(' ').Append(Pick(Provisions));
                if (_random.Next(2) == 0)
                {
                    text.Append(' ').Append(Pick(Qualifiers));
                }
                text.Append(' ').Append(Pick(Reasons)).Append('.');
            }
            else if (roll < 84)
            {
                text.Append(Pick(Extras));
            }
            else if (roll < 93)
            {
                text.Append(_faker.Lorem.Sentence(6, 6));
            }
            else
            {
                text.Append(Pick(EnglishSentences));
            }
        }
        return text.ToString();
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
