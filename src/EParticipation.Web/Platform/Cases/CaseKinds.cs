namespace EParticipation.Web.Platform.Cases;

/// <summary>The rules that differ by kind: the tracking-number prefix.</summary>
public static class CaseKinds
{
    public static string Prefix(CaseKind kind) => kind switch
    {
        CaseKind.Complaint => "CMP",
        CaseKind.BusinessFeedback => "BFB",
        CaseKind.RatingSuggestion => "SUG",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
