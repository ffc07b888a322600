using EParticipation.Web.Platform.Attachments;
using EParticipation.Web.Platform.Localization;

namespace EParticipation.Web.Platform.Cases;

/// <summary>What a module hands the workflow to open a case.</summary>
public sealed record NewCase(
    CaseKind Kind,
    int AgencyId,
    Guid SubmitterId,
    Guid SubmissionKey,
    string Subject,
    string Description,
    IReadOnlyList<NewCaseDetail> Details)
{
    /// <summary>Files already checked and stored (Platform/Attachments), to keep with the case.</summary>
    public IReadOnlyList<StoredAttachment> Attachments { get; init; } = [];

    /// <summary>The government service the case is about, if any (<see cref="Case.ServiceId"/>).</summary>
    public int? ServiceId { get; init; }
}

/// <summary>One of the kind's own fields, with its label in both languages.</summary>
public sealed record NewCaseDetail(string Name, LocalizedText Label, string Value);

/// <summary>The stored case, and whether this call created it (false: the same form came before).</summary>
public sealed record SubmittedCase(Case Case, bool Created);
