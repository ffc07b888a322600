using EParticipation.Web.Areas.ServiceRatings.Domain;
using EParticipation.Web.Platform.Localization;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.ServiceRatings.Models;

/// <summary>A publisher's form for one of the agency's services.</summary>
public sealed class ServiceInput
{
    public string? NameAr { get; set; }

    public string? NameEn { get; set; }

    public string? DescriptionAr { get; set; }

    public string? DescriptionEn { get; set; }

    public string? Sector { get; set; }

    public List<ServiceChannel> Channels { get; set; } = [];

    public string? Url { get; set; }

    public int Version { get; set; }

    public static ServiceInput From(GovernmentService s, string? sectorCode)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new ServiceInput
        {
            NameAr = s.Name.Ar, NameEn = s.Name.En, DescriptionAr = s.Description.Ar, DescriptionEn = s.Description.En, Sector = sectorCode,
            Channels = [.. Enum.GetValues<ServiceChannel>().Where(c => c != ServiceChannel.None && s.Channels.HasFlag(c))], Url = s.Url, Version = s.Version,
        };
    }
}

public sealed class ServiceInputValidator : AbstractValidator<ServiceInput>
{
    public ServiceInputValidator(IStringLocalizer<ServiceRatingsResource> t)
    {
        ArgumentNullException.ThrowIfNull(t);
        RuleFor(x => x.NameAr).NotEmpty().WithMessage(t["Enter the service's name in Arabic."]).MaximumLength(300).WithMessage(t["Use at most {0} characters.", 300]);
        RuleFor(x => x.NameEn).NotEmpty().WithMessage(t["Enter the service's name in English."]).MaximumLength(300).WithMessage(t["Use at most {0} characters.", 300]);
        RuleFor(x => x.DescriptionAr).NotEmpty().WithMessage(t["Describe the service in Arabic."]).MaximumLength(2000).WithMessage(t["Use at most {0} characters.", 2000]);
        RuleFor(x => x.DescriptionEn).NotEmpty().WithMessage(t["Describe the service in English."]).MaximumLength(2000).WithMessage(t["Use at most {0} characters.", 2000]);
        RuleFor(x => x.Channels).NotEmpty().WithMessage(t["Choose at least one channel."]);
        RuleForEach(x => x.Channels).Must(c => c is ServiceChannel.Online or ServiceChannel.ServiceCentre or ServiceChannel.Phone).WithMessage(t["Choose at least one channel."]);
        RuleFor(x => x.Url).MaximumLength(500).WithMessage(t["Use at most {0} characters.", 500])
            .Must(u => string.IsNullOrWhiteSpace(u) || (Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            .WithMessage(t["Enter an address starting with https://."]);
    }
}

public sealed record ManageListPage(LocalizedText Agency, IReadOnlyList<GovernmentService> Services);

public sealed record ServiceEditPage(GovernmentService? Service, ServiceInput Input, IReadOnlyList<FilterOption> Sectors, bool Conflict);

/// <summary>A reported rating comment in the moderators' list.</summary>
public sealed record ReportedComment(long Id, int ServiceId, string Comment, bool Hidden, DateTime SubmittedAt)
{
    public int Reports { get; init; }
}
