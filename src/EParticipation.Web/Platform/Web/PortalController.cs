using EParticipation.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc;

namespace EParticipation.Web.Platform.Web;

/// <summary>Small helpers every portal controller uses.</summary>
public abstract class PortalController : Controller
{
    /// <summary>The page's language code, "ar" or "en".</summary>
    protected static string Lang => PortalCultures.Current;

    /// <summary>A local address in the current language, for example <c>LangPath("account")</c> is "/ar/account".</summary>
    protected static string LangPath(string pathAfterLanguage) => "/" + Lang + "/" + pathAfterLanguage.TrimStart('/');

    /// <summary>Redirects to a return address only when it is local to this site (no open redirects).</summary>
    protected IActionResult RedirectToLocal(string? returnUrl, string fallbackPathAfterLanguage)
    {
        if (!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl))
        {
            return LocalRedirect(returnUrl);
        }
        return LocalRedirect(LangPath(fallbackPathAfterLanguage));
    }

    /// <summary>
    /// 303 See Other to a local address: after a form is sent, the browser fetches the next page with
    /// GET (post/redirect/get), so reloading it does not send the form again.
    /// </summary>
    protected static IActionResult SeeOther(string localPath) => new SeeOtherResult(localPath);

    /// <summary>Shows a one-message page (for example "check your email") with an optional link.</summary>
    protected ViewResult MessagePage(string title, string message, string? linkText = null, string? linkHref = null, int? statusCode = null)
    {
        var page = View("~/Views/Shared/Message.cshtml", new MessagePageModel(title, message, linkText, linkHref));
        page.StatusCode = statusCode;
        return page;
    }

    /// <summary>
    /// The refusal for a staff member who may not act on a record of <paramref name="agencyId"/>: 404
    /// when it belongs to another agency (exactly as for an id that does not exist, so other agencies'
    /// ids cannot be probed), 403 when it is their own agency's and only their role falls short.
    /// </summary>
    protected IActionResult DeniedForAgency(int agencyId) =>
        EParticipation.Web.Platform.Identity.ClaimsPrincipalExtensions.AgencyId(User) == agencyId ? Forbid() : NotFound();

    /// <summary>Puts a one-line confirmation on the next page ("Saved.").</summary>
    protected void Flash(string message) => TempData["flash"] = message;
}

/// <summary>A 303 to a local address (a path starting with a single "/").</summary>
public sealed class SeeOtherResult : IActionResult
{
    public SeeOtherResult(string localPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(localPath);
        if (localPath[0] != '/' || (localPath.Length > 1 && localPath[1] is '/' or '\\'))
        {
            throw new ArgumentException("Only a local path may be redirected to.", nameof(localPath));
        }
        LocalPath = localPath;
    }

    public string LocalPath { get; }

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status303SeeOther;
        response.Headers.Location = LocalPath;
        return Task.CompletedTask;
    }
}

public sealed record MessagePageModel(string Title, string Message, string? LinkText, string? LinkHref);
