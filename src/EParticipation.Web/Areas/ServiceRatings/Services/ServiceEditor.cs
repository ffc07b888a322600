using EParticipation.Web.Areas.ServiceRatings.Domain;
using EParticipation.Web.Areas.ServiceRatings.Models;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Web.Areas.ServiceRatings.Services;

/// <summary>
/// A publisher adds, edits, retires and restores the agency's services. Each change and its audit
/// entry are saved together; an edit made on an older version (another publisher saved meanwhile)
/// changes nothing and returns false.
/// </summary>
public sealed class ServiceEditor(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<GovernmentService> CreateAsync(int agencyId, string agencyCode, ServiceInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var service = new GovernmentService { AgencyId = agencyId, CreatedAt = now, Code = agencyCode + "-" + Guid.NewGuid().ToString("N")[..10] };
        await ApplyAsync(service, input, now, cancellationToken);
        db.GovernmentServices.Add(service);
        // The new row has no id until saved: its code names it in the audit entry saved with it.
        audit.Record("service.created", nameof(GovernmentService), service.Code, agencyId, service.Name.Ar);
        await db.SaveChangesAsync(cancellationToken);
        return service;
    }

    public async Task<bool> UpdateAsync(GovernmentService service, ServiceInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Version != service.Version)
        {
            return false;
        }
        await ApplyAsync(service, input, clock.GetUtcNow().UtcDateTime, cancellationToken);
        service.Version++;
        audit.Record("service.updated", nameof(GovernmentService), service.Id, service.AgencyId, service.Name.Ar);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    public async Task SetRetiredAsync(GovernmentService service, bool retired, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (service.IsRetired == retired)
        {
            return;
        }
        service.IsRetired = retired;
        service.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        service.Version++;
        audit.Record(retired ? "service.retired" : "service.restored", nameof(GovernmentService), service.Id, service.AgencyId, service.Name.Ar);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task ApplyAsync(GovernmentService service, ServiceInput input, DateTime now, CancellationToken cancellationToken)
    {
        service.Name = new LocalizedText(input.NameAr!.Trim(), input.NameEn!.Trim());
        service.Description = new LocalizedText(input.DescriptionAr!.Trim(), input.DescriptionEn!.Trim());
        service.Channels = input.Channels.Aggregate(ServiceChannel.None, (all, c) => all | c);
        service.Url = string.IsNullOrWhiteSpace(input.Url) ? null : input.Url.Trim();
        service.SectorId = string.IsNullOrEmpty(input.Sector) ? null : await db.Sectors.Where(s => s.Code == input.Sector).Select(s => (int?)s.Id).SingleOrDefaultAsync(cancellationToken);
        service.UpdatedAt = now;
        service.RefreshSearchText();
    }
}
