using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Notifications;
using EParticipation.Web.Platform.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Platform.Identity;

/// <summary>The account emails: confirmation, password reset, and the notice to an owner whose address was registered again.</summary>
public sealed class AccountEmails(
    UserManager<ApplicationUser> users,
    PortalLinks links,
    Notifier notifier,
    IStringLocalizer<SharedResource> s)
{
    public async Task QueueConfirmationAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var url = TokenLink(user, "account/confirm-email", "userId", user.Id.ToString(), token);
        Queue(user, () => new EmailContent
        {
            Subject = s["Confirm your email address"],
            Greeting = s["Hello {0},", user.FullName],
            Paragraphs =
            [
                s["Thank you for registering on the E-Participation Portal. Confirm your email address to start taking part."],
                s["The link is valid for three days. If you did not register, ignore this email."],
            ],
            Action = new EmailLink(s["Confirm my email"], url),
        });
    }

    public async Task QueuePasswordResetAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var url = TokenLink(user, "account/reset-password", "email", user.Email!, token);
        Queue(user, () => new EmailContent
        {
            Subject = s["Reset your password"],
            Greeting = s["Hello {0},", user.FullName],
            Paragraphs =
            [
                s["Someone asked to reset the password of your account. If it was you, choose a new password with the link below; it is valid for two hours."],
                s["If you did not ask for this, ignore this email: your password stays as it is."],
            ],
            Action = new EmailLink(s["Choose a new password"], url),
        });
    }

    /// <summary>
    /// Registration with an address that already has an account tells the visitor nothing (no
    /// enumeration); the owner is told instead.
    /// </summary>
    public void QueueAlreadyRegistered(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        Queue(user, () => new EmailContent
        {
            Subject = s["Someone tried to register with your email"],
            Greeting = s["Hello {0},", user.FullName],
            Paragraphs =
            [
                s["Someone tried to create a new account with this email address, which already has an account on the portal."],
                s["If it was you, sign in, or reset your password if you have forgotten it. Otherwise you can ignore this email."],
            ],
            Action = new EmailLink(s["Sign in"], links.Absolute($"/{user.PreferredLanguage}/account/login")),
        });
    }

    /// <summary>A link in the user's language carrying an Identity token (see <see cref="AccountTokens"/>).</summary>
    private string TokenLink(ApplicationUser user, string path, string key, string value, string token) =>
        links.Absolute(QueryHelpers.AddQueryString($"/{user.PreferredLanguage}/{path}", new Dictionary<string, string?>
        {
            [key] = value,
            ["code"] = AccountTokens.Encode(token),
        }));

    // Every email carries an unsubscribe link; for account emails it stops the optional ones.
    private void Queue(ApplicationUser user, Func<EmailContent> content) => notifier.NotifyUser(user, "account", content);
}
