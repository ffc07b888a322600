using EParticipation.Web.Areas.ServiceRatings.Domain;
using EParticipation.Web.Areas.ServiceRatings.Models;
using EParticipation.Web.Areas.ServiceRatings.Services;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Agencies;
using EParticipation.Web.Platform.Cases;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Moderation;
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
/// The catalogue of government services, a service's page with its figures and comments, and the
/// rating form. Anyone reads; citizens, residents and visitors with confirmed (signed-in) accounts rate.
/// </summary>
[Area("ServiceRatings")]
[Route(PortalRoute.Prefix + "/" + ServiceRatingsModule.Path)]
public sealed class ServicesController(
    AppDbContext db,
    ServiceCatalogue catalogue,
    DashboardQueries dashboard,
    RatingSubmission submission,
    CaseWorkflow workflow,
    GovernmentServiceCache services,
    AgencyDirectory agencies,
    TimeProvider clock,
    IStringLocalizer<ServiceRatingsResource> t) : PortalController
{
    private static readonly string[] RaterTypes = [nameof(AccountType.Citizen), nameof(AccountType.Resident), nameof(AccountType.Visitor)];

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] CatalogueQuery query, CancellationToken cancellationToken)
    {
        query ??= new CatalogueQuery();
        var results = await catalogue.SearchAsync(query, cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.IsActive && db.GovernmentServices.Any(s => s.AgencyId == a.Id && !s.IsRetired))
            .OrderBy(a => a.Code).Select(a => new FilterOption(a.Code, a.Name)).ToListAsync(cancellationToken);
        var sectors = await db.Sectors.AsNoTracking().Where(x => db.GovernmentServices.Any(s => s.SectorId == x.Id && !s.IsRetired))
            .OrderBy(x => x.SortOrder).Select(x => new FilterOption(x.Code, x.Name)).ToListAsync(cancellationToken);
        return View(new CataloguePage(query, results, agencies, sectors));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var page = await PageAsync(id, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    [Authorize]
    [HttpGet("{id:int}/rate")]
    public async Task<IActionResult> Rate(int id, CancellationToken cancellationToken)
    {
        var service = await CurrentServiceAsync(id, cancellationToken);
        if (service is null)
        {
            return NotFound();
        }
        if (!MayRate())
        {
            return NotAllowed();
        }
        var mine = await MineAsync(id, cancellationToken);
        var input = new RatingInput { SubmissionKey = Guid.NewGuid() };
        return View(await FormAsync(service, input, mine, cancellationToken));
    }

    [Authorize]
    [HttpPost("{id:int}/rate")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> Rate(int id, [Bind(Prefix = "Input")] RatingInput input, [FromServices] IValidator<RatingInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var service = await CurrentServiceAsync(id, cancellationToken);
        if (service is null)
        {
            return NotFound();
        }
        if (!MayRate())
        {
            return NotAllowed();
        }
        if (!await validator.ValidateIntoAsync(input, ModelState, "Input"))
        {
            var page = View(await FormAsync(service, input, await MineAsync(id, cancellationToken), cancellationToken));
            page.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }
        await submission.SubmitAsync(service, User.RequiredUserId(), input, cancellationToken);
        // Post/redirect/get: the thank-you page is a page of its own (reloading it sends nothing again).
        return SeeOther(LangPath($"{ServiceRatingsModule.Path}/{service.Id}/rated"));
    }

    /// <summary>
    /// The thank-you page after rating: what the signed-in account's current rating of the service did
    /// (recorded, or replaced the one of its window), its suggestion's case, and for 2 stars or fewer the
    /// offer of a complaint. Only ever the signed-in account's own rating: another account, or one that
    /// has not rated the service, gets the missing page.
    /// </summary>
    [Authorize]
    [HttpGet("{id:int}/rated")]
    public async Task<IActionResult> Rated(int id, CancellationToken cancellationToken)
    {
        var userId = User.RequiredUserId();
        var mine = await db.ServiceRatings.AsNoTracking().Where(r => r.ServiceId == id && r.UserId == userId)
            .Select(r => new { Service = r.Service!, r.Overall, r.Revision, r.SuggestionCase }).SingleOrDefaultAsync(cancellationToken);
        if (mine is null)
        {
            return NotFound();
        }
        // A tracking number is the account's own: kept by no cache. (With no-cache, antiforgery, which
        // sets "no-cache, no-store" on any page with a form token, has nothing to warn about.)
        Response.Headers.CacheControl = "no-cache, no-store";
        var complaint = mine.Overall <= 2 ? ComplaintHref(mine.Service) : null;
        return View("Rated", new RatedPage(mine.Service, mine.Service.AgencyId, mine.Overall, mine.Revision > 0, mine.SuggestionCase, complaint));
    }

    /// <summary>Reports a rating's comment (Platform/Moderation); enough different reporters hide it until a moderator decides.</summary>
    [Authorize]
    [HttpPost("ratings/{ratingId:long}/report")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> Report(long ratingId, [FromForm] ReportReason? reason, [FromServices] ContentReports reports, CancellationToken cancellationToken)
    {
        var rating = await db.ServiceRatings.SingleOrDefaultAsync(r => r.Id == ratingId && r.Comment != null && !r.CommentHidden, cancellationToken);
        if (rating is null)
        {
            return NotFound();
        }
        var outcome = await reports.AddAsync(ServiceRatingsModule.CommentContentType, rating.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            User.RequiredUserId(), reason is { } r && Enum.IsDefined(r) ? r : ReportReason.Other, null, cancellationToken);
        if (outcome.ReachedThreshold(reports.HideThreshold))
        {
            rating.CommentHidden = true;
        }
        await db.SaveChangesAsync(cancellationToken);
        Flash(t["Thank you. A moderator will look at this comment."]);
        return LocalRedirect(LangPath($"{ServiceRatingsModule.Path}/{rating.ServiceId}#comments"));
    }

    private bool MayRate() => RaterTypes.Contains(User.FindFirst(PortalClaims.AccountType)?.Value);

    private ViewResult NotAllowed() => MessagePage(t["Ratings are for citizens, residents and visitors"],
        t["Services are rated from a citizen's, resident's or visitor's account. A business can send feedback on regulations instead."],
        t["Back to the services"], LangPath(ServiceRatingsModule.Path), StatusCodes.Status403Forbidden);

    /// <summary>A service that is not retired, from the kept catalogue (<see cref="GovernmentServiceCache"/>): the form and its post read no service row.</summary>
    private Task<GovernmentService?> CurrentServiceAsync(int id, CancellationToken cancellationToken) =>
        services.CurrentAsync(db, id, cancellationToken);

    private async Task<MyRating?> MineAsync(int serviceId, CancellationToken cancellationToken)
    {
        if (User.UserId() is not { } userId)
        {
            return null;
        }
        var r = await db.ServiceRatings.AsNoTracking().Where(x => x.ServiceId == serviceId && x.UserId == userId)
            .Select(x => new { x.Overall, x.SubmittedAt, x.WindowStartedAt, x.SuggestionCase }).SingleOrDefaultAsync(cancellationToken);
        return r is null ? null : new MyRating(r.Overall, r.SubmittedAt, r.WindowStartedAt + ServiceRating.Window, r.SuggestionCase);
    }

    private async Task<RatingFormPage> FormAsync(GovernmentService service, RatingInput input, MyRating? mine, CancellationToken cancellationToken)
    {
        var agency = (await agencies.FindAsync(db, service.AgencyId, cancellationToken))!.Name;
        var now = clock.GetUtcNow().UtcDateTime;
        // After the window a new rating starts a new one; within it, it replaces the current rating.
        var current = mine is not null && mine.WindowEndsAt > now ? mine : null;
        return new RatingFormPage(service, agency, input, current, await workflow.ExpectedDueAsync(cancellationToken));
    }

    private async Task<ServicePage?> PageAsync(int id, CancellationToken cancellationToken)
    {
        var service = await db.GovernmentServices.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (service is null || (service.IsRetired && !User.IsStaffOf(service.AgencyId, Roles.AgencyPublisher)))
        {
            return null;
        }
        var agency = (await agencies.FindAsync(db, service.AgencyId, cancellationToken))!;
        var sector = service.SectorId is { } sectorId ? await db.Sectors.AsNoTracking().Where(s => s.Id == sectorId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken) : null;
        var comments = await db.ServiceRatings.AsNoTracking()
            .Where(r => r.ServiceId == id && r.Comment != null && !r.CommentHidden)
            .OrderByDescending(r => r.SubmittedAt).Take(10)
            .Select(r => new RatingComment(r.Id, r.Overall, r.Comment!, r.SubmittedAt))
            .ToListAsync(cancellationToken);
        var figures = await dashboard.ServiceFiguresAsync(id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var mine = await MineAsync(id, cancellationToken);
        return new ServicePage(service, agency.Name, agency.Code, sector, figures, comments,
            mine is not null && mine.WindowEndsAt > now ? mine : null, User.IsStaffOf(service.AgencyId, Roles.AgencyPublisher));
    }

    /// <summary>The complaints intake for a government agency, prefilled with the agency and the service (its name, and its id so the case counts for it).</summary>
    private static string ComplaintHref(GovernmentService service) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(LangPath("complaints/new/government-service"), new Dictionary<string, string?>
        {
            ["agency"] = service.AgencyId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["service"] = service.Name.Current,
            ["serviceId"] = service.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
}
