using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Platform.Identity;

/// <summary>Identity's messages in the page's language.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> s) : IdentityErrorDescriber
{
    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = s["An account with this email already exists. Sign in or reset your password."] };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = s["An account with this email already exists. Sign in or reset your password."] };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = s["Enter a valid email address."] };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = s["Enter a valid email address."] };

    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = s["The password must be at least {0} characters long.", length] };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = s["The password must use at least {0} different characters.", uniqueChars] };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = s["The current password is not correct."] };

    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = s["This link is not valid or has expired. Ask for a new one."] };

    public override IdentityError DefaultError() =>
        new() { Code = nameof(DefaultError), Description = s["Something went wrong. Please try again."] };

    public override IdentityError ConcurrencyFailure() =>
        new() { Code = nameof(ConcurrencyFailure), Description = s["Someone else changed this record at the same time. Reload the page and try again."] };
}
