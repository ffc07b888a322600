using EParticipation.Web.Areas.Events.Domain;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Events.Models;

/// <summary>A registration as the form sends it: individual, or a team with its members' emails (one a line).</summary>
public sealed class RegistrationInput
{
    public SeatPool Pool { get; set; }

    public bool AsTeam { get; set; }

    public string? TeamName { get; set; }

    public string? MemberEmails { get; set; }

    public IReadOnlyList<string> Members() =>
        AsTeam ? (MemberEmails ?? "").Split(['\n', '\r', ',', '،', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
}

public sealed class RegistrationInputValidator : AbstractValidator<RegistrationInput>
{
    public RegistrationInputValidator(IStringLocalizer<EventsResource> t)
    {
        RuleFor(x => x.Pool).IsInEnum();
        RuleFor(x => x.TeamName).NotEmpty().When(x => x.AsTeam).WithMessage(t["Enter the team's name."])
            .MaximumLength(100).WithMessage(t["The team's name must be 100 characters or fewer."]);
        RuleFor(x => x.MemberEmails).NotEmpty().When(x => x.AsTeam).WithMessage(t["Enter the email addresses of the team members."]);
        RuleForEach(x => x.Members()).EmailAddress().OverridePropertyName(nameof(RegistrationInput.MemberEmails)).WithMessage(t["Enter the members' email addresses, one a line, such as name@example.com."]);
    }
}
