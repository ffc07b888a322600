using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Platform.Identity.Sessions;

/// <summary>The account's signed-in devices: each one can be signed out, or all of them at once.</summary>
[Authorize]
[Route(PortalRoute.Prefix + "/account/sessions")]
public sealed class SessionsController(
    UserSessions sessions,
    SignInManager<ApplicationUser> signIn,
    IStringLocalizer<SharedResource> s) : PortalController
{
    [HttpGet("")]
    public async Task<IActionResult> Index() =>
        View(await sessions.ListAsync(User.RequiredUserId(), User.SessionId(), HttpContext.RequestAborted));

    [HttpPost("{id}/end")]
    public async Task<IActionResult> End(string id)
    {
        if (id == User.SessionId())
        {
            await signIn.SignOutAsync();
            return LocalRedirect("/" + Lang);
        }
        await sessions.EndAsync(User.RequiredUserId(), id, HttpContext.RequestAborted);
        Flash(s["That device has been signed out."]);
        return LocalRedirect(LangPath("account/sessions"));
    }

    [HttpPost("end-all")]
    public async Task<IActionResult> EndAll()
    {
        await sessions.EndAllAsync(User.RequiredUserId(), cancellationToken: HttpContext.RequestAborted);
        await signIn.SignOutAsync();
        Flash(s["You have been signed out on every device."]);
        return LocalRedirect(LangPath("account/login"));
    }
}
