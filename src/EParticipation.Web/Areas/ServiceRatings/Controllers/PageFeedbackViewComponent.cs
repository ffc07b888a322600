using Microsoft.AspNetCore.Mvc;

namespace EParticipation.Web.Areas.ServiceRatings.Controllers;

/// <summary>
/// The "was this information useful?" form the shared layout places on every page (by name, so the
/// layout knows no module). Left off staff screens, personal pages (account, my cases) and error pages.
/// </summary>
[ViewComponent(Name = "PageFeedback")]
public sealed class PageFeedbackViewComponent : ViewComponent
{
    private static readonly string[] Excluded = ["/account", "/staff", "/admin", "/cases", "/page-feedback", "/settings", "/manage", "/moderation", "/review", "/casework"];

    public IViewComponentResult Invoke()
    {
        var request = HttpContext.Request;
        var path = request.Path.Value ?? "/";
        if (!HttpMethods.IsGet(request.Method) || HttpContext.Response.StatusCode != StatusCodes.Status200OK
            || ViewData["PageFeedback"] is false
            || Excluded.Any(x => path.Contains(x, StringComparison.OrdinalIgnoreCase)))
        {
            return Content("");
        }
        return View("~/Areas/ServiceRatings/Views/Shared/Components/PageFeedback/Default.cshtml", path + request.QueryString.Value);
    }
}
