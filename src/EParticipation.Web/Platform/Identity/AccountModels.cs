using EParticipation.Web.Platform.Localization;
using EParticipation.Web.Platform.Text;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Platform.Identity;

public sealed class RegisterInput
{
    public AccountType AccountType { get; set; } = AccountType.Citizen;

    public string? FullName { get; set; }

    public string? Email { get; set; }

    public string? Password { get; set; }

    public string? ConfirmPassword { get; set; }

    public string? CommercialRegistrationNumber { get; set; }

    public string? PreferredLanguage { get; set; }

    public bool AcceptTerms { get; set; }
}

public sealed partial class RegisterInputValidator : AbstractValidator<RegisterInput>
{
    public RegisterInputValidator(IStringLocalizer<SharedResource> s)
    {
        RuleFor(x => x.AccountType).IsInEnum().WithMessage(s["Choose the kind of account."]);
        RuleFor(x => x.FullName).NotEmpty().WithMessage(s["Enter your full name."])
            .MaximumLength(200).WithMessage(s["The name can be at most {0} characters.", 200]);
        RuleFor(x => x.Email).NotEmpty().WithMessage(s["Enter your email address."])
            .EmailAddress().WithMessage(s["Enter a valid email address."])
            .MaximumLength(256).WithMessage(s["Enter a valid email address."]);
        RuleFor(x => x.Password).NotEmpty().WithMessage(s["Enter a password."]);
        RuleFor(x => x.ConfirmPassword).Equal(x => x.Password).WithMessage(s["The two passwords do not match."]);
        RuleFor(x => x.CommercialRegistrationNumber)
            .NotEmpty().WithMessage(s["Enter the commercial registration number of the business you represent."])
            .Must(BeACommercialRegistrationNumber).WithMessage(s["A commercial registration number is 10 digits and starts with 1 to 7."])
            .When(x => x.AccountType == AccountType.Business);
        RuleFor(x => x.PreferredLanguage).Must(PortalCultures.IsSupported).When(x => x.PreferredLanguage is not null)
            .WithMessage(s["Choose Arabic or English."]);
        RuleFor(x => x.AcceptTerms).Equal(true).WithMessage(s["You must accept the terms of use to create an account."]);
    }

    /// <summary>Ten digits, the first naming the issuing region (1-5) or the unified 7-series.</summary>
    public static bool BeACommercialRegistrationNumber(string? value) =>
        value is not null && CommercialRegistrationPattern().IsMatch(ArabicText.WesternDigits(value.Trim()));

    [System.Text.RegularExpressions.GeneratedRegex("^[1-7][0-9]{9}$")]
    private static partial System.Text.RegularExpressions.Regex CommercialRegistrationPattern();
}

public sealed class LoginInput
{
    public string? Email { get; set; }

    public string? Password { get; set; }

    public bool RememberMe { get; set; }
}

public sealed class LoginInputValidator : AbstractValidator<LoginInput>
{
    public LoginInputValidator(IStringLocalizer<SharedResource> s)
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage(s["Enter your email address."]);
        RuleFor(x => x.Password).NotEmpty().WithMessage(s["Enter your password."]);
    }
}

public sealed class EmailInput
{
    public string? Email { get; set; }
}

public sealed class EmailInputValidator : AbstractValidator<EmailInput>
{
    public EmailInputValidator(IStringLocalizer<SharedResource> s)
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage(s["Enter your email address."])
            .EmailAddress().WithMessage(s["Enter a valid email address."]);
    }
}

public sealed class ResetPasswordInput
{
    public string? Email { get; set; }

    public string? Code { get; set; }

    public string? Password { get; set; }

    public string? ConfirmPassword { get; set; }
}

public sealed class ResetPasswordInputValidator : AbstractValidator<ResetPasswordInput>
{
    public ResetPasswordInputValidator(IStringLocalizer<SharedResource> s)
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage(s["Enter your email address."])
            .EmailAddress().WithMessage(s["Enter a valid email address."]);
        RuleFor(x => x.Code).NotEmpty().WithMessage(s["This link is not valid or has expired. Ask for a new one."]);
        RuleFor(x => x.Password).NotEmpty().WithMessage(s["Enter a password."]);
        RuleFor(x => x.ConfirmPassword).Equal(x => x.Password).WithMessage(s["The two passwords do not match."]);
    }
}

public sealed class ChangePasswordInput
{
    public string? CurrentPassword { get; set; }

    public string? NewPassword { get; set; }

    public string? ConfirmPassword { get; set; }
}

public sealed class ChangePasswordInputValidator : AbstractValidator<ChangePasswordInput>
{
    public ChangePasswordInputValidator(IStringLocalizer<SharedResource> s)
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage(s["Enter your current password."]);
        RuleFor(x => x.NewPassword).NotEmpty().WithMessage(s["Enter a password."]);
        RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword).WithMessage(s["The two passwords do not match."]);
    }
}

public sealed class ProfileInput
{
    public string? FullName { get; set; }

    public string? PreferredLanguage { get; set; }
}

public sealed class ProfileInputValidator : AbstractValidator<ProfileInput>
{
    public ProfileInputValidator(IStringLocalizer<SharedResource> s)
    {
        RuleFor(x => x.FullName).NotEmpty().WithMessage(s["Enter your full name."])
            .MaximumLength(200).WithMessage(s["The name can be at most {0} characters.", 200]);
        RuleFor(x => x.PreferredLanguage).Must(PortalCultures.IsSupported).WithMessage(s["Choose Arabic or English."]);
    }
}

public sealed class DeleteAccountInput
{
    public string? Password { get; set; }

    public bool Understood { get; set; }
}

public sealed class DeleteAccountInputValidator : AbstractValidator<DeleteAccountInput>
{
    public DeleteAccountInputValidator(IStringLocalizer<SharedResource> s)
    {
        RuleFor(x => x.Password).NotEmpty().WithMessage(s["Enter your password."]);
        RuleFor(x => x.Understood).Equal(true).WithMessage(s["Confirm that you understand the account cannot be restored."]);
    }
}
