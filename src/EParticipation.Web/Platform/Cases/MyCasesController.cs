using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Security;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Platform.Cases;

/// <summary>
/// The submitter's side: "My cases" and each case's page, where they add information when asked,
/// reopen an answer that did not resolve it, withdraw, and rate the handling. A case opens only for
/// its signed-in owner; anyone else (even holding the tracking number or the email's link) gets
/// "not found".
/// </summary>
[Authorize]
[Route(PortalRoute.Prefix)]
public sealed class MyCasesController(
    CaseQueries queries,
    CaseWorkflow workflow,
    WorkingDays workingDays,
    TimeProvider clock,
    IStringLocalizer<SharedResource> s) : PortalController
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    [HttpGet("account/cases")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await queries.MineAsync(User.RequiredUserId(), cancellationToken));

    [HttpGet("cases/{trackingNumber}")]
    public async Task<IActionResult> Show(string trackingNumber, CancellationToken cancellationToken)
    {
        var page = await PageAsync(trackingNumber, null, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    [HttpGet("cases/{trackingNumber}/attachments/{attachmentId:long}")]
    public async Task<IActionResult> Attachment(string trackingNumber, long attachmentId, [FromServices] Attachments.AttachmentStore store, CancellationToken cancellationToken)
    {
        var c = await queries.ForSubmitterAsync(trackingNumber, User.RequiredUserId(), cancellationToken);
        var file = c?.Attachments.SingleOrDefault(a => a.Id == attachmentId);
        return file is null ? NotFound() : store.Download(file.StorageKey, file.FileName, file.ContentType, Response);
    }

    [HttpPost("cases/{trackingNumber}/information")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> AddInformation(string trackingNumber, [Bind(Prefix = "Information")] CaseTextInput input, [FromServices] IValidator<CaseTextInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var c = await queries.ForSubmitterAsync(trackingNumber, User.RequiredUserId(), cancellationToken);
        if (c is null)
        {
            return NotFound();
        }
        if (!await validator.ValidateIntoAsync(input, ModelState, "Information"))
        {
            return View("Show", await PageAsync(c, p => p.Information = input, cancellationToken));
        }
        if (!await workflow.AddInformationAsync(c, input.Text!, cancellationToken))
        {
            return NotNow();
        }
        Flash(s["Thank you. Your information has been added and the clock runs again."]);
        return LocalRedirect(LangPath(CaseEmails.PathOf(c)));
    }

    [HttpPost("cases/{trackingNumber}/reopen")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> Reopen(string trackingNumber, [Bind(Prefix = "Reopen")] CaseTextInput input, [FromServices] IValidator<CaseTextInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var c = await queries.ForSubmitterAsync(trackingNumber, User.RequiredUserId(), cancellationToken);
        if (c is null)
        {
            return NotFound();
        }
        if (!await validator.ValidateIntoAsync(input, ModelState, "Reopen"))
        {
            return View("Show", await PageAsync(c, p => p.Reopen = input, cancellationToken));
        }
        if (!await workflow.ReopenAsync(c, input.Text!, cancellationToken))
        {
            return NotNow();
        }
        Flash(s["Your case has been reopened. The agency has 10 working days to answer again."]);
        return LocalRedirect(LangPath(CaseEmails.PathOf(c)));
    }

    [HttpPost("cases/{trackingNumber}/withdraw")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> Withdraw(string trackingNumber, CancellationToken cancellationToken)
    {
        var c = await queries.ForSubmitterAsync(trackingNumber, User.RequiredUserId(), cancellationToken);
        if (c is null)
        {
            return NotFound();
        }
        if (!await workflow.WithdrawAsync(c, cancellationToken))
        {
            return NotNow();
        }
        Flash(s["Your case has been withdrawn."]);
        return LocalRedirect(LangPath(CaseEmails.PathOf(c)));
    }

    [HttpPost("cases/{trackingNumber}/rate")]
    [EnableRateLimiting(RateLimits.Submission)]
    public async Task<IActionResult> Rate(string trackingNumber, [Bind(Prefix = "Rate")] CaseRateInput input, [FromServices] IValidator<CaseRateInput> validator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var c = await queries.ForSubmitterAsync(trackingNumber, User.RequiredUserId(), cancellationToken);
        if (c is null)
        {
            return NotFound();
        }
        if (!await validator.ValidateIntoAsync(input, ModelState, "Rate"))
        {
            return View("Show", await PageAsync(c, p => p.Rate = input, cancellationToken));
        }
        if (!await workflow.RateAsync(c, input.Stars!.Value, input.Comment, cancellationToken))
        {
            return NotNow();
        }
        Flash(s["Thank you for rating how your case was handled."]);
        return LocalRedirect(LangPath(CaseEmails.PathOf(c)));
    }

    private ViewResult NotNow() =>
        MessagePage(s["This cannot be done now"], s["The case has moved on since you opened the page. Open it again to see where it is."], s["My cases"], LangPath("account/cases"), StatusCodes.Status409Conflict);

    private async Task<MyCasePage?> PageAsync(string trackingNumber, Action<MyCasePageInputs>? inputs, CancellationToken cancellationToken)
    {
        var c = await queries.ForSubmitterAsync(trackingNumber, User.RequiredUserId(), cancellationToken);
        return c is null ? null : await PageAsync(c, inputs, cancellationToken);
    }

    private async Task<MyCasePage> PageAsync(Case c, Action<MyCasePageInputs>? inputs, CancellationToken cancellationToken)
    {
        var calendar = await workingDays.CalendarAsync(cancellationToken);
        var given = new MyCasePageInputs();
        inputs?.Invoke(given);
        return new MyCasePage
        {
            Case = c,
            Count = CaseClock.Count(c, calendar, Now),
            Overdue = c.IsOverdueOn(WorkingDayCalendar.SaudiDate(clock.GetUtcNow().UtcDateTime)),
            CanReopen = c.CanReopenAt(Now),
            Information = given.Information,
            Reopen = given.Reopen,
            Rate = given.Rate,
        };
    }
}
