namespace EParticipation.Web.Platform.Cases;

/// <summary>What a case came in as. Each kind has its own tracking-number prefix.</summary>
public enum CaseKind
{
    /// <summary>A complaint about a government agency's service (Tawasul-style).</summary>
    Complaint,

    /// <summary>A business representative's feedback on a regulation or procedure.</summary>
    BusinessFeedback,

    /// <summary>A suggestion sent with a rating of a government service.</summary>
    RatingSuggestion,
}
