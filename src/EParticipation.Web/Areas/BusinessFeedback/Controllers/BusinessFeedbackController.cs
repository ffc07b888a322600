using EParticipation.Web.Areas.BusinessFeedback.Models;
using EParticipation.Web.Areas.BusinessFeedback.Services;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Cases;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Security;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.BusinessFeedback.Controllers;

/// <summary>
/// The private-sector feedback form. Anyone can read what it is for; sending it needs an account of
/// a business representative (with a commercial-registration number).
/// </summary>
[Area("BusinessFeedback")]
[Route(PortalRoute.Prefix + "/" + BusinessFeedbackModule.Path)]
public sealed class BusinessFeedbackController(
    AppDbContext db,
    FeedbackIntake intake,
    CaseWorkflow workflow,
    IStringLocalizer<BusinessFeedbackResource> t) : PortalController
{
    [HttpGet("")]
    public IActionResult Index() => View();

    [Authorize(Policy = Policies.BusinessRepresentative)]
    [HttpGet("new")]
    public async Task<IActionResult> New(CancellationToken cancellationToken) =>
        View(await FormAsync(new FeedbackInput { SubmissionKey = Guid.NewGuid() }, cancellationToken));

    [Authorize(Policy = Policies.BusinessRepresentative)]
    [HttpPost("new")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> New([Bind(Prefix = "Input")] FeedbackInput input, [FromServices] IValidator<FeedbackInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var valid = await validator.ValidateIntoAsync(input, ModelState, "Input");
        if (input.AgencyId is { } agencyId && !await db.Agencies.AnyAsync(a => a.Id == agencyId && a.IsActive, cancellationToken))
        {
            ModelState.AddModelError("Input.AgencyId", t["Choose the agency responsible for it."]);
            valid = false;
        }
        if (!valid)
        {
            return View(await FormAsync(input, cancellationToken));
        }
        var userId = User.RequiredUserId();
        var registration = await db.Users.Where(u => u.Id == userId).Select(u => u.CommercialRegistrationNumber).SingleAsync(cancellationToken);
        var result = await intake.SubmitAsync(input, registration, userId, cancellationToken);
        Flash(t["Your feedback has been received. Its tracking number is {0}; we have emailed it to you.", Isolated(result.Case.TrackingNumber)]);
        return LocalRedirect(LangPath(CaseEmails.PathOf(result.Case)));
    }

    private async Task<FeedbackFormPage> FormAsync(FeedbackInput input, CancellationToken cancellationToken)
    {
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.Code).Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken);
        return new FeedbackFormPage(agencies.Select(a => (a.Id, a.Name)).ToList(), await workflow.ExpectedDueAsync(cancellationToken), input);
    }

    // A tracking number is left-to-right inside an Arabic sentence; the isolates keep it whole.
    private static string Isolated(string trackingNumber) => "\u2066" + trackingNumber + "\u2069";
}
