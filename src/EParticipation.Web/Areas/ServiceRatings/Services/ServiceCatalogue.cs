using EParticipation.Web.Platform.Participation;
using EParticipation.Web.Areas.ServiceRatings.Domain;
using EParticipation.Web.Areas.ServiceRatings.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Text;
using EParticipation.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.ServiceRatings.Services;

/// <summary>The public catalogue: current services, searched with Arabic normalisation, by agency and sector.</summary>
public sealed class ServiceCatalogue(AppDbContext db) : IServiceDirectory
{
    public const int PageSize = 20;

    public async Task<Paged<ServiceListItem>> SearchAsync(CatalogueQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var services = db.GovernmentServices.AsNoTracking().Where(s => !s.IsRetired);
        if (query.Agency is { Length: > 0 } agency)
        {
            services = services.Where(s => db.Agencies.Any(a => a.Id == s.AgencyId && a.Code == agency));
        }
        if (query.Sector is { Length: > 0 } sector)
        {
            services = services.Where(s => db.Sectors.Any(x => x.Id == s.SectorId && x.Code == sector));
        }
        foreach (var word in ArabicText.Normalize(query.Q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8))
        {
            services = services.Where(s => s.SearchText.Contains(word));
        }
        var lang = Platform.Localization.PortalCultures.Current;
        var ordered = lang == Platform.Localization.PortalCultures.English
            ? services.OrderBy(s => s.Name.En).ThenBy(s => s.Id)
            : services.OrderBy(s => s.Name.Ar).ThenBy(s => s.Id);
        return await ordered
            .Select(s => new ServiceListItem(s.Id, s.Name, s.Description, s.Channels,
                db.Agencies.Where(a => a.Id == s.AgencyId).Select(a => a.Name).First()))
            .ToPagedAsync(PagingExtensions.ClampPage(query.Page), PageSize, cancellationToken);
    }

    public Task<GovernmentService?> FindAsync(int id, CancellationToken cancellationToken = default) =>
        db.GovernmentServices.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);

    /// <inheritdoc />
    public async Task<int?> AgencyOfAsync(int serviceId, CancellationToken cancellationToken) =>
        await db.GovernmentServices.AsNoTracking().Where(s => s.Id == serviceId && !s.IsRetired).Select(s => (int?)s.AgencyId).SingleOrDefaultAsync(cancellationToken);
}
