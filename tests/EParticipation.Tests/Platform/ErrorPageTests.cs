using System.Net;
using EParticipation.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Tests.Platform;

/// <summary>A failure inside the portal shows a plain localised page and nothing internal.</summary>
public sealed class ErrorPageTests : IClassFixture<ErrorPageTests.ThrowingPortal>
{
    private readonly ThrowingPortal _factory;

    public ErrorPageTests(ThrowingPortal factory) => _factory = factory;

    [Theory]
    [InlineData("/ar/test/throw", "ar", "حدث خطأ من جهتنا")]
    [InlineData("/en/test/throw", "en", "Something went wrong on our side")]
    public async Task UnhandledException_ShowsLocalisedPageWithoutInternalDetail(string path, string lang, string title)
    {
        var response = await _factory.Browser().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = await PortalClient.ParseAsync(html);
        Assert.Equal(lang, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(title, page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.DoesNotContain("SecretDetail", html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>The portal with one extra address that fails, as a bug would.</summary>
    public sealed class ThrowingPortal : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ThrowingStartupFilter>());
        }
    }

    private sealed class ThrowingStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
                context.Request.Path.Value?.EndsWith("/test/throw", StringComparison.Ordinal) == true
                    ? throw new InvalidOperationException("SecretDetail: connection string Password=xyz")
                    : nextMiddleware(context));
        };
    }
}
