namespace EParticipation.Web.Platform.Identity.Sessions;

/// <summary>Configuration section "Sessions": how long a signed-in browser may stay idle.</summary>
public sealed class SignInSessionOptions
{
    public const string Section = "Sessions";

    /// <summary>Staff (any role): signed out after this many minutes without a request.</summary>
    public int StaffIdleMinutes { get; set; } = 30;

    /// <summary>Participants: signed out after this many hours without a request (sliding).</summary>
    public int ParticipantIdleHours { get; set; } = 8;

    public TimeSpan IdleTimeout(bool isStaff) =>
        isStaff ? TimeSpan.FromMinutes(StaffIdleMinutes) : TimeSpan.FromHours(ParticipantIdleHours);
}
