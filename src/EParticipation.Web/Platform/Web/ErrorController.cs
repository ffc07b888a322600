using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace EParticipation.Web.Platform.Web;

/// <summary>
/// The localised error pages. Re-executed by the framework for 4xx/5xx answers without a body and
/// for unhandled exceptions; it shows a plain explanation and never an exception or stack trace.
/// The status comes from the framework (the re-executed answer's own status, or the exception) and
/// otherwise from the address, never from the request's body or query: the action has no
/// parameters, so nothing is model-bound. An address with a code the portal never answers
/// (/error/99999, /error/200) is a missing page.
/// </summary>
[IgnoreAntiforgeryToken]
[Route("error")]
public sealed class ErrorController : PortalController
{
    /// <summary>The codes that have their own text on the page.</summary>
    private static readonly int[] Explained = [400, 403, 404, 405, 413, 429, 500, 503];

    /// <summary>How long a client should wait before trying again while the database is unreachable.</summary>
    private const string RetryAfterSeconds = "10";

    [Route("{code:int}")]
    public IActionResult Status()
    {
        var status = StatusToAnswer();
        Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            Response.Headers.RetryAfter = RetryAfterSeconds;
        }
        var shown = Explained.Contains(status) ? status : status >= 500 ? 500 : 400;
        return View("Status", shown);
    }

    private int StatusToAnswer()
    {
        if (HttpContext.Features.Get<IExceptionHandlerFeature>() is { } failure)
        {
            // The database could not be reached or answered in time: a passing outage, not a fault
            // (nothing was half-saved: actions commit whole or not at all).
            return Data.DatabaseFailure.Is(failure.Error) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        }
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is { } reExecuted)
        {
            return reExecuted.OriginalStatusCode is >= 400 and <= 599 ? reExecuted.OriginalStatusCode : StatusCodes.Status500InternalServerError;
        }
        // Visited directly: only a code this page explains, otherwise "not found".
        return int.TryParse(RouteData.Values["code"] as string, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) && Explained.Contains(code)
            ? code
            : StatusCodes.Status404NotFound;
    }
}
