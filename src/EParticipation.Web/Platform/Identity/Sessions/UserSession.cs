namespace EParticipation.Web.Platform.Identity.Sessions;

/// <summary>
/// One signed-in browser. The sign-in cookie carries only <see cref="Id"/>; the ticket itself
/// (claims and expiry) lives here, so deleting the row ends the session on every instance at once.
/// </summary>
public class UserSession
{
    /// <summary>A random key (256 bits, base64url), the only thing the cookie names.</summary>
    public string Id { get; set; } = "";

    public Guid UserId { get; set; }

    /// <summary>The authentication ticket, serialised and encrypted with the data-protection keys.</summary>
    public byte[] Ticket { get; set; } = [];

    /// <summary>A short description of the browser and system ("Firefox on Windows"), shown on the account page.</summary>
    public string Device { get; set; } = "";

    /// <summary>True when the account held a staff role at sign-in: its idle timeout is the staff one.</summary>
    public bool IsStaff { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The last request made with this session, to the minute.</summary>
    public DateTime LastSeenAt { get; set; }

    /// <summary>When the ticket expires (sliding: moved forward as the cookie is renewed).</summary>
    public DateTime? ExpiresAt { get; set; }
}
