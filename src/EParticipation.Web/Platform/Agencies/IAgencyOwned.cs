namespace EParticipation.Web.Platform.Agencies;

/// <summary>A record that belongs to one agency; only that agency's staff may act on it.</summary>
public interface IAgencyOwned
{
    int AgencyId { get; }
}
