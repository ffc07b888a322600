namespace EParticipation.Web.Platform.Localization;

/// <summary>Arabic's six plural categories (CLDR), in the order their forms are written in a counted key.</summary>
public enum ArabicPlural
{
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}
