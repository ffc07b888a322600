using EParticipation.Web.Data;
using EParticipation.Web.Platform.Identity.Sessions;
using EParticipation.Web.Platform.Security;
using EParticipation.Web.Platform.Text;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Platform.Identity;

[Route(PortalRoute.Prefix + "/account")]
public sealed class AccountController(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    AccountEmails emails,
    AppDbContext db,
    UserSessions sessions,
    TimeProvider clock,
    IStringLocalizer<SharedResource> s) : PortalController
{
    [HttpGet("register")]
    public IActionResult Register() => View(new RegisterInput { PreferredLanguage = Lang });

    [HttpPost("register")]
    [EnableRateLimiting(RateLimits.Registration)]
    public async Task<IActionResult> Register(RegisterInput input, [FromServices] IValidator<RegisterInput> validator)
    {
        input.Email = input.Email?.Trim();
        input.FullName = input.FullName?.Trim();
        input.CommercialRegistrationNumber = input.AccountType == AccountType.Business
            ? ArabicText.WesternDigits(input.CommercialRegistrationNumber?.Trim())
            : null;
        if (!await validator.ValidateIntoAsync(input, ModelState))
        {
            return View(input);
        }

        var existing = await users.FindByEmailAsync(input.Email!);
        if (existing is not null)
        {
            // Hash the password as a new account would, so the answer takes the same time.
            users.PasswordHasher.HashPassword(existing, input.Password!);
            emails.QueueAlreadyRegistered(existing);
            await db.SaveChangesAsync();
            return LocalRedirect(LangPath("account/register/check-email"));
        }

        var user = new ApplicationUser
        {
            UserName = input.Email,
            Email = input.Email,
            FullName = input.FullName!,
            AccountType = input.AccountType,
            CommercialRegistrationNumber = input.CommercialRegistrationNumber,
            PreferredLanguage = input.PreferredLanguage ?? Lang,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        // The account and its confirmation email commit together, or neither does.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await users.CreateAsync(user, input.Password!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(input.Password) : nameof(input.Email), error.Description);
            }
            return View(input);
        }
        await emails.QueueConfirmationAsync(user);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return LocalRedirect(LangPath("account/register/check-email"));
    }

    [HttpGet("register/check-email")]
    public IActionResult RegisterConfirmation() =>
        MessagePage(s["Check your email"], s["If the address you gave can be used, we have sent it a link to confirm your account. Open the link to finish registering; it is valid for three days."]);

    [HttpGet("confirm-email")]
    public async Task<IActionResult> ConfirmEmail(Guid userId, string? code)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        var token = AccountTokens.Decode(code);
        if (user is null || token is null)
        {
            return InvalidLink(confirm: true);
        }
        // A link opened twice (or after confirming) still says "confirmed", without spending the token again.
        return user.EmailConfirmed || (await users.ConfirmEmailAsync(user, token)).Succeeded
            ? MessagePage(s["Email confirmed"], s["Your email address is confirmed. You can sign in."], s["Sign in"], LangPath("account/login"))
            : InvalidLink(confirm: true);
    }

    [HttpGet("confirm-email/resend")]
    public IActionResult ResendConfirmation() => View(new EmailInput());

    [HttpPost("confirm-email/resend")]
    [EnableRateLimiting(RateLimits.PasswordReset)]
    public async Task<IActionResult> ResendConfirmation(EmailInput input, [FromServices] IValidator<EmailInput> validator)
    {
        input.Email = input.Email?.Trim();
        if (!await validator.ValidateIntoAsync(input, ModelState))
        {
            return View(input);
        }
        var user = await users.FindByEmailAsync(input.Email!);
        if (user is { EmailConfirmed: false })
        {
            await emails.QueueConfirmationAsync(user);
            await db.SaveChangesAsync();
        }
        return LocalRedirect(LangPath("account/register/check-email"));
    }

    [HttpGet("login")]
    public IActionResult Login(string? returnUrl)
    {
        ViewData["ReturnUrl"] = returnUrl;
        return View(new LoginInput());
    }

    [HttpPost("login")]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> Login(LoginInput input, string? returnUrl, [FromServices] IValidator<LoginInput> validator)
    {
        ViewData["ReturnUrl"] = returnUrl;
        input.Email = input.Email?.Trim();
        if (!await validator.ValidateIntoAsync(input, ModelState))
        {
            return View(input);
        }
        var user = await users.FindByEmailAsync(input.Email!);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            // The same work (one password hash check) and the same answer as a wrong password:
            // neither the time taken nor the page tells whether the address has an account, or
            // whether that account is locked.
            CheckAgainstPlaceholder(user, input.Password!);
            return SignInFailed(input);
        }
        var result = await signIn.PasswordSignInAsync(user, input.Password!, input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return RedirectToLocal(returnUrl, "account");
        }
        // Identity answers "not allowed" for an unconfirmed address before it checks the password;
        // say so only to someone who knows the password, and count a wrong one as a failure.
        if (result.IsNotAllowed && !user.EmailConfirmed)
        {
            if (await users.CheckPasswordAsync(user, input.Password!))
            {
                return MessagePage(s["Confirm your email first"], s["Your account is not active until you open the confirmation link we emailed you."], s["Send the link again"], LangPath("account/confirm-email/resend"));
            }
            await users.AccessFailedAsync(user);
        }
        return SignInFailed(input);
    }

    /// <summary>
    /// One answer for every failed sign-in: unknown address, wrong password, or a locked account
    /// (even with the right password). It mentions the lock without saying that it applies.
    /// </summary>
    private ViewResult SignInFailed(LoginInput input)
    {
        ModelState.AddModelError("", s["The email or password is not correct."]);
        ModelState.AddModelError("", s["After several unsuccessful attempts an account is locked for a few minutes. If you have forgotten your password, reset it."]);
        return View(input);
    }

    private static string? s_placeholderHash;

    /// <summary>Runs the password hasher as a real check would, against a hash that matches nothing.</summary>
    private void CheckAgainstPlaceholder(ApplicationUser? user, string password)
    {
        var subject = user ?? new ApplicationUser();
        var hash = s_placeholderHash ??= users.PasswordHasher.HashPassword(subject, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        users.PasswordHasher.VerifyHashedPassword(subject, hash, password);
    }

    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/" + Lang);
    }

    [HttpGet("forgot-password")]
    public IActionResult ForgotPassword() => View(new EmailInput());

    [HttpPost("forgot-password")]
    [EnableRateLimiting(RateLimits.PasswordReset)]
    public async Task<IActionResult> ForgotPassword(EmailInput input, [FromServices] IValidator<EmailInput> validator)
    {
        input.Email = input.Email?.Trim();
        if (!await validator.ValidateIntoAsync(input, ModelState))
        {
            return View(input);
        }
        var user = await users.FindByEmailAsync(input.Email!);
        if (user is { EmailConfirmed: true })
        {
            await emails.QueuePasswordResetAsync(user);
            await db.SaveChangesAsync();
        }
        return MessagePage(s["Check your email"], s["If an account uses this address, we have sent it a link to choose a new password. The link is valid for two hours."]);
    }

    [HttpGet("reset-password")]
    public IActionResult ResetPassword(string? email, string? code) =>
        View(new ResetPasswordInput { Email = email, Code = code });

    [HttpPost("reset-password")]
    [EnableRateLimiting(RateLimits.PasswordReset)]
    public async Task<IActionResult> ResetPassword(ResetPasswordInput input, [FromServices] IValidator<ResetPasswordInput> validator)
    {
        input.Email = input.Email?.Trim();
        if (!await validator.ValidateIntoAsync(input, ModelState))
        {
            return View(input);
        }
        var user = await users.FindByEmailAsync(input.Email!);
        var token = AccountTokens.Decode(input.Code);
        if (user is null || token is null)
        {
            return InvalidLink(confirm: false);
        }
        var result = await users.ResetPasswordAsync(user, token, input.Password!);
        if (result.Succeeded)
        {
            // Whoever held the old password is signed out everywhere.
            await sessions.EndAllAsync(user.Id);
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return MessagePage(s["Password changed"], s["Your password has been changed. You can sign in with the new one."], s["Sign in"], LangPath("account/login"));
        }
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
        {
            return InvalidLink(confirm: false);
        }
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(nameof(input.Password), error.Description);
        }
        return View(input);
    }

    [Authorize]
    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        ViewData["User"] = user;
        await GroupChoicesAsync(user.Id);
        return View(new ProfileInput { FullName = user.FullName, PreferredLanguage = user.PreferredLanguage });
    }

    /// <summary>
    /// The target groups the person says they belong to (optional, self-declared): replaced by the
    /// boxes ticked; none ticked clears the declaration.
    /// </summary>
    [Authorize]
    [HttpPost("groups")]
    public async Task<IActionResult> Groups([FromForm] List<int>? groups, [FromServices] TargetGroupDeclarations declarations)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        await declarations.SetAsync(user.Id, groups ?? [], HttpContext.RequestAborted);
        Flash(groups is { Count: > 0 } ? s["The groups you belong to have been saved."] : s["You no longer declare any group."]);
        return LocalRedirect(LangPath("account") + "#groups");
    }

    private async Task GroupChoicesAsync(Guid userId)
    {
        var declarations = HttpContext.RequestServices.GetRequiredService<TargetGroupDeclarations>();
        ViewData["Groups"] = await declarations.AllGroupsAsync(HttpContext.RequestAborted);
        ViewData["Declared"] = await declarations.DeclaredIdsAsync(userId, HttpContext.RequestAborted);
    }

    [Authorize]
    [HttpPost("")]
    public async Task<IActionResult> Index(ProfileInput input, [FromServices] IValidator<ProfileInput> validator)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        input.FullName = input.FullName?.Trim();
        if (!await validator.ValidateIntoAsync(input, ModelState))
        {
            ViewData["User"] = user;
            await GroupChoicesAsync(user.Id);
            return View(input);
        }
        user.FullName = input.FullName!;
        user.PreferredLanguage = input.PreferredLanguage!;
        await users.UpdateAsync(user);
        await signIn.RefreshSignInAsync(user);
        Flash(s["Your details have been saved."]);
        return LocalRedirect(LangPath("account"));
    }

    [Authorize]
    [HttpGet("change-password")]
    public IActionResult ChangePassword() => View(new ChangePasswordInput());

    [Authorize]
    [HttpPost("change-password")]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> ChangePassword(ChangePasswordInput input, [FromServices] IValidator<ChangePasswordInput> validator)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!await validator.ValidateIntoAsync(input, ModelState))
        {
            return View(input);
        }
        var result = await users.ChangePasswordAsync(user, input.CurrentPassword!, input.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(input.CurrentPassword) : nameof(input.NewPassword);
                ModelState.AddModelError(field, error.Description);
            }
            return View(input);
        }
        // Every other browser signed in to this account is signed out; this one stays, on a new session.
        await sessions.EndAllAsync(user.Id, keep: User.SessionId());
        await signIn.RefreshSignInAsync(user);
        Flash(s["Your password has been changed. You have been signed out on your other devices."]);
        return LocalRedirect(LangPath("account"));
    }

    /// <summary>Everything the portal holds about the signed-in person, as a JSON file (PDPL right of access).</summary>
    [Authorize]
    [HttpGet("data")]
    public async Task<IActionResult> DownloadData([FromServices] PersonalDataService personalData)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var json = await personalData.ExportAsync(user, HttpContext.RequestAborted);
        // Personal data: no browser or proxy cache may keep a copy.
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
        return File(json, "application/json; charset=utf-8", "my-data.json");
    }

    [Authorize]
    [HttpGet("delete")]
    public IActionResult Delete() => View(new DeleteAccountInput());

    [Authorize]
    [HttpPost("delete")]
    [EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> Delete(DeleteAccountInput input, [FromServices] IValidator<DeleteAccountInput> validator, [FromServices] PersonalDataService personalData)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!await validator.ValidateIntoAsync(input, ModelState))
        {
            return View(input);
        }
        // Staff accounts belong to the organisation: an administrator closes them.
        if ((await users.GetRolesAsync(user)).Count > 0)
        {
            ModelState.AddModelError("", s["Staff accounts are closed by an administrator. Ask your platform administrator."]);
            return View(input);
        }
        if (!await users.CheckPasswordAsync(user, input.Password!))
        {
            ModelState.AddModelError(nameof(input.Password), s["The current password is not correct."]);
            return View(input);
        }
        await personalData.DeleteAsync(user, HttpContext.RequestAborted);
        await signIn.SignOutAsync();
        return MessagePage(s["Your account has been deleted"], s["Your personal data has been erased. What you contributed stays on the portal without your name."], s["Go to the home page"], "/" + Lang);
    }

    private ViewResult InvalidLink(bool confirm)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return confirm
            ? MessagePage(s["Link not valid"], s["This link is not valid or has expired. Ask for a new one."], s["Send the link again"], LangPath("account/confirm-email/resend"))
            : MessagePage(s["Link not valid"], s["This link is not valid or has expired. Ask for a new one."], s["Reset my password"], LangPath("account/forgot-password"));
    }
}
