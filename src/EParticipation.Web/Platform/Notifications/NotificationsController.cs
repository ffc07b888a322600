using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Platform.Notifications;

/// <summary>Email preferences under the account, and the unsubscribe link of every email.</summary>
[Route(PortalRoute.Prefix)]
public sealed class NotificationsController(AppDbContext db, UnsubscribeTokens tokens, IEnumerable<IFollowedItems> modules, IStringLocalizer<SharedResource> s) : PortalController
{
    /// <summary>
    /// The kinds of item whose module exists, in the platform's order; a kind no module offers yet
    /// has nothing to follow, so no preference is asked for it.
    /// </summary>
    private List<string> Kinds => FollowKinds.All.Where(k => modules.Any(m => m.Kind == k)).ToList();

    [Authorize]
    [HttpGet("account/notifications")]
    public async Task<IActionResult> Preferences(CancellationToken cancellationToken)
    {
        var userId = User.RequiredUserId();
        var chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Kind, p => p.Frequency, cancellationToken);
        var follows = await db.Follows.AsNoTracking().Where(f => f.UserId == userId).OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id)
            .Select(f => new { f.Id, f.Kind, f.TargetId, f.CreatedAt }).ToListAsync(cancellationToken);
        var rows = new List<PreferenceRow>();
        foreach (var kind in Kinds)
        {
            var mine = follows.Where(f => f.Kind == kind).ToList();
            var described = (await modules.First(m => m.Kind == kind).DescribeAsync(mine.Select(f => f.TargetId).ToList(), cancellationToken))
                .ToDictionary(d => d.TargetId);
            // An item that no longer exists is not listed (nothing about it will be sent).
            var items = mine.Where(f => described.ContainsKey(f.TargetId))
                .Select(f => new FollowRow(f.Id, described[f.TargetId], f.CreatedAt)).ToList();
            rows.Add(new PreferenceRow(kind, chosen.GetValueOrDefault(kind, NotificationFrequency.Immediately), items));
        }
        return View(rows);
    }

    [Authorize]
    [HttpPost("account/notifications")]
    public async Task<IActionResult> Preferences([FromForm] Dictionary<string, NotificationFrequency> frequency)
    {
        ArgumentNullException.ThrowIfNull(frequency);
        var userId = User.RequiredUserId();
        foreach (var kind in Kinds)
        {
            if (frequency.TryGetValue(kind, out var value) && Enum.IsDefined(value))
            {
                await SetAsync(userId, kind, value);
            }
        }
        await db.SaveChangesAsync();
        Flash(s["Your notification preferences have been saved."]);
        return LocalRedirect(LangPath("account/notifications"));
    }

    /// <summary>Stops following one item from the list under the account.</summary>
    [Authorize]
    [HttpPost("account/follows/{id:long}/unfollow")]
    public async Task<IActionResult> Unfollow(long id, CancellationToken cancellationToken)
    {
        var userId = User.RequiredUserId();
        var follow = await db.Follows.SingleOrDefaultAsync(f => f.Id == id && f.UserId == userId, cancellationToken);
        if (follow is null)
        {
            return NotFound();
        }
        var module = modules.FirstOrDefault(m => m.Kind == follow.Kind);
        var item = module is null ? null : (await module.DescribeAsync([follow.TargetId], cancellationToken)) is [var found, ..] ? found : null;
        db.Follows.Remove(follow);
        await db.SaveChangesAsync(cancellationToken);
        Flash(item is null ? s["You no longer follow this item."] : s["You no longer follow “{0}”.", item.Title.Current]);
        return LocalRedirect(LangPath("account/notifications") + "#follows-" + follow.Kind);
    }

    /// <summary>Opening the link changes nothing (mail scanners open links); the page asks to confirm.</summary>
    [HttpGet("notifications/unsubscribe")]
    public IActionResult Unsubscribe(string? token)
    {
        var request = tokens.Read(token);
        if (request is null)
        {
            return InvalidToken();
        }
        ViewData["Token"] = token;
        return View(request);
    }

    /// <summary>
    /// Confirms the unsubscribe, from the page's button or from a mail client's one-click
    /// (RFC 8058: a POST to the List-Unsubscribe address). The signed token is the authority, so
    /// no sign-in or antiforgery token is needed.
    /// </summary>
    [IgnoreAntiforgeryToken]
    [HttpPost("notifications/unsubscribe")]
    public async Task<IActionResult> UnsubscribeConfirmed([FromQuery(Name = "token")] string? queryToken, [FromForm(Name = "token")] string? formToken)
    {
        var request = tokens.Read(formToken ?? queryToken);
        if (request is null)
        {
            return InvalidToken();
        }
        var kinds = request.Kind == UnsubscribeTokens.AllKinds ? FollowKinds.All : FollowKinds.All.Where(k => k == request.Kind);
        foreach (var kind in kinds)
        {
            await SetAsync(request.UserId, kind, NotificationFrequency.Never);
        }
        await db.SaveChangesAsync();
        return MessagePage(s["You have been unsubscribed"], request.Kind == UnsubscribeTokens.AllKinds
            ? s["You will no longer receive emails about the items you follow. Emails about your own account and cases still come."]
            : s["You will no longer receive emails about this kind of item. You can change this at any time in your notification preferences."],
            s["Notification preferences"], LangPath("account/notifications"));
    }

    private async Task SetAsync(Guid userId, string kind, NotificationFrequency frequency)
    {
        var preference = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.UserId == userId && p.Kind == kind);
        if (preference is null)
        {
            db.NotificationPreferences.Add(new NotificationPreference { UserId = userId, Kind = kind, Frequency = frequency });
        }
        else
        {
            preference.Frequency = frequency;
        }
    }

    private ViewResult InvalidToken()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return MessagePage(s["This unsubscribe link cannot be used"], s["The link is not valid or has expired. Sign in and change your notification preferences instead."], s["Notification preferences"], LangPath("account/notifications"));
    }
}
