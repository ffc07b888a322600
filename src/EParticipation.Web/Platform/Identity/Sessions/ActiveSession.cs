namespace EParticipation.Web.Platform.Identity.Sessions;

/// <summary>One line of the account page's list of signed-in devices.</summary>
public sealed record ActiveSession(string Id, string Device, DateTime CreatedAt, DateTime LastSeenAt, bool IsCurrent);
