using System.Net;
using EParticipation.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Platform;

/// <summary>The sign-in limit counts per client address and per submitted email address.</summary>
public sealed class SignInLimitSecurityTests(SignInLimitSecurityTests.StrictPortal factory) : IClassFixture<SignInLimitSecurityTests.StrictPortal>
{
    [Fact]
    public async Task ManyClients_TryingOneEmail_AreLimitedPerEmail()
    {
        var target = $"target-{Guid.NewGuid():N}@example.test";
        for (var i = 0; i < 3; i++)
        {
            var allowed = await From($"10.0.1.{i + 1}").SubmitAsync("/ar/account/login", new Dictionary<string, string> { ["Email"] = target, ["Password"] = "wrong-password-" + i });
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        var client = From("10.0.1.99");
        var refused = await client.SubmitAsync("/ar/account/login", new Dictionary<string, string> { ["Email"] = target.ToUpperInvariant(), ["Password"] = "wrong-password-x" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("محاولات كثيرة", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The same client may still try another address.
        var other = await client.SubmitAsync("/ar/account/login", new Dictionary<string, string> { ["Email"] = $"other-{Guid.NewGuid():N}@example.test", ["Password"] = "wrong-password-x" });
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task OneClient_TryingManyEmails_IsLimitedPerClient()
    {
        var client = From("10.0.2.1");
        for (var i = 0; i < 5; i++)
        {
            var allowed = await client.SubmitAsync("/ar/account/login", new Dictionary<string, string> { ["Email"] = $"harvest-{i}-{Guid.NewGuid():N}@example.test", ["Password"] = "wrong-password" });
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        var refused = await client.SubmitAsync("/ar/account/login", new Dictionary<string, string> { ["Email"] = $"harvest-x-{Guid.NewGuid():N}@example.test", ["Password"] = "wrong-password" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

        var elsewhere = await From("10.0.2.2").SubmitAsync("/ar/account/login", new Dictionary<string, string> { ["Email"] = $"harvest-y-{Guid.NewGuid():N}@example.test", ["Password"] = "wrong-password" });
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    private PortalClient From(string address)
    {
        var http = factory.Browser();
        http.DefaultRequestHeaders.Add(StrictPortal.ClientAddressHeader, address);
        return new PortalClient(http);
    }

    /// <summary>
    /// Limits of 5 attempts per client and 3 per email address. The in-process test server has no
    /// network, so a test-only header stands for the client's address.
    /// </summary>
    public sealed class StrictPortal : PortalFactory
    {
        public const string ClientAddressHeader = "X-Test-Client-Address";

        public StrictPortal()
        {
            With("RateLimits:sign-in:PermitLimit", "5");
            With("RateLimits:sign-in-email:PermitLimit", "3");
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, ClientAddressFilter>());
        }

        private sealed class ClientAddressFilter : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
                {
                    if (System.Net.IPAddress.TryParse(context.Request.Headers[ClientAddressHeader].ToString(), out var address))
                    {
                        context.Connection.RemoteIpAddress = address;
                    }
                    return nextMiddleware(context);
                });
                next(app);
            };
        }
    }
}
