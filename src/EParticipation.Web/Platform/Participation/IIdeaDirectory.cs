namespace EParticipation.Web.Platform.Participation;

/// <summary>
/// What another module may know about an idea (a hackathon's winning result links to one) without
/// reaching into the ideas module. Implemented by the ideas module.
/// </summary>
public interface IIdeaDirectory
{
    /// <summary>A published idea by id, or null when there is none (or it is not public).</summary>
    Task<ParticipationLink?> FindAsync(int ideaId, CancellationToken cancellationToken);
}
