using Microsoft.AspNetCore.Mvc;

namespace EParticipation.Web.Platform.Web;

/// <summary>
/// The localised error pages. Re-executed by the framework for 4xx/5xx answers without a body and
/// for unhandled exceptions; it shows a plain explanation and never an exception or stack trace.
/// </summary>
[IgnoreAntiforgeryToken]
[Route("error")]
public sealed class ErrorController : PortalController
{
    [Route("{code:int}")]
    public IActionResult Status(int code)
    {
        var known = code is 400 or 403 or 404 or 405 or 429 ? code : code >= 500 ? 500 : 400;
        Response.StatusCode = code;
        return View("Status", known);
    }
}
