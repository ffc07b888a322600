using Microsoft.AspNetCore.Mvc;

namespace EParticipation.Web.Platform.Web;

[Route(PortalRoute.Prefix)]
public sealed class HomeController(IEnumerable<HomeSection> sections) : PortalController
{
    [HttpGet("")]
    public IActionResult Index() => View(sections.OrderBy(s => s.Order).ToList());
}

/// <summary>
/// A block a module adds to the home page: a view component named <paramref name="ViewComponent"/>
/// (for example the open consultations).
/// </summary>
public sealed record HomeSection(string ViewComponent, int Order);
