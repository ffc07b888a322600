using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace EParticipation.Web.Platform.Content;

[Route(PortalRoute.Prefix + "/pages")]
public sealed class ContentPagesController(ContentPages pages) : PortalController
{
    [HttpGet("{slug}")]
    public IActionResult Show(string slug)
    {
        var page = pages.Find(slug, Lang);
        return page is null ? NotFound() : View(page);
    }
}
