using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Localization;

namespace EParticipation.Tests.Platform;

public sealed partial class LocalizationTests
{
    /// <summary>
    /// Every text a page or email shows through a localizer (S["..."], T["..."], s["..."]) has its
    /// Arabic translation, so no English leaks into an Arabic page. Each module's folder is checked
    /// against its own resource file; platform code against the shared one.
    /// </summary>
    [Fact]
    public void EveryLocalizedText_HasAnArabicTranslation()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "EParticipation.Web");
        var shared = ReadResx(Path.Combine(web, "Resources", "SharedResource.ar.resx"));
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(web, file);
            var module = ModuleResource(web, relative);
            var text = File.ReadAllText(file);
            foreach (Match match in Key().Matches(text))
            {
                var localizer = match.Groups[1].Value;
                var key = match.Groups[2].Value.Replace("\\\"", "\"", StringComparison.Ordinal);
                if (key.EndsWith('-'))
                {
                    continue; // a prefix joined at run time (role-, text-size-); checked below
                }
                var resource = localizer is "T" or "t" && module is not null ? module : shared;
                if (!resource.ContainsKey(key))
                {
                    missing.Add($"{relative}: {key}");
                }
            }
        }
        Assert.True(missing.Count == 0, "Missing Arabic translations:\n" + string.Join("\n", missing.Distinct()));
    }

    [Fact]
    public void KeysJoinedAtRunTime_HaveBothLanguages()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "EParticipation.Web", "Resources");
        var ar = ReadResx(Path.Combine(web, "SharedResource.ar.resx"));
        var en = ReadResx(Path.Combine(web, "SharedResource.en.resx"));
        var keys = EParticipation.Web.Platform.Identity.Roles.All.Select(r => "role-" + r)
            .Concat(Enum.GetNames<EParticipation.Web.Platform.Identity.AccountType>().Select(t => "account-type-" + t))
            .Concat(EParticipation.Web.Platform.Web.DisplaySettings.TextSizes.Select(s => "text-size-" + s))
            .Concat(EParticipation.Web.Platform.Notifications.FollowKinds.All.Select(k => "follow-kind-" + k))
            .Concat(Enum.GetNames<EParticipation.Web.Platform.Notifications.NotificationFrequency>().Select(f => "frequency-" + f))
            .Concat(Enum.GetNames<EParticipation.Web.Platform.Notifications.OutboxStatus>().Select(f => "outbox-" + f))
            .Concat(Enum.GetNames<EParticipation.Web.Platform.Cases.CaseState>().Select(x => "case-state-" + x))
            .Concat(Enum.GetNames<EParticipation.Web.Platform.Cases.CaseEndState>().Select(x => "case-end-" + x))
            .Concat(Enum.GetNames<EParticipation.Web.Platform.Cases.CaseKind>().Select(x => "case-kind-" + x))
            .Concat(Enum.GetNames<EParticipation.Web.Platform.Cases.CaseEvent>().Select(x => "case-event-" + x))
            .Concat(Enum.GetNames<EParticipation.Web.Platform.Cases.CaseDueFilter>().Select(x => "case-due-" + x))
            .Concat(Enumerable.Range(1, 5).Select(i => "rating-" + i));
        foreach (var key in keys)
        {
            Assert.True(ar.ContainsKey(key), "Arabic missing: " + key);
            Assert.True(en.ContainsKey(key), "English missing: " + key);
        }
    }

    [Fact]
    public void DualDate_ShowsUmmAlQuraAndGregorianInEachLanguage()
    {
        var date = new DateOnly(2026, 11, 23);
        Assert.Equal("13 جمادى الآخرة 1448 هـ (23 نوفمبر 2026)", DualDate.Format(date, "ar"));
        Assert.Equal("13 Jumada al-Akhirah 1448 AH (23 November 2026)", DualDate.Format(date, "en"));
    }

    [Fact]
    public void DualDate_ShowsTheSaudiCalendarDayOfAUtcMoment()
    {
        // 22:30 UTC on 22 November is already 23 November in Riyadh (UTC+3).
        var moment = new DateTime(2026, 11, 22, 22, 30, 0, DateTimeKind.Utc);
        Assert.StartsWith("13 Jumada al-Akhirah 1448 AH (23 November 2026) 01:30", DualDate.FormatWithTime(moment, "en"), StringComparison.Ordinal);
    }

    [Fact]
    public void TimesShown_AreIn24HoursAndSaySaudiTime()
    {
        var afternoon = new DateTime(2026, 11, 23, 11, 30, 0, DateTimeKind.Utc);
        Assert.EndsWith("14:30 Saudi time", DualDate.FormatWithTime(afternoon, "en"), StringComparison.Ordinal);
        Assert.EndsWith("14:30 بتوقيت السعودية", DualDate.FormatWithTime(afternoon, "ar"), StringComparison.Ordinal);
        Assert.Equal("13 جمادى الآخرة 1448 هـ، 14:30 بتوقيت السعودية", DualDate.HijriWithClock(new DateOnly(2026, 11, 23), new TimeOnly(14, 30), "ar"));
        Assert.Equal("Jumada al-Akhirah", DualDate.HijriMonths("en")[5]);
        Assert.Equal("جمادى الآخرة", DualDate.HijriMonths("ar")[5]);
    }

    [Theory]
    [InlineData(0, ArabicPlural.Zero)]
    [InlineData(1, ArabicPlural.One)]
    [InlineData(2, ArabicPlural.Two)]
    [InlineData(3, ArabicPlural.Few)]
    [InlineData(10, ArabicPlural.Few)]
    [InlineData(11, ArabicPlural.Many)]
    [InlineData(99, ArabicPlural.Many)]
    [InlineData(100, ArabicPlural.Other)]
    [InlineData(102, ArabicPlural.Other)]
    [InlineData(103, ArabicPlural.Few)]
    [InlineData(111, ArabicPlural.Many)]
    public void ArabicPlural_FollowsTheCldrRules(long count, ArabicPlural expected) => Assert.Equal(expected, Plurals.Arabic(count));

    [Theory]
    [InlineData(1, "1 comment")]
    [InlineData(2, "2 comments")]
    [InlineData(0, "0 comments")]
    public void Plural_InEnglish_HasOneAndOther(long count, string expected) =>
        Assert.Equal(expected, new Microsoft.Extensions.Localization.LocalizedString("k", "{0} comment|{0} comments").ForCount(count));

    [Theory]
    [InlineData(0, "لا تعليقات")]
    [InlineData(1, "تعليق واحد")]
    [InlineData(2, "تعليقان")]
    [InlineData(5, "5 تعليقات")]
    [InlineData(11, "11 تعليقًا")]
    [InlineData(100, "100 تعليق")]
    public void Plural_InArabic_HasSixForms(long count, string expected) =>
        Assert.Equal(expected, new Microsoft.Extensions.Localization.LocalizedString("k", "لا تعليقات|تعليق واحد|تعليقان|{0} تعليقات|{0} تعليقًا|{0} تعليق").ForCount(count));

    /// <summary>Every counted key has two English forms, and its Arabic translation all six.</summary>
    [Fact]
    public void CountedKeys_HaveTwoEnglishAndSixArabicForms()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "EParticipation.Web");
        var bad = new List<string>();
        foreach (var file in Directory.EnumerateFiles(web, "*.ar.resx", SearchOption.AllDirectories).Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal)))
        {
            foreach (var (key, value) in ReadResx(file).Where(e => e.Key.Contains(Plurals.Separator, StringComparison.Ordinal)))
            {
                if (key.Split(Plurals.Separator).Length != 2 || value.Split(Plurals.Separator).Length != 6)
                {
                    bad.Add($"{Path.GetFileName(file)}: {key}");
                }
            }
        }
        Assert.True(bad.Count == 0, "Counted keys without 2 English and 6 Arabic forms:\n" + string.Join("\n", bad));
    }

    [Fact]
    public void ArabicCulture_ParsesIsoDatesAsGregorian()
    {
        var arabic = PortalCultures.For("ar");
        Assert.Equal(new DateTime(2026, 11, 23), DateTime.Parse("2026-11-23", arabic));
        Assert.Equal("1234.5", 1234.5.ToString(arabic));
    }

    [Theory]
    [InlineData("ar", "العدل", "Justice", "العدل")]
    [InlineData("en", "العدل", "Justice", "Justice")]
    [InlineData("en", "العدل", "", "العدل")]
    [InlineData("ar", "", "Justice", "Justice")]
    public void LocalizedText_ShowsThePageLanguageAndFallsBackToTheOther(string language, string ar, string en, string expected)
    {
        Assert.Equal(expected, new LocalizedText(ar, en).For(language));
    }

    internal static Dictionary<string, string> ReadResx(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EParticipation.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found from " + AppContext.BaseDirectory);
    }

    private static Dictionary<string, string>? ModuleResource(string web, string relative)
    {
        var parts = relative.Split(Path.DirectorySeparatorChar);
        if (parts.Length < 2 || parts[0] != "Areas")
        {
            return null;
        }
        var file = Directory.EnumerateFiles(Path.Combine(web, "Areas", parts[1]), "*Resource.ar.resx").FirstOrDefault();
        return file is null ? null : ReadResx(file);
    }

    [GeneratedRegex(@"\b([SsTt])\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Key();
}
