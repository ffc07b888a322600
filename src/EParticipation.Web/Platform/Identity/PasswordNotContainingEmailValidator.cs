using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Platform.Identity;

/// <summary>Refuses a password that contains the account's email address or the part before the @.</summary>
public sealed class PasswordNotContainingEmailValidator(IStringLocalizer<SharedResource> s) : IPasswordValidator<ApplicationUser>
{
    private const int ShortestLocalPartChecked = 3;

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password) || string.IsNullOrEmpty(user.Email))
        {
            return Task.FromResult(IdentityResult.Success);
        }
        var email = user.Email.Trim();
        var localPart = email.Split('@')[0];
        var contains = password.Contains(email, StringComparison.OrdinalIgnoreCase)
            || (localPart.Length >= ShortestLocalPartChecked && password.Contains(localPart, StringComparison.OrdinalIgnoreCase));
        return Task.FromResult(contains
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordContainsEmail", Description = s["The password must not contain your email address, nor the part of it before the @."] })
            : IdentityResult.Success);
    }
}
