using EParticipation.Web.Areas.ServiceRatings.Domain;
using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Web;

namespace EParticipation.Web.Areas.ServiceRatings.Models;

/// <summary>The catalogue's search and filters, as the address carries them.</summary>
public sealed class CatalogueQuery
{
    public string? Q { get; set; }

    public string? Agency { get; set; }

    public string? Sector { get; set; }

    public int? Page { get; set; }

    public IEnumerable<KeyValuePair<string, string?>> AsQuery() =>
        [new("q", Q), new("agency", Agency), new("sector", Sector)];
}

public sealed record ServiceListItem(int Id, LocalizedText Name, LocalizedText Description, ServiceChannel Channels, LocalizedText Agency);

public sealed record FilterOption(string Code, LocalizedText Name);

public sealed record CataloguePage(CatalogueQuery Query, Paged<ServiceListItem> Results, IReadOnlyList<FilterOption> Agencies, IReadOnlyList<FilterOption> Sectors);

/// <summary>A published comment of a rating, as the service page shows it.</summary>
public sealed record RatingComment(long Id, int Overall, string Comment, DateTime SubmittedAt);

public sealed record ServicePage(
    GovernmentService Service,
    LocalizedText Agency,
    string AgencyCode,
    LocalizedText? Sector,
    ServiceFigures Figures,
    IReadOnlyList<RatingComment> Comments,
    MyRating? Mine,
    bool CanManage);

/// <summary>The signed-in account's current rating of the service, and whether rating again replaces it.</summary>
public sealed record MyRating(int Overall, DateTime SubmittedAt, DateTime WindowEndsAt, string? SuggestionCase);

public sealed record RatingFormPage(GovernmentService Service, LocalizedText Agency, RatingInput Input, MyRating? Mine, Platform.Calendar.WorkingDayCount Expected);

/// <summary>The thank-you page after a rating, with the complaint offer for a low rating.</summary>
public sealed record RatedPage(GovernmentService Service, int AgencyId, int Overall, bool Replaced, string? SuggestionCase, string? ComplaintHref);
