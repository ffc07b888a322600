using EParticipation.Web.Platform.Localization;

namespace EParticipation.Web.Areas.Complaints.Domain;

/// <summary>
/// A national channel that handles some matters instead of the portal (940/Baladi, Kollona Amn, the
/// Ministry of Commerce's report service, the communications regulator, the central bank): what it
/// handles, how to reach it, and what to have ready. Administrators edit the wording.
/// </summary>
public class ReferralChannel
{
    public int Id { get; set; }

    /// <summary>Stable key from seeds/complaint-routing.json, for example "baladi-940".</summary>
    public string Code { get; set; } = "";

    public LocalizedText Name { get; set; } = new();

    public LocalizedText Handles { get; set; } = new();

    /// <summary>The app, number and address, one per line.</summary>
    public LocalizedText HowToReach { get; set; } = new();

    /// <summary>What to prepare before contacting it, one item per line.</summary>
    public LocalizedText Prepare { get; set; } = new();

    public string? Url { get; set; }

    /// <summary>
    /// The agency that runs the channel (940/Baladi: the Ministry of Municipalities and Housing; Kollona
    /// Amn: the Ministry of Interior; ...), from the seed file; its performance dashboard shows how many
    /// participants the portal referred to it. Null for a channel no seeded agency runs.
    /// </summary>
    public int? AgencyId { get; set; }

    /// <summary>When true the portal keeps nothing about the matter but a count per category (security reports).</summary>
    public bool StoresNothing { get; set; }
}
