using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace EParticipation.Web.Platform.Identity;

/// <summary>Identity's confirmation and reset tokens, made safe for a link's query string and back.</summary>
public static class AccountTokens
{
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token, or null when the code is missing or not valid base64url (a mangled link).</summary>
    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
