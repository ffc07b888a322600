namespace EParticipation.Web.Platform.Participation;

/// <summary>
/// What another module may know about a government service of the catalogue (a complaint started
/// from a service's page is counted for that service) without reaching into the ratings module.
/// Implemented by the service ratings module.
/// </summary>
public interface IServiceDirectory
{
    /// <summary>The agency that provides the service, or null when there is no such active service.</summary>
    Task<int?> AgencyOfAsync(int serviceId, CancellationToken cancellationToken);
}
