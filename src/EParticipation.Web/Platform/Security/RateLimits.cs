using System.Globalization;
using System.Threading.RateLimiting;
using EParticipation.Web.Platform.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace EParticipation.Web.Platform.Security;

/// <summary>
/// Named rate limits. Sign-in, registration and password reset are limited per client address;
/// sign-in also per submitted email address, so one client cannot try many addresses and many
/// clients cannot pile attempts onto one address. Submissions (comments, complaints, ideas...) are
/// limited per signed-in account. Refusals answer 429 with a localised page. Limits are
/// configuration ("RateLimits:sign-in:PermitLimit", "RateLimits:sign-in-email:PermitLimit", ...).
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Registration = "registration";
    public const string PasswordReset = "password-reset";
    public const string Submission = "submission";

    /// <summary>Votes in polls (casting and changing), per account.</summary>
    public const string Vote = "vote";

    /// <summary>Anonymous answers to "was this information useful?", per client address.</summary>
    public const string PageFeedback = "page-feedback";

    /// <summary>New ideas, per account: fewer than comments, an idea is a longer piece of work.</summary>
    public const string IdeaSubmission = "idea-submission";

    /// <summary>Supports given and withdrawn, per account.</summary>
    public const string Support = "support";

    /// <summary>The per-email half of <see cref="SignIn"/>: configuration only, not an endpoint policy.</summary>
    public const string SignInPerEmail = "sign-in-email";

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }
                return ValueTask.CompletedTask;
            };
            AddPerClient(options, configuration, SignIn, permitLimit: 10, window: TimeSpan.FromMinutes(5));
            AddPerClient(options, configuration, Registration, permitLimit: 5, window: TimeSpan.FromMinutes(15));
            AddPerClient(options, configuration, PasswordReset, permitLimit: 5, window: TimeSpan.FromMinutes(15));
            AddPerAccount(options, configuration, Submission, permitLimit: 30, window: TimeSpan.FromMinutes(1));
            AddPerAccount(options, configuration, Vote, permitLimit: 20, window: TimeSpan.FromMinutes(1));
            AddPerClient(options, configuration, PageFeedback, permitLimit: 10, window: TimeSpan.FromMinutes(10));
            AddPerAccount(options, configuration, IdeaSubmission, permitLimit: 10, window: TimeSpan.FromMinutes(10));
            AddPerAccount(options, configuration, Support, permitLimit: 60, window: TimeSpan.FromMinutes(1));
            // The global limiter runs before the endpoint's policy: for sign-in endpoints it counts the
            // attempts at each email address (RequestSizeMiddleware has already read the form).
            var perEmail = Read(configuration, SignInPerEmail, permitLimit: 10, window: TimeSpan.FromMinutes(5));
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                SubmittedEmailOnSignIn(context) is { } email
                    ? RateLimitPartition.GetFixedWindowLimiter("email:" + email, _ => perEmail)
                    : RateLimitPartition.GetNoLimiter(""));
        });
        return services;
    }

    private static string? SubmittedEmailOnSignIn(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName != SignIn
            || context.Features.Get<Microsoft.AspNetCore.Http.Features.IFormFeature>()?.Form is not { } form)
        {
            return null;
        }
        var email = form["Email"].ToString().Trim();
        return email.Length == 0 ? null : email.ToUpperInvariant();
    }

    private static void AddPerClient(RateLimiterOptions options, IConfiguration configuration, string name, int permitLimit, TimeSpan window)
    {
        var limit = Read(configuration, name, permitLimit, window);
        options.AddPolicy(name, context => RateLimitPartition.GetFixedWindowLimiter(
            "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
            _ => limit));
    }

    private static void AddPerAccount(RateLimiterOptions options, IConfiguration configuration, string name, int permitLimit, TimeSpan window)
    {
        var limit = Read(configuration, name, permitLimit, window);
        options.AddPolicy(name, context => RateLimitPartition.GetFixedWindowLimiter(
            context.User.UserId() is { } id ? "user:" + id : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
            _ => limit));
    }

    private static FixedWindowRateLimiterOptions Read(IConfiguration configuration, string name, int permitLimit, TimeSpan window)
    {
        var section = configuration.GetSection("RateLimits:" + name);
        return new FixedWindowRateLimiterOptions
        {
            PermitLimit = section.GetValue("PermitLimit", permitLimit),
            Window = TimeSpan.FromSeconds(section.GetValue("WindowSeconds", (int)window.TotalSeconds)),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
