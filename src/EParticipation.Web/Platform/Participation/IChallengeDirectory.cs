namespace EParticipation.Web.Platform.Participation;

/// <summary>
/// What another module may know about the ideas module's challenges (events serve a challenge) without
/// reaching into its folder. Implemented by the ideas module; a module that links to a challenge asks
/// for it with <c>GetService</c> and hides the link when no implementation is registered.
/// </summary>
public interface IChallengeDirectory
{
    /// <summary>The agency's challenges that an event may still serve (planned or open), newest first.</summary>
    Task<IReadOnlyList<ParticipationLink>> ForAgencyAsync(int agencyId, CancellationToken cancellationToken);

    /// <summary>A published challenge by id, or null when there is none (or it is not public).</summary>
    Task<ParticipationLink?> FindAsync(int challengeId, CancellationToken cancellationToken);
}
