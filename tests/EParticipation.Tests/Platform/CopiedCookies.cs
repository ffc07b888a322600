using System.Net;
using EParticipation.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EParticipation.Tests.Platform;

/// <summary>A sign-in cookie taken from a browser and replayed alone, as an attacker who copied it would.</summary>
internal static class CopiedCookies
{
    /// <summary>Signs in through the form and returns the sign-in cookie the browser was given.</summary>
    public static async Task<string> SignInAsync(PortalClient client, string email)
    {
        var response = await client.SubmitAsync("/ar/account/login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = TestAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ep-auth=", StringComparison.Ordinal));
        return setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)];
    }

    /// <summary>A request from a fresh client of <paramref name="portal"/> that carries only the copied cookie.</summary>
    public static async Task<HttpResponseMessage> ReplayAsync(PortalFactory portal, string cookie, string path)
    {
        using var http = portal.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = false,
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await http.SendAsync(request);
    }

    /// <summary>Whether the cookie still signs a request in (a page, not the sign-in redirect).</summary>
    public static async Task<bool> IsSignedInAsync(PortalFactory portal, string cookie, string path)
    {
        var response = await ReplayAsync(portal, cookie, path);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return true;
        }
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return false;
    }
}
