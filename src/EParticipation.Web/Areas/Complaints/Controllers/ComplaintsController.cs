using EParticipation.Web.Areas.Complaints.Domain;
using EParticipation.Web.Areas.Complaints.Models;
using EParticipation.Web.Areas.Complaints.Services;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Agencies;
using EParticipation.Web.Platform.Attachments;
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

namespace EParticipation.Web.Areas.Complaints.Controllers;

/// <summary>
/// The guided intake: "what is the matter about?", then either a complaint form for a government
/// agency (a case with the 10-working-day clock) or a page that explains which national channel
/// handles it and how to reach it. A referral stores no details, only a count per category.
/// </summary>
[Area("Complaints")]
[Route(PortalRoute.Prefix + "/" + ComplaintsModule.Path)]
public sealed class ComplaintsController(
    AppDbContext db,
    ComplaintRouting routing,
    AgencyDirectory agencyDirectory,
    ComplaintIntake intake,
    CaseWorkflow workflow,
    AttachmentStore attachments,
    IStringLocalizer<ComplaintsResource> t) : PortalController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var (_, choices) = await routing.ChoicesAsync(null, cancellationToken);
        return View("Step", new RoutingStep(null, choices, null));
    }

    [HttpGet("choose/{code}")]
    public async Task<IActionResult> Choose(string code, CancellationToken cancellationToken)
    {
        var (parent, choices) = await routing.ChoicesAsync(code, cancellationToken);
        return parent is null ? NotFound() : View("Step", new RoutingStep(parent, choices, null));
    }

    /// <summary>The answer to a step: where it leads. A referral is counted here, once per answer.</summary>
    [HttpPost("route")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> Route([FromForm(Name = "route")] string? code, [FromForm(Name = "parent")] string? parentCode, CancellationToken cancellationToken)
    {
        var route = string.IsNullOrEmpty(code) ? null : await routing.FindAsync(code, cancellationToken);
        if (route is null || route.Parent?.Code != (string.IsNullOrEmpty(parentCode) ? null : parentCode))
        {
            var (parent, choices) = await routing.ChoicesAsync(string.IsNullOrEmpty(parentCode) ? null : parentCode, cancellationToken);
            ModelState.AddModelError("route", t["Choose what your matter is about."]);
            var page = View("Step", new RoutingStep(parent, choices, t["Choose what your matter is about."]));
            page.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }
        switch (route.Target)
        {
            case RouteTarget.Choose:
                return LocalRedirect(LangPath($"{ComplaintsModule.Path}/choose/{route.Code}"));
            case RouteTarget.AgencyCase:
                return LocalRedirect(LangPath($"{ComplaintsModule.Path}/new/{route.Code}"));
            default:
                await routing.CountReferralAsync(route, cancellationToken);
                return LocalRedirect(LangPath($"{ComplaintsModule.Path}/referral/{route.Code}"));
        }
    }

    [HttpGet("referral/{code}")]
    public async Task<IActionResult> Referral(string code, CancellationToken cancellationToken)
    {
        var route = await routing.FindAsync(code, cancellationToken);
        return route is { Target: RouteTarget.Referral, Channel: not null } ? View(route) : NotFound();
    }

    /// <summary>The form; another page may prefill the agency and the service (?agency=id&amp;service=name&amp;serviceId=id), as a low service rating does.</summary>
    [Authorize]
    [HttpGet("new/{code}")]
    public async Task<IActionResult> New(string code, [FromQuery(Name = "agency")] int? agencyId, [FromQuery(Name = "service")] string? service, [FromQuery(Name = "serviceId")] int? serviceId, CancellationToken cancellationToken)
    {
        var route = await routing.FindAsync(code, cancellationToken);
        if (route is not { Target: RouteTarget.AgencyCase })
        {
            return NotFound();
        }
        var input = new ComplaintInput { SubmissionKey = Guid.NewGuid(), AgencyId = agencyId, ServiceId = serviceId, Service = service is { Length: > 0 } ? service.Trim()[..Math.Min(service.Trim().Length, 200)] : null };
        return View(await FormAsync(route, input, cancellationToken));
    }

    [Authorize]
    [HttpPost("new/{code}")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> New(string code, [Bind(Prefix = "Input")] ComplaintInput input, [FromServices] IValidator<ComplaintInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var route = await routing.FindAsync(code, cancellationToken);
        if (route is not { Target: RouteTarget.AgencyCase })
        {
            return NotFound();
        }
        var valid = await validator.ValidateIntoAsync(input, ModelState, "Input");
        if (route.AgencyId is null && (input.AgencyId is not { } agencyId || await agencyDirectory.ActiveAsync(db, agencyId, cancellationToken) is null))
        {
            ModelState.AddModelError("Input.AgencyId", t["Choose the agency the complaint is about."]);
            valid = false;
        }
        var stored = new List<StoredAttachment>();
        if (valid)
        {
            foreach (var file in input.Files)
            {
                var upload = await attachments.SaveAsync(file, AttachmentTypes.DocumentsAndImages, cancellationToken);
                if (upload.Stored is null)
                {
                    ModelState.AddModelError("Input.Files", Problem(upload.Problem, AttachmentStore.CleanFileName(file.FileName)));
                    valid = false;
                    break;
                }
                stored.Add(upload.Stored);
            }
        }
        if (!valid)
        {
            stored.ForEach(f => attachments.Delete(f.Key));
            return View(await FormAsync(route, input, cancellationToken));
        }
        var result = await intake.SubmitAsync(route, input, stored, User.RequiredUserId(), cancellationToken);
        if (!result.Created)
        {
            // The same form came before: its case already has its files.
            stored.ForEach(f => attachments.Delete(f.Key));
        }
        Flash(t["Your complaint has been received. Its tracking number is {0}; we have emailed it to you.", Isolated(result.Case.TrackingNumber)]);
        return LocalRedirect(LangPath(CaseEmails.PathOf(result.Case)));
    }

    private async Task<ComplaintFormPage> FormAsync(ComplaintRoute route, ComplaintInput input, CancellationToken cancellationToken)
    {
        var agencies = await agencyDirectory.ActiveAsync(db, cancellationToken);
        var fixedAgency = route.AgencyId is { } id ? agencies.FirstOrDefault(a => a.Id == id)?.Name : null;
        var expected = await workflow.ExpectedDueAsync(cancellationToken);
        return new ComplaintFormPage(route, agencies.Select(a => (a.Id, a.Name)).ToList(), fixedAgency, expected, input);
    }

    private string Problem(AttachmentProblem problem, string fileName) => problem switch
    {
        AttachmentProblem.TooLarge => t["{0} is larger than {1} MB.", fileName, attachments.MaxBytes / (1024 * 1024)],
        AttachmentProblem.Empty => t["{0} is empty.", fileName],
        AttachmentProblem.UnsupportedType => t["{0}: attach a PDF, an Office document (.docx, .xlsx, .pptx, .doc, .xls or .ppt) or a photo (.png, .jpg).", fileName],
        _ => t["{0} is not the kind of file its name says.", fileName],
    };

    // A tracking number is left-to-right inside an Arabic sentence; the isolates keep it whole.
    private static string Isolated(string trackingNumber) => "\u2066" + trackingNumber + "\u2069";
}
