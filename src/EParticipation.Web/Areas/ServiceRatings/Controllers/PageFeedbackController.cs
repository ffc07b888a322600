using EParticipation.Web.Areas.ServiceRatings.Models;
using EParticipation.Web.Areas.ServiceRatings.Services;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Security;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.ServiceRatings.Controllers;

/// <summary>
/// "Was this information useful?" (the form at the foot of every public page): a plain form post that
/// goes back to the page with a thank-you. Anonymous; a filled honeypot is thanked and dropped; limited
/// per client address. Administrators see the answers for every page, an agency's publishers for its
/// services' pages and its dashboard page.
/// </summary>
[Area("ServiceRatings")]
[Route(PortalRoute.Prefix + "/page-feedback")]
public sealed class PageFeedbackController(AppDbContext db, PageFeedbackService feedback, IStringLocalizer<ServiceRatingsResource> t) : PortalController
{
    [HttpPost("")]
    [EnableRateLimiting(RateLimits.PageFeedback)]
    public async Task<IActionResult> Send([FromForm] PageFeedbackInput input, [FromServices] IValidator<PageFeedbackInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var path = PageFeedbackService.PathOf(input.Page);
        var back = path is null ? LangPath("") : input.Page!.Split('#')[0];
        if (!string.IsNullOrEmpty(input.Website))
        {
            // A bot filled the field people never see: it is thanked like anyone, and nothing is kept.
            Flash(t["Thank you for your feedback."]);
            return LocalRedirect(back);
        }
        if (path is null || !(await validator.ValidateAsync(input, cancellationToken)).IsValid)
        {
            return MessagePage(t["Your feedback was not sent"], t["Choose yes or no, and if you write something, keep it under 500 characters."],
                t["Back to the page"], back, StatusCodes.Status400BadRequest);
        }
        await feedback.SaveAsync(path, input, Lang, cancellationToken);
        if (input.Useful == "no" && PageFeedbackService.AsksForHelp(input.Text))
        {
            return View("Thanks", new PageFeedbackThanks(back, true));
        }
        Flash(t["Thank you for your feedback."]);
        return LocalRedirect(back);
    }

    [Authorize]
    [HttpGet("results")]
    public async Task<IActionResult> Results(string? page, CancellationToken cancellationToken)
    {
        IReadOnlyList<string>? prefixes = null;
        if (!User.IsInRole(Roles.Administrator))
        {
            if (!User.IsInRole(Roles.AgencyPublisher) || User.AgencyId() is not { } agencyId)
            {
                return Forbid();
            }
            // An agency's own pages: its services' pages and its dashboard page.
            var ids = await db.GovernmentServices.AsNoTracking().Where(s => s.AgencyId == agencyId).Select(s => s.Id).ToListAsync(cancellationToken);
            var code = await db.Agencies.Where(a => a.Id == agencyId).Select(a => a.Code).SingleAsync(cancellationToken);
            prefixes = [.. ids.SelectMany(id => new[] { $"/{ServiceRatingsModule.Path}/{id}", $"/{ServiceRatingsModule.DashboardPath}/services/{id}" }),
                $"/{ServiceRatingsModule.DashboardPath}/agencies/{code}"];
        }
        return View(await feedback.ResultsAsync(page, prefixes, cancellationToken));
    }
}
