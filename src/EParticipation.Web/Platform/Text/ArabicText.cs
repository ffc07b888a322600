using System.Text;

namespace EParticipation.Web.Platform.Text;

/// <summary>
/// Arabic text normalisation for search and duplicate detection. Folds the letter forms that people
/// type interchangeably so that "الإستراتيجية" and "الاستراتيجيه" match:
/// hamza forms of alef (أ إ آ ٱ → ا), alef maqsura → ya (ى → ي), taa marbuta → ha (ة → ه),
/// hamza on waw and ya (ؤ → و, ئ → ي), diacritics and tatweel removed, Arabic-Indic digits → 0-9,
/// Latin letters lower-cased, runs of white space and punctuation collapsed to one space.
/// </summary>
public static class ArabicText
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var result = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            var folded = Fold(c);
            if (folded == '\0')
            {
                continue;
            }
            if (folded == ' ')
            {
                pendingSpace = result.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                result.Append(' ');
                pendingSpace = false;
            }
            result.Append(folded);
        }
        return result.ToString();
    }

    /// <summary>Arabic-Indic and Persian digits to ASCII digits; everything else unchanged.</summary>
    public static string WesternDigits(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Digit(chars[i]);
        }
        return new string(chars);
    }

    private static char Digit(char c) => c switch
    {
        >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
        >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')),
        _ => c,
    };

    // Returns '\0' to drop the character and ' ' for a word break.
    private static char Fold(char c)
    {
        switch (c)
        {
            case 'أ' or 'إ' or 'آ' or 'ٱ' or 'ٲ' or 'ٳ':
                return 'ا';
            case 'ى' or 'ی':
                return 'ي';
            case 'ة':
                return 'ه';
            case 'ؤ':
                return 'و';
            case 'ئ':
                return 'ي';
            case 'ـ': // tatweel
                return '\0';
            case >= '\u064B' and <= '\u065F': // harakat, tanwin, shadda, sukun
            case '\u0670': // superscript alef
            case >= '\u06D6' and <= '\u06ED': // Quranic marks
            case '\u200C' or '\u200D' or '\u200E' or '\u200F': // joiners and direction marks
                return '\0';
        }
        var digit = Digit(c);
        if (digit != c)
        {
            return digit;
        }
        if (char.IsLetterOrDigit(c))
        {
            return char.ToLowerInvariant(c);
        }
        return ' ';
    }
}
