using Microsoft.AspNetCore.Mvc;

namespace EParticipation.Web.Platform.Web;

/// <summary>Saves the visual settings from the header form in a cookie and returns to the same page.</summary>
[Route(PortalRoute.Prefix + "/settings/display")]
public sealed class DisplaySettingsController : PortalController
{
    [HttpGet("")]
    public IActionResult Index(string? returnUrl)
    {
        ViewData["ReturnUrl"] = returnUrl;
        return View(DisplaySettings.From(Request));
    }

    [HttpPost("")]
    public IActionResult Save(string? textSize, string? contrast, string? returnUrl)
    {
        var settings = new DisplaySettings(
            DisplaySettings.TextSizes.Contains(textSize) ? textSize! : "normal",
            contrast == "high");
        Response.Cookies.Append(DisplaySettings.CookieName, settings.ToCookie(), Security.CookiePolicy.Preference(Request));
        // The header's script saves in the background and has already applied the change: no page to send.
        if (Request.Headers.XRequestedWith == "fetch")
        {
            return NoContent();
        }
        return RedirectToLocal(returnUrl, "");
    }
}
