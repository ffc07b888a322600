using System.Globalization;
using EParticipation.Web.Platform.Localization;

namespace EParticipation.Web.Platform.Calendar;

/// <summary>
/// Formats a moment as an Umm al-Qura (Hijri) date beside the Gregorian one, in the page's language
/// and in Saudi time, for example "2 جمادى الآخرة 1448 هـ — 23 نوفمبر 2026".
/// </summary>
public static class DualDate
{
    private static readonly UmAlQuraCalendar UmAlQura = new();

    private static readonly string[] EnglishHijriMonths =
    [
        "Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Thani", "Jumada al-Ula", "Jumada al-Akhirah",
        "Rajab", "Shaban", "Ramadan", "Shawwal", "Dhu al-Qadah", "Dhu al-Hijjah",
    ];

    private static readonly DateTimeFormatInfo ArabicHijriFormat = CreateArabicHijriFormat();

    public static TimeZoneInfo SaudiTime { get; } = FindSaudiTime();

    public static DateTime ToSaudiTime(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), SaudiTime);

    /// <summary>The Hijri date alone, or null outside the range the Umm al-Qura tables cover.</summary>
    public static string? Hijri(DateOnly date, string language)
    {
        var dt = date.ToDateTime(TimeOnly.MinValue);
        if (dt < UmAlQura.MinSupportedDateTime || dt > UmAlQura.MaxSupportedDateTime)
        {
            return null;
        }
        if (language == PortalCultures.English)
        {
            var month = EnglishHijriMonths[UmAlQura.GetMonth(dt) - 1];
            return string.Create(CultureInfo.InvariantCulture, $"{UmAlQura.GetDayOfMonth(dt)} {month} {UmAlQura.GetYear(dt)} AH");
        }
        return dt.ToString("d MMMM yyyy", ArabicHijriFormat) + " هـ";
    }

    /// <summary>The Hijri month names, as <see cref="Hijri(DateOnly, string)"/> writes them.</summary>
    public static IReadOnlyList<string> HijriMonths(string language) =>
        language == PortalCultures.English
            ? EnglishHijriMonths
            : Enumerable.Range(1, 12).Select(m => ArabicHijriFormat.GetMonthName(m)).ToList();

    /// <summary>What follows a Hijri year: "هـ" or "AH".</summary>
    public static string HijriSuffix(string language) => language == PortalCultures.English ? "AH" : "هـ";

    /// <summary>The words after a clock time, so nobody reads it in their own time zone.</summary>
    public static string SaudiTimeLabel(string language) => language == PortalCultures.English ? "Saudi time" : "بتوقيت السعودية";

    /// <summary>The label of the day part of a date-and-time field.</summary>
    public static string DateFieldLabel(string language) => language == PortalCultures.English ? "Date" : "التاريخ";

    /// <summary>The label of the clock part of a date-and-time field, typed in 24 hours.</summary>
    public static string TimeFieldLabel(string language) =>
        language == PortalCultures.English ? "Time, Saudi time (24-hour, for example 14:30)" : "الوقت بتوقيت السعودية (24 ساعة، مثل 14:30)";

    /// <summary>A Saudi calendar day in Hijri with its clock time in 24 hours: "13 جمادى الآخرة 1448 هـ، 14:30 بتوقيت السعودية".</summary>
    public static string? HijriWithClock(DateOnly date, TimeOnly time, string language) =>
        Hijri(date, language) is { } hijri
            ? hijri + (language == PortalCultures.English ? ", " : "، ") + time.ToString("HH:mm", CultureInfo.InvariantCulture) + " " + SaudiTimeLabel(language)
            : null;

    public static string Gregorian(DateOnly date, string language) =>
        date.ToDateTime(TimeOnly.MinValue).ToString("d MMMM yyyy", PortalCultures.For(language));

    public static string Format(DateOnly date, string? language = null)
    {
        language ??= PortalCultures.Current;
        var hijri = Hijri(date, language);
        var gregorian = Gregorian(date, language);
        return hijri is null ? gregorian : $"{hijri} ({gregorian})";
    }

    /// <summary>A UTC moment shown as its Saudi calendar day in both calendars.</summary>
    public static string Format(DateTime utc, string? language = null) =>
        Format(DateOnly.FromDateTime(ToSaudiTime(utc)), language);

    /// <summary>A UTC moment with its Saudi clock time in 24 hours: "… (…) 14:30 Saudi time".</summary>
    public static string FormatWithTime(DateTime utc, string? language = null)
    {
        language ??= PortalCultures.Current;
        var local = ToSaudiTime(utc);
        return Format(DateOnly.FromDateTime(local), language) + " " + local.ToString("HH:mm", CultureInfo.InvariantCulture) + " " + SaudiTimeLabel(language);
    }

    private static DateTimeFormatInfo CreateArabicHijriFormat()
    {
        var format = (DateTimeFormatInfo)new CultureInfo("ar-SA").DateTimeFormat.Clone();
        format.Calendar = UmAlQura;
        return DateTimeFormatInfo.ReadOnly(format);
    }

    private static TimeZoneInfo FindSaudiTime()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh");
        }
        catch (TimeZoneNotFoundException)
        {
            // Saudi Arabia keeps UTC+3 all year, so a fixed zone is exact when tzdata is missing.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Riyadh", TimeSpan.FromHours(3), "Arabia Standard Time", "AST");
        }
    }
}
