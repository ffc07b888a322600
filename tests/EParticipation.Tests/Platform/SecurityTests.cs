using System.Net;
using EParticipation.Tests.Infrastructure;
using EParticipation.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EParticipation.Tests.Platform;

/// <summary>The security baseline: antiforgery, object-level authorization by agency, cookie flags, secret-free logs.</summary>
public sealed class SecurityTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/ar/account/login")]
    [InlineData("/ar/account/register")]
    [InlineData("/ar/settings/display")]
    public async Task Post_WithoutAntiforgeryToken_Gets400(string path)
    {
        var response = await factory.Browser().PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "a@example.test", ["Password"] = "x" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("تعذّر إكمال الطلب", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithATokenFromAnotherSession_Gets400()
    {
        var first = factory.Client();
        var page = await first.PageAsync("/ar/account/login");
        var token = page.QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await factory.Browser().PostAsync("/ar/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Email"] = "a@example.test",
            ["Password"] = "x",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AgencyStaff_AskingForAnotherAgencysRecordById_IsDenied()
    {
        var (client, _) = await TestAccounts.SignedInAsync(factory, [Roles.AgencyPublisher], agencyCode: "hrsd");
        var (hrsd, moj) = await factory.WithDbAsync(async db => (
            await db.Agencies.Where(a => a.Code == "hrsd").Select(a => a.Id).SingleAsync(),
            await db.Agencies.Where(a => a.Code == "moj").Select(a => a.Id).SingleAsync()));

        var own = await client.PageAsync($"/ar/staff/agencies/{hrsd}");
        Assert.Contains("وزارة الموارد البشرية والتنمية الاجتماعية", own.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        var other = await client.GetAsync($"/ar/staff/agencies/{moj}");
        // Like an id that does not exist, so other agencies' ids cannot be probed (issue 10).
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/ar/staff/agencies/999999")).StatusCode);
        Assert.DoesNotContain("LegislationsOffice@moj.gov.sa", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffWorkspace_ForAParticipant_IsForbidden_AndForAVisitor_AsksToSignIn()
    {
        var (participant, _) = await TestAccounts.SignedInAsync(factory);
        Assert.Equal(HttpStatusCode.Forbidden, (await participant.GetAsync("/ar/staff")).StatusCode);

        var visitor = await factory.Browser().GetAsync("/en/staff");
        Assert.Equal(HttpStatusCode.Redirect, visitor.StatusCode);
        Assert.StartsWith("/en/account/login?ReturnUrl=", visitor.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminArea_IsForAdministratorsOnly()
    {
        var (staff, _) = await TestAccounts.SignedInAsync(factory, [Roles.AgencyPublisher, Roles.LegislationReviewer], agencyCode: "moj");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/ar/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/ar/admin/agencies/1")).StatusCode);

        var (admin, _) = await TestAccounts.SignedInAsync(factory, [Roles.Administrator]);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/ar/admin")).StatusCode);
    }

    [Fact]
    public async Task SessionCookies_AreSecureHttpOnlyAndSameSite()
    {
        var user = await TestAccounts.CreateAsync(factory);
        var client = factory.Client();
        var loginPage = await client.GetAsync("/ar/account/login");
        var csrf = loginPage.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ep-csrf=", StringComparison.Ordinal));
        Assert.Contains("secure", csrf, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", csrf, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", csrf, StringComparison.OrdinalIgnoreCase);

        var signedIn = await client.SubmitAsync("/ar/account/login", new Dictionary<string, string> { ["Email"] = user.Email!, ["Password"] = TestAccounts.Password });
        var auth = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ep-auth=", StringComparison.Ordinal));
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Log_HasOneLinePerRequest_AndNeverThePasswordOrToken()
    {
        var email = $"log-{Guid.NewGuid():N}@example.test";
        const string password = "a very secret passphrase";
        var client = factory.Client();
        await client.SubmitAsync("/ar/account/register", new Dictionary<string, string>
        {
            ["AccountType"] = "Citizen",
            ["FullName"] = "Log Test",
            ["Email"] = email,
            ["Password"] = password,
            ["ConfirmPassword"] = password,
            ["AcceptTerms"] = "true",
        });
        var mail = await factory.PickupFolder.WaitForAsync(email);
        var link = new Uri(mail.LinkContaining("confirm-email"));
        await client.GetAsync(link.PathAndQuery);
        var code = System.Web.HttpUtility.ParseQueryString(link.Query)["code"]!;

        var log = await ReadLogAsync("HTTP GET /ar/account/confirm-email responded 200");
        Assert.Matches(@"HTTP POST /ar/account/register responded 302 in \d+(\.\d)? ms", log);
        Assert.DoesNotContain(password, log, StringComparison.Ordinal);
        Assert.DoesNotContain(code, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_ControlCharactersInAPathOrMessage_CannotForgeALine()
    {
        var response = await factory.Browser().GetAsync("/ar/x%0aFORGED-LINE%0d%0aFORGED-CRLF");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // A message that is not a template and an exception's text reach the text sinks as they are:
        // their further lines are indented under the event's own.
        var logger = factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LogForgeryTest");
#pragma warning disable CA1848, CA2254 // on purpose: text that is not a constant template
        logger.LogWarning(new InvalidOperationException("bad input\nFORGED-EXCEPTION"), "first line\nFORGED-MESSAGE " + Guid.NewGuid().ToString("N"));
#pragma warning restore CA1848, CA2254

        var log = await ReadLogAsync("FORGED-EXCEPTION");
        var lines = log.Split('\n');
        Assert.Contains(lines, l => l.Contains(@"[INF] Serilog.AspNetCore.RequestLoggingMiddleware: HTTP GET /ar/x\nFORGED-LINE\r\nFORGED-CRLF responded 404 in ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("FORGED-LINE", StringComparison.Ordinal) || l.TrimStart().StartsWith("FORGED-CRLF", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("FORGED-", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("    FORGED-MESSAGE ", StringComparison.Ordinal));
        // Every line at the margin is an event of its own: it starts with the timestamp.
        Assert.All(lines.Where(l => l.Length > 0 && !l.StartsWith(' ')), l => Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} ", l));
    }

    private async Task<string> ReadLogAsync(string waitFor)
    {
        var folder = Path.Combine(factory.DataFolder, "logs");
        for (var i = 0; i < 50; i++)
        {
            var text = string.Concat(Directory.Exists(folder)
                ? Directory.GetFiles(folder).Select(f =>
                {
                    using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                    using var reader = new StreamReader(stream);
                    return reader.ReadToEnd();
                })
                : []);
            if (text.Contains(waitFor, StringComparison.Ordinal))
            {
                return text;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The log never showed: " + waitFor);
    }
}

/// <summary>Rate limits answer 429 once the configured number of attempts is used.</summary>
public sealed class RateLimitTests : IClassFixture<RateLimitTests.StrictPortal>
{
    private readonly StrictPortal _factory;

    public RateLimitTests(StrictPortal factory) => _factory = factory;

    [Theory]
    [InlineData("/ar/account/login", "Email", "Password")]
    [InlineData("/ar/account/register", "Email", "FullName")]
    [InlineData("/ar/account/forgot-password", "Email", null)]
    public async Task RepeatedAttempts_BeyondTheLimit_Get429WithALocalisedPage(string path, string field, string? other)
    {
        var client = _factory.Client();
        var fields = new Dictionary<string, string> { [field] = "someone@example.test" };
        if (other is not null)
        {
            fields[other] = "wrong-password";
        }
        for (var i = 0; i < 3; i++)
        {
            var allowed = await client.SubmitAsync(path, fields);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }
        var refused = await client.SubmitAsync(path, fields);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("محاولات كثيرة", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(refused.Headers.RetryAfter is not null);
    }

    public sealed class StrictPortal : PortalFactory
    {
        public StrictPortal()
        {
            With("RateLimits:sign-in:PermitLimit", "3");
            With("RateLimits:registration:PermitLimit", "3");
            With("RateLimits:password-reset:PermitLimit", "3");
        }
    }
}
