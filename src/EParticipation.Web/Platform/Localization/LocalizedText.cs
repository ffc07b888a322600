namespace EParticipation.Web.Platform.Localization;

/// <summary>
/// Text that staff type in both languages, stored as two columns. A page shows the current
/// language and falls back to the other one when that is all there is.
/// </summary>
public sealed class LocalizedText
{
    public LocalizedText()
    {
    }

    public LocalizedText(string ar, string en)
    {
        Ar = ar ?? "";
        En = en ?? "";
    }

    public string Ar { get; set; } = "";

    public string En { get; set; } = "";

    public string Current => For(PortalCultures.Current);

    public bool IsEmpty => string.IsNullOrWhiteSpace(Ar) && string.IsNullOrWhiteSpace(En);

    /// <summary>The language the text is actually in when shown for <paramref name="language"/>.</summary>
    public string LanguageShownFor(string language)
    {
        var wanted = language == PortalCultures.English ? En : Ar;
        return string.IsNullOrWhiteSpace(wanted) ? PortalCultures.Other(language) : language;
    }

    public string For(string language) =>
        LanguageShownFor(language) == PortalCultures.English ? En : Ar;

    public override string ToString() => Current;
}
