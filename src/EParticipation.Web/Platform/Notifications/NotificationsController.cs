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
public sealed class NotificationsController(AppDbContext db, UnsubscribeTokens tokens, IStringLocalizer<SharedResource> s) : PortalController
{
    [Authorize]
    [HttpGet("account/notifications")]
    public async Task<IActionResult> Preferences()
    {
        var userId = User.RequiredUserId();
        var chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Kind, p => p.Frequency);
        var follows = await db.Follows.AsNoTracking().Where(f => f.UserId == userId).GroupBy(f => f.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return View(FollowKinds.All.Select(k => new PreferenceRow(k, chosen.GetValueOrDefault(k, NotificationFrequency.Immediately), follows.GetValueOrDefault(k))).ToList());
    }

    [Authorize]
    [HttpPost("account/notifications")]
    public async Task<IActionResult> Preferences([FromForm] Dictionary<string, NotificationFrequency> frequency)
    {
        var userId = User.RequiredUserId();
        foreach (var kind in FollowKinds.All)
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

public sealed record PreferenceRow(string Kind, NotificationFrequency Frequency, int Following);
