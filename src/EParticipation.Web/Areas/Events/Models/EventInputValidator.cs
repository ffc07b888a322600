using FluentValidation;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Events.Models;

public sealed class EventInputValidator : AbstractValidator<EventInput>
{
    public EventInputValidator(IStringLocalizer<EventsResource> t)
    {
        RuleFor(x => x.Kind).NotNull().WithMessage(t["Choose the kind of event."]).IsInEnum().WithMessage(t["Choose the kind of event."]);
        RuleFor(x => x.TitleAr).NotEmpty().WithMessage(t["Enter the title in Arabic."]).MaximumLength(300).WithMessage(t["The title must be 300 characters or fewer."]);
        RuleFor(x => x.TitleEn).MaximumLength(300).WithMessage(t["The title must be 300 characters or fewer."]);
        RuleFor(x => x.DescriptionAr).NotEmpty().WithMessage(t["Enter the description in Arabic."]).MaximumLength(8000).WithMessage(t["The description must be 8,000 characters or fewer."]);
        RuleFor(x => x.DescriptionEn).MaximumLength(8000).WithMessage(t["The description must be 8,000 characters or fewer."]);
        RuleFor(x => x.EligibilityAr).MaximumLength(2000).WithMessage(t["The eligibility must be 2,000 characters or fewer."]);
        RuleFor(x => x.EligibilityEn).MaximumLength(2000).WithMessage(t["The eligibility must be 2,000 characters or fewer."]);
        RuleFor(x => x.StartsAt).NotNull().WithMessage(t["Enter when the event starts."]);
        RuleFor(x => x.EndsAt).NotNull().WithMessage(t["Enter when the event ends."])
            .GreaterThan(x => x.StartsAt).When(x => x.StartsAt is not null).WithMessage(t["The event must end after it starts."]);
        RuleFor(x => x.RegistrationOpensAt).NotNull().WithMessage(t["Enter when registration opens."]);
        RuleFor(x => x.RegistrationClosesAt).NotNull().WithMessage(t["Enter when registration closes."])
            .GreaterThan(x => x.RegistrationOpensAt).When(x => x.RegistrationOpensAt is not null).WithMessage(t["Registration must close after it opens."])
            .LessThanOrEqualTo(x => x.EndsAt).When(x => x.EndsAt is not null).WithMessage(t["Registration must close no later than the event ends."]);
        RuleFor(x => x.SubmissionsCloseAt).Null().When(x => x.Kind != Domain.EventKind.Hackathon).WithMessage(t["Only hackathons take submissions: leave the submission deadline empty."])
            .GreaterThan(x => x.StartsAt).When(x => x.StartsAt is not null && x.SubmissionsCloseAt is not null).WithMessage(t["The submission deadline must be after the event starts."]);
        RuleFor(x => x.OnlineUrl).NotEmpty().When(x => x.IsOnline).WithMessage(t["Enter the link of the online event."])
            .Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps).When(x => x.IsOnline && !string.IsNullOrEmpty(x.OnlineUrl)).WithMessage(t["Enter a link that starts with https://."])
            .MaximumLength(500).WithMessage(t["The link must be 500 characters or fewer."]);
        RuleFor(x => x.City).NotEmpty().When(x => !x.IsOnline).WithMessage(t["Enter the city, or choose online."]).MaximumLength(100).WithMessage(t["The city must be 100 characters or fewer."]);
        RuleFor(x => x.Address).NotEmpty().When(x => !x.IsOnline).WithMessage(t["Enter the address, or choose online."]).MaximumLength(300).WithMessage(t["The address must be 300 characters or fewer."]);
        RuleFor(x => x.Capacity).NotNull().WithMessage(t["Enter the number of places."])
            .InclusiveBetween(1, 100_000).WithMessage(t["The number of places must be between 1 and 100,000."]);
        RuleFor(x => x.ReservedWomen).GreaterThanOrEqualTo(0).WithMessage(t["Reserved places cannot be negative."]);
        RuleFor(x => x.ReservedDisability).GreaterThanOrEqualTo(0).WithMessage(t["Reserved places cannot be negative."]);
        RuleFor(x => x.ReservedYouth).GreaterThanOrEqualTo(0).WithMessage(t["Reserved places cannot be negative."]);
        RuleFor(x => x.Capacity)
            .Must((x, c) => x.ReservedWomen + x.ReservedDisability + x.ReservedYouth <= c)
            .When(x => x.Capacity is not null).WithMessage(t["The reserved places cannot add up to more than the places in all."]);
        RuleFor(x => x.MinTeamSize).InclusiveBetween(0, 50).WithMessage(t["Team sizes must be between 2 and 50, or 0 for no teams."]);
        RuleFor(x => x.MaxTeamSize).InclusiveBetween(0, 50).WithMessage(t["Team sizes must be between 2 and 50, or 0 for no teams."])
            .Must((x, max) => max == 0 || (max >= 2 && max >= x.MinTeamSize)).WithMessage(t["The largest team must have at least 2 people and no fewer than the smallest."]);
        // Seats already taken stay taken: the capacity of each pool cannot drop below them.
        RuleFor(x => x.Capacity)
            .Must((x, c) => c - x.ReservedWomen - x.ReservedDisability - x.ReservedYouth >= x.Stored!.GeneralTaken
                && x.ReservedWomen >= x.Stored.WomenTaken && x.ReservedDisability >= x.Stored.DisabilityTaken && x.ReservedYouth >= x.Stored.YouthTaken)
            .When(x => x.Stored is not null && x.Capacity is not null)
            .WithMessage(t["Some of these places are already taken: the places (and reserved places) cannot be fewer than the people registered."]);
    }
}
