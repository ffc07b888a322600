using System.Diagnostics;

namespace EParticipation.Web.Platform.Web;

/// <summary>
/// One log line per request: method, path, status and duration. The query string is left out on
/// purpose: confirmation and reset links carry tokens there.
/// </summary>
public sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var path = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalPath
                ?? context.Request.Path.Value;
            LogRequest(logger, context.Request.Method, path, context.Response.StatusCode, elapsed);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string? path, int statusCode, double elapsedMs);
}
