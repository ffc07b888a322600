using EParticipation.Web.Areas.Complaints.Domain;
using EParticipation.Web.Platform.Localization;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Complaints.Models;

public sealed record RoutingAdminPage(IReadOnlyList<ComplaintRoute> Routes, IReadOnlyList<ReferralChannel> Channels, IReadOnlyDictionary<string, int> Referrals);

public sealed record RouteFormPage(RouteInput Input, IReadOnlyList<(int Id, LocalizedText Name)> Parents, IReadOnlyList<(int Id, LocalizedText Name)> Channels, IReadOnlyList<(int Id, LocalizedText Name)> Agencies);

public sealed class RouteInput
{
    public int? Id { get; set; }

    public string? Code { get; set; }

    public int? ParentId { get; set; }

    public int Order { get; set; }

    public string? LabelAr { get; set; }

    public string? LabelEn { get; set; }

    public string? HintAr { get; set; }

    public string? HintEn { get; set; }

    public RouteTarget? Target { get; set; }

    public int? ChannelId { get; set; }

    public int? AgencyId { get; set; }

    public bool IsActive { get; set; }

    public static RouteInput From(ComplaintRoute r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new()
        {
            Id = r.Id, Code = r.Code, ParentId = r.ParentId, Order = r.Order, LabelAr = r.Label.Ar, LabelEn = r.Label.En,
            HintAr = r.Hint.Ar, HintEn = r.Hint.En, Target = r.Target, ChannelId = r.ChannelId, AgencyId = r.AgencyId, IsActive = r.IsActive,
        };
    }
}

public sealed class RouteInputValidator : AbstractValidator<RouteInput>
{
    public RouteInputValidator(IStringLocalizer<ComplaintsResource> t)
    {
        ArgumentNullException.ThrowIfNull(t);
        RuleFor(x => x.Code).NotEmpty().WithMessage(t["Enter a code."]).MaximumLength(60).Matches("^[a-z0-9-]+$").WithMessage(t["Use lower-case Latin letters, digits and hyphens."]);
        RuleFor(x => x.LabelAr).NotEmpty().WithMessage(t["Enter the Arabic wording."]).MaximumLength(300);
        RuleFor(x => x.LabelEn).MaximumLength(300);
        RuleFor(x => x.HintAr).MaximumLength(1000);
        RuleFor(x => x.HintEn).MaximumLength(1000);
        RuleFor(x => x.Target).NotNull().WithMessage(t["Choose where it leads."]);
        RuleFor(x => x.ChannelId).NotNull().When(x => x.Target == RouteTarget.Referral).WithMessage(t["Choose the channel it refers to."]);
    }
}

public sealed class ChannelInput
{
    public int? Id { get; set; }

    public string? NameAr { get; set; }

    public string? NameEn { get; set; }

    public string? HandlesAr { get; set; }

    public string? HandlesEn { get; set; }

    public string? HowToReachAr { get; set; }

    public string? HowToReachEn { get; set; }

    public string? PrepareAr { get; set; }

    public string? PrepareEn { get; set; }

    public string? Url { get; set; }

    public static ChannelInput From(ReferralChannel c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new()
        {
            Id = c.Id, NameAr = c.Name.Ar, NameEn = c.Name.En, HandlesAr = c.Handles.Ar, HandlesEn = c.Handles.En,
            HowToReachAr = c.HowToReach.Ar, HowToReachEn = c.HowToReach.En, PrepareAr = c.Prepare.Ar, PrepareEn = c.Prepare.En, Url = c.Url,
        };
    }
}

public sealed class ChannelInputValidator : AbstractValidator<ChannelInput>
{
    public ChannelInputValidator(IStringLocalizer<ComplaintsResource> t)
    {
        ArgumentNullException.ThrowIfNull(t);
        RuleFor(x => x.NameAr).NotEmpty().WithMessage(t["Enter the Arabic wording."]).MaximumLength(200);
        RuleFor(x => x.HandlesAr).NotEmpty().WithMessage(t["Enter the Arabic wording."]).MaximumLength(2000);
        RuleFor(x => x.HowToReachAr).NotEmpty().WithMessage(t["Enter the Arabic wording."]).MaximumLength(2000);
        RuleFor(x => x.HandlesEn).MaximumLength(2000);
        RuleFor(x => x.HowToReachEn).MaximumLength(2000);
        RuleFor(x => x.PrepareAr).MaximumLength(2000);
        RuleFor(x => x.PrepareEn).MaximumLength(2000);
        RuleFor(x => x.Url).MaximumLength(300).Must(u => string.IsNullOrWhiteSpace(u) || (Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)).WithMessage(t["Enter an https:// address."]);
    }
}
