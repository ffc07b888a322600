using System.Globalization;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Platform.Localization;

/// <summary>
/// Counted text in the right grammatical number for each language. A counted key holds its English
/// forms, singular then plural, separated by "|": <c>localizer["{0} comment|{0} comments"].ForCount(n)</c>.
/// Its Arabic translation holds Arabic's six forms in CLDR order, zero|one|two|few|many|other, for
/// example "لا تعليقات|تعليق واحد|تعليقان|{0} تعليقات|{0} تعليقًا|{0} تعليق". The number of forms
/// says which rules apply, so a key without a translation still reads as correct English.
/// </summary>
public static class Plurals
{
    public const char Separator = '|';

    /// <summary>The form for this count, with the count written in (as {0}) in the current culture.</summary>
    public static string ForCount(this LocalizedString forms, long count)
    {
        ArgumentNullException.ThrowIfNull(forms);
        var parts = forms.Value.Split(Separator);
        var form = parts.Length switch
        {
            6 => parts[(int)Arabic(count)],
            2 => parts[count == 1 ? 0 : 1],
            _ => parts[^1],
        };
        return string.Format(CultureInfo.CurrentCulture, form, count);
    }

    /// <summary>Arabic's plural category of a whole number (CLDR rules).</summary>
    public static ArabicPlural Arabic(long count)
    {
        var n = Math.Abs(count);
        var lastTwo = n % 100;
        return n switch
        {
            0 => ArabicPlural.Zero,
            1 => ArabicPlural.One,
            2 => ArabicPlural.Two,
            _ when lastTwo is >= 3 and <= 10 => ArabicPlural.Few,
            _ when lastTwo is >= 11 and <= 99 => ArabicPlural.Many,
            _ => ArabicPlural.Other,
        };
    }
}
