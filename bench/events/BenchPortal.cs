using EParticipation.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.Bench.Events;

/// <summary>
/// The portal in-process on its own PostgreSQL database, configured as the tests configure it, with
/// two changes for a crowd: the rate limits are lifted (1,000 people behind one test server share an
/// address), and the bench's accounts are hashed with fewer PBKDF2 rounds so that signing 1,000 of
/// them in through the form does not take longer than the race itself. Neither touches registration.
/// </summary>
internal sealed class BenchPortal : PortalFactory
{
    public BenchPortal()
    {
        foreach (var policy in new[] { "sign-in", "sign-in-email", "submission" })
        {
            With($"RateLimits:{policy}:PermitLimit", "1000000");
        }
        With("Serilog:MinimumLevel:Default", "Warning");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
    }
}
