using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Platform.Identity;

/// <summary>
/// Refuses passwords that attackers try first (NIST SP 800-63B 5.1.1.2): zxcvbn scores a password
/// against lists of common passwords, names, words, keyboard patterns, sequences and dates, and
/// against the account's own email and name. Below <c>Identity:MinimumPasswordScore</c> (2 of 4:
/// fewer than about 10^8 guesses) the password is refused, with a localised reason.
/// </summary>
public sealed class CommonPasswordValidator(IConfiguration configuration, IStringLocalizer<SharedResource> s) : IPasswordValidator<ApplicationUser>
{
    private readonly int _minimumScore = configuration.GetValue("Identity:MinimumPasswordScore", 2);

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }
        var personal = new[] { user.Email, user.Email?.Split('@')[0], user.FullName }
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .Select(v => v!)
            .ToList();
        var score = Zxcvbn.Zxcvbn.MatchPassword(password, personal).Score;
        return Task.FromResult(score < _minimumScore
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = s["This password is too common or too easy to guess. Choose a longer one, for example a few unrelated words."],
            })
            : IdentityResult.Success);
    }
}
