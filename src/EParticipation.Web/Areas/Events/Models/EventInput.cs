using EParticipation.Web.Areas.Events.Domain;
using EParticipation.Web.Platform.Calendar;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EParticipation.Web.Areas.Events.Models;

/// <summary>An event's details as a publisher types them; times are Saudi clock times, stored in UTC.</summary>
public sealed class EventInput
{
    public int Version { get; set; }

    public EventKind? Kind { get; set; }

    public string? TitleAr { get; set; }

    public string? TitleEn { get; set; }

    public string? DescriptionAr { get; set; }

    public string? DescriptionEn { get; set; }

    public string? EligibilityAr { get; set; }

    public string? EligibilityEn { get; set; }

    public DateTime? StartsAt { get; set; }

    public DateTime? EndsAt { get; set; }

    public DateTime? RegistrationOpensAt { get; set; }

    public DateTime? RegistrationClosesAt { get; set; }

    /// <summary>Hackathons: the deadline for the teams' results (Saudi time).</summary>
    public DateTime? SubmissionsCloseAt { get; set; }

    public bool IsOnline { get; set; }

    public string? OnlineUrl { get; set; }

    public string? Address { get; set; }

    public string? City { get; set; }

    public int? Capacity { get; set; }

    public int ReservedWomen { get; set; }

    public int ReservedDisability { get; set; }

    public int ReservedYouth { get; set; }

    public int MinTeamSize { get; set; }

    public int MaxTeamSize { get; set; }

    public int? ChallengeId { get; set; }

    /// <summary>Set by the controller: the seats already taken in each pool (capacity may not drop below them).</summary>
    [BindNever]
    public PortalEvent? Stored { get; set; }

    public static EventInput From(PortalEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new()
        {
            Version = e.Version,
            Kind = e.Kind,
            TitleAr = e.Title.Ar,
            TitleEn = e.Title.En,
            DescriptionAr = e.Description.Ar,
            DescriptionEn = e.Description.En,
            EligibilityAr = e.Eligibility.Ar,
            EligibilityEn = e.Eligibility.En,
            StartsAt = DualDate.ToSaudiTime(e.StartsAt),
            EndsAt = DualDate.ToSaudiTime(e.EndsAt),
            RegistrationOpensAt = DualDate.ToSaudiTime(e.RegistrationOpensAt),
            RegistrationClosesAt = DualDate.ToSaudiTime(e.RegistrationClosesAt),
            SubmissionsCloseAt = e.SubmissionsCloseAt is { } close ? DualDate.ToSaudiTime(close) : null,
            IsOnline = e.IsOnline,
            OnlineUrl = e.OnlineUrl,
            Address = e.Address,
            City = e.City,
            Capacity = e.Capacity,
            ReservedWomen = e.ReservedWomen,
            ReservedDisability = e.ReservedDisability,
            ReservedYouth = e.ReservedYouth,
            MinTeamSize = e.MinTeamSize,
            MaxTeamSize = e.MaxTeamSize,
            ChallengeId = e.ChallengeId,
        };
    }

    public static DateTime ToUtc(DateTime saudiTime) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(saudiTime, DateTimeKind.Unspecified), DualDate.SaudiTime);
}
