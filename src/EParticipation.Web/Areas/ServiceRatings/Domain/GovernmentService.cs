using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Text;

namespace EParticipation.Web.Areas.ServiceRatings.Domain;

/// <summary>
/// A service an agency offers (a licence, a certificate, an appointment...), as the catalogue lists it
/// and citizens rate it. Its agency's publishers keep it; a retired service stays with its ratings but
/// leaves the catalogue.
/// </summary>
public class GovernmentService
{
    public int Id { get; set; }

    /// <summary>Stable key from the seed file, or made when staff add one ("moj-power-of-attorney").</summary>
    public string Code { get; set; } = "";

    public int AgencyId { get; set; }

    public int? SectorId { get; set; }

    public LocalizedText Name { get; set; } = new();

    public LocalizedText Description { get; set; } = new();

    public ServiceChannel Channels { get; set; }

    /// <summary>The service's own address at the agency, if it has one.</summary>
    public string? Url { get; set; }

    /// <summary>Both names and descriptions, normalised (Platform/Text/ArabicText), for search.</summary>
    public string SearchText { get; private set; } = "";

    public bool IsRetired { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Concurrency token: two publishers editing at once get the conflict page.</summary>
    public int Version { get; set; }

    public void RefreshSearchText() =>
        SearchText = ArabicText.Normalize(string.Join(' ', Name.Ar, Name.En, Description.Ar, Description.En));
}
