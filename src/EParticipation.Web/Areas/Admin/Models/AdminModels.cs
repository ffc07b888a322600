using System.Text.RegularExpressions;
using EParticipation.Web.Data;
using EParticipation.Web.Platform.Agencies;
using EParticipation.Web.Platform.Audit;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Web;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EParticipation.Web.Areas.Admin.Models;

public sealed record AdminDashboard(int Agencies, int Users, int Staff, int Holidays, int PendingEmails, int FailedEmails);

public sealed class AgencyInput
{
    public int? Id { get; set; }

    public string? Code { get; set; }

    public string? NameAr { get; set; }

    public string? NameEn { get; set; }

    public string? LegislationOfficeEmail { get; set; }

    public string? VocEmail { get; set; }

    public string? SupervisorEmail { get; set; }

    public string? Website { get; set; }

    public bool IsActive { get; set; } = true;

    public static AgencyInput From(Agency a) => new()
    {
        Id = a.Id,
        Code = a.Code,
        NameAr = a.Name.Ar,
        NameEn = a.Name.En,
        LegislationOfficeEmail = a.LegislationOfficeEmail,
        VocEmail = a.VocEmail,
        SupervisorEmail = a.SupervisorEmail,
        Website = a.Website,
        IsActive = a.IsActive,
    };
}

public sealed partial class AgencyInputValidator : AbstractValidator<AgencyInput>
{
    public AgencyInputValidator(IStringLocalizer<SharedResource> s, AppDbContext db)
    {
        RuleFor(x => x.Code).NotEmpty().WithMessage(s["Enter a short code."])
            .Must(c => c is not null && CodePattern().IsMatch(c)).WithMessage(s["Use 2 to 40 lower-case Latin letters, digits or hyphens."])
            .MustAsync(async (input, code, ct) => !await db.Agencies.AnyAsync(a => a.Code == code && a.Id != input.Id, ct))
            .WithMessage(s["Another agency already uses this code."]);
        RuleFor(x => x.NameAr).NotEmpty().WithMessage(s["Enter the Arabic name."]).MaximumLength(200);
        RuleFor(x => x.NameEn).NotEmpty().WithMessage(s["Enter the English name."]).MaximumLength(200);
        RuleFor(x => x.LegislationOfficeEmail).EmailAddress().WithMessage(s["Enter a valid email address."]).MaximumLength(256);
        RuleFor(x => x.VocEmail).EmailAddress().WithMessage(s["Enter a valid email address."]).MaximumLength(256);
        RuleFor(x => x.SupervisorEmail).EmailAddress().WithMessage(s["Enter a valid email address."]).MaximumLength(256);
        RuleFor(x => x.Website)
            .Must(w => Uri.TryCreate(w, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp))
            .When(x => !string.IsNullOrEmpty(x.Website))
            .WithMessage(s["Enter a full web address starting with https://."]);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    private static partial Regex CodePattern();
}

public sealed record UserRow(Guid Id, string FullName, string Email, string AccountType, bool EmailConfirmed, string? AgencyName, bool LockedOut, List<string> Roles);

public sealed class UserListQuery
{
    public string? Q { get; set; }

    public string? Role { get; set; }

    public int? Page { get; set; }
}

public sealed class UserEditInput
{
    public List<string> Roles { get; set; } = [];

    public int? AgencyId { get; set; }
}

public sealed class UserEditInputValidator : AbstractValidator<UserEditInput>
{
    public UserEditInputValidator(IStringLocalizer<SharedResource> s)
    {
        RuleForEach(x => x.Roles).Must(r => Platform.Identity.Roles.All.Contains(r)).WithMessage(s["Unknown role."]);
        RuleFor(x => x.AgencyId).NotNull()
            .When(x => x.Roles.Any(Platform.Identity.Roles.IsAgencyRole))
            .WithMessage(s["Agency staff roles need the agency the person works for."]);
        RuleFor(x => x.AgencyId).Null()
            .When(x => !x.Roles.Any(Platform.Identity.Roles.IsAgencyRole))
            .WithMessage(s["Only agency staff belong to an agency: give an agency role or leave the agency empty."]);
    }
}

public sealed record UserEditPage(ApplicationUser User, IReadOnlyList<string> CurrentRoles, UserEditInput Input, IReadOnlyList<SelectListItem> Agencies, bool LockedOut);

public sealed class HolidayInput
{
    public int? Id { get; set; }

    public string? NameAr { get; set; }

    public string? NameEn { get; set; }

    public DateOnly? StartDate { get; set; }

    public DateOnly? EndDate { get; set; }

    public static HolidayInput From(PublicHoliday h) => new()
    {
        Id = h.Id,
        NameAr = h.Name.Ar,
        NameEn = h.Name.En,
        StartDate = h.StartDate,
        EndDate = h.EndDate,
    };
}

public sealed class HolidayInputValidator : AbstractValidator<HolidayInput>
{
    public HolidayInputValidator(IStringLocalizer<SharedResource> s)
    {
        RuleFor(x => x.NameAr).NotEmpty().WithMessage(s["Enter the Arabic name."]).MaximumLength(200);
        RuleFor(x => x.NameEn).NotEmpty().WithMessage(s["Enter the English name."]).MaximumLength(200);
        RuleFor(x => x.StartDate).NotNull().WithMessage(s["Enter the first day."]);
        RuleFor(x => x.EndDate).NotNull().WithMessage(s["Enter the last day."])
            .GreaterThanOrEqualTo(x => x.StartDate).When(x => x.StartDate is not null).WithMessage(s["The last day cannot be before the first day."]);
    }
}

/// <summary>The audit log's filters, bound from the query string only (the route's own "action" is not a filter).</summary>
public sealed class AuditQuery
{
    public string? Action { get; set; }

    public int? AgencyId { get; set; }

    /// <summary>Part of the actor's email.</summary>
    public string? Actor { get; set; }

    /// <summary>The kind of record ("Agency", "Consultation"...).</summary>
    public string? EntityType { get; set; }

    public string? EntityId { get; set; }

    /// <summary>First and last Saudi calendar day, both included.</summary>
    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public int? Page { get; set; }

    public IEnumerable<KeyValuePair<string, string?>> ToQuery() =>
    [
        new("action", Action), new("agencyId", AgencyId?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("actor", Actor), new("entityType", EntityType), new("entityId", EntityId),
        new("from", From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        new("to", To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
    ];
}

public sealed record AuditPage(Paged<AuditEntry> Entries, AuditQuery Query, IReadOnlyList<SelectListItem> Agencies, IReadOnlyList<string> EntityTypes);

public sealed class OutboxQuery
{
    public Platform.Notifications.OutboxStatus? Status { get; set; }

    public string? To { get; set; }

    public int? Page { get; set; }
}

public sealed record OutboxRow(long Id, string To, string Subject, string Category, Platform.Notifications.OutboxStatus Status, int Attempts, DateTime CreatedAt, DateTime? SentAt, DateTime NextAttemptAt, string? LastError);

public sealed record OutboxPage(Paged<OutboxRow> Messages, OutboxQuery Query, IReadOnlyDictionary<Platform.Notifications.OutboxStatus, int> Counts);
