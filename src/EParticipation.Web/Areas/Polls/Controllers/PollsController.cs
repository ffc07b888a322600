using EParticipation.Web.Areas.Polls.Domain;
using EParticipation.Web.Areas.Polls.Models;
using EParticipation.Web.Areas.Polls.Services;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Security;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Polls.Controllers;

/// <summary>The public polls: the list (open, upcoming, closed), a poll's page, and voting.</summary>
[Area("Polls")]
[Route(PortalRoute.Prefix + "/" + PollsModule.Path)]
public sealed class PollsController(PollQueries queries, PollVoting voting, IStringLocalizer<PollsResource> t) : PortalController
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] PollListQuery query, CancellationToken cancellationToken) =>
        View(await queries.ListAsync(query, cancellationToken));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var poll = await queries.FindAsync(id, cancellationToken);
        if (poll is null)
        {
            return NotFound();
        }
        // Personal (the voter's choice, results only for voters): never stored by a shared cache.
        Response.Headers.CacheControl = "private, no-store";
        return View(await queries.PageAsync(poll, User.UserId(), cancellationToken));
    }

    /// <summary>Casts or changes the signed-in account's vote; the page then shows the results.</summary>
    [HttpPost("{id:int}/vote")]
    [Authorize]
    [EnableRateLimiting(RateLimits.Vote)]
    public async Task<IActionResult> Vote(int id, int? optionId, CancellationToken cancellationToken)
    {
        if (optionId is null)
        {
            var poll = await queries.FindAsync(id, cancellationToken);
            if (poll is null)
            {
                return NotFound();
            }
            ModelState.AddModelError("optionId", t["Choose an option."]);
            var page = View("Show", await queries.PageAsync(poll, User.UserId(), cancellationToken));
            page.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }
        var outcome = await voting.VoteAsync(id, optionId.Value, User.RequiredUserId(), cancellationToken);
        switch (outcome)
        {
            case VoteOutcome.NotFound:
                return NotFound();
            case VoteOutcome.NotOpen:
                return MessagePage(t["This poll is not open for voting"], t["Votes are accepted only between the poll's opening and closing dates."],
                    t["Back to the poll"], LangPath($"{PollsModule.Path}/{id}"), StatusCodes.Status409Conflict);
            case VoteOutcome.UnknownOption:
                return MessagePage(t["This option is not part of the poll"], t["Choose one of the poll's options and vote again."],
                    t["Back to the poll"], LangPath($"{PollsModule.Path}/{id}"), StatusCodes.Status400BadRequest);
            case VoteOutcome.GroupsNotDeclared:
                return MessagePage(t["Complete your profile to vote"],
                    t["This poll is only for: {0}. Tell us on your account page which groups you belong to (it is optional, and you can change it at any time), then vote again.", await GroupNamesAsync(id, cancellationToken)],
                    t["Complete your profile"], LangPath("account") + "#groups", StatusCodes.Status403Forbidden);
            case VoteOutcome.NotInTargetGroups:
                return MessagePage(t["This poll is for particular groups"],
                    t["Only people who declare one of these groups on their account page may vote: {0}. You can see the results when the poll closes.", await GroupNamesAsync(id, cancellationToken)],
                    t["Back to the poll"], LangPath($"{PollsModule.Path}/{id}"), StatusCodes.Status403Forbidden);
            case VoteOutcome.Changed:
                Flash(t["Your vote has been changed."]);
                break;
            default:
                Flash(t["Thank you: your vote has been recorded."]);
                break;
        }
        return LocalRedirect(LangPath($"{PollsModule.Path}/{id}#results"));
    }

    private async Task<string> GroupNamesAsync(int id, CancellationToken cancellationToken)
    {
        var poll = await queries.FindAsync(id, cancellationToken);
        return string.Join(Platform.Localization.PortalCultures.Current == "ar" ? "، " : ", ", poll?.TargetGroups.Where(g => g.TargetGroup is not null).Select(g => g.TargetGroup!.Name.Current) ?? []);
    }
}
