using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace EParticipation.Web.Platform.Notifications;

/// <summary>
/// Signed, expiring tokens for the unsubscribe link in every email: anyone holding the link can stop
/// those emails without signing in, and nobody can forge one for another account. The signature
/// comes from the shared data-protection keys, so any instance accepts a link another one wrote.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>Stops every kind of follow email.</summary>
    public const string AllKinds = "*";

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    private readonly IDataProtector _protector = protection.CreateProtector("EParticipation.Unsubscribe.v1");

    public string Create(Guid userId, string kind) => Create(userId, kind, clock.GetUtcNow());

    public string Create(Guid userId, string kind, DateTimeOffset issuedAt) =>
        _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{userId:N}|{kind}|{issuedAt.ToUnixTimeSeconds()}"));

    public UnsubscribeRequest? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }
        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        var parts = payload.Split('|');
        if (parts.Length != 3
            || !Guid.TryParseExact(parts[0], "N", out var userId)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var issued))
        {
            return null;
        }
        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued);
        return age < TimeSpan.Zero || age > Lifetime ? null : new UnsubscribeRequest(userId, parts[1]);
    }
}

public sealed record UnsubscribeRequest(Guid UserId, string Kind);
