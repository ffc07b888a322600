using System.Net;
using EParticipation.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Platform;

/// <summary>Two instances of the portal on one database share their keys, so a sign-in on one is honoured by the other.</summary>
public sealed class InstancesTests
{
    [Fact]
    public async Task SignInOnOneInstance_IsHonouredByAnotherOnTheSameDatabase()
    {
        using var first = new PortalFactory();
        using var second = PortalFactory.OnDatabase(first.Database);
        var user = await TestAccounts.CreateAsync(first);

        var client = first.Client();
        var signIn = await client.SubmitAsync("/ar/account/login", new Dictionary<string, string> { ["Email"] = user.Email!, ["Password"] = TestAccounts.Password });
        var authCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ep-auth=", StringComparison.Ordinal)).Split(';')[0];

        using var other = second.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ar/account");
        request.Headers.Add("Cookie", authCookie);
        var response = await other.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(user.Email!, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await first.WithDbAsync(db => db.DataProtectionKeys.AnyAsync()), "The key ring lives in the database.");
    }
}
