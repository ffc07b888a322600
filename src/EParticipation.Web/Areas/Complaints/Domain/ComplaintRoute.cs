using EParticipation.Web.Platform.Localization;

namespace EParticipation.Web.Areas.Complaints.Domain;

/// <summary>
/// One answer to "what is the matter about?" in the guided intake: the routing table, as data that
/// administrators edit. A route either asks a further question (its children), opens a case for an
/// agency, or refers the participant to another channel.
/// </summary>
public class ComplaintRoute
{
    public int Id { get; set; }

    /// <summary>Stable key, used in addresses and seeds: "government-service", "security-extortion".</summary>
    public string Code { get; set; } = "";

    public int? ParentId { get; set; }

    public ComplaintRoute? Parent { get; set; }

    public int Order { get; set; }

    /// <summary>The choice as the participant reads it.</summary>
    public LocalizedText Label { get; set; } = new();

    /// <summary>Examples that help choose it ("roads, lighting, cleanliness...").</summary>
    public LocalizedText Hint { get; set; } = new();

    public RouteTarget Target { get; set; }

    public int? ChannelId { get; set; }

    public ReferralChannel? Channel { get; set; }

    /// <summary>For agency cases: the agency chosen in advance (for example the Ministry of Commerce), or null to let the participant choose.</summary>
    public int? AgencyId { get; set; }

    public bool IsActive { get; set; } = true;
}
