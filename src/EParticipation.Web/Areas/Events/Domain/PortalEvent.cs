using EParticipation.Web.Platform.Agencies;
using EParticipation.Web.Platform.Localization;

namespace EParticipation.Web.Areas.Events.Domain;

/// <summary>
/// A hackathon, workshop, co-creation session, public hearing or webinar published by an agency.
/// Times are stored in UTC and shown in Saudi time. Seats: <see cref="Capacity"/> in all, of which
/// some are reserved for target groups; each pool has its own counter of seats taken, raised only by
/// a conditional UPDATE so that no pool ever holds more people than it has seats.
/// </summary>
public class PortalEvent
{
    public int Id { get; set; }

    public int AgencyId { get; set; }

    public Agency? Agency { get; set; }

    public EventKind Kind { get; set; }

    public LocalizedText Title { get; set; } = new();

    public LocalizedText Description { get; set; } = new();

    public LocalizedText Eligibility { get; set; } = new();

    public DateTime StartsAt { get; set; }

    public DateTime EndsAt { get; set; }

    public DateTime RegistrationOpensAt { get; set; }

    public DateTime RegistrationClosesAt { get; set; }

    public bool IsOnline { get; set; }

    /// <summary>The meeting link: shown only to people with a confirmed registration.</summary>
    public string? OnlineUrl { get; set; }

    public string? Address { get; set; }

    public string? City { get; set; }

    public int Capacity { get; set; }

    public int ReservedWomen { get; set; }

    public int ReservedDisability { get; set; }

    public int ReservedYouth { get; set; }

    public int GeneralTaken { get; set; }

    public int WomenTaken { get; set; }

    public int DisabilityTaken { get; set; }

    public int YouthTaken { get; set; }

    /// <summary>Teams allowed: their size limits (leader included). Zero: individual registration only.</summary>
    public int MinTeamSize { get; set; }

    public int MaxTeamSize { get; set; }

    /// <summary>The ideas module's challenge this event serves, when any.</summary>
    public int? ChallengeId { get; set; }

    /// <summary>The iCalendar SEQUENCE: raised by every change people's calendars must follow.</summary>
    public int Sequence { get; set; }

    public DateTime? CancelledAt { get; set; }

    public Guid CreatedById { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency for staff edits.</summary>
    public int Version { get; set; }

    /// <summary>Hackathons: results are submitted from the start until this moment.</summary>
    public DateTime? SubmissionsCloseAt { get; set; }

    /// <summary>Hackathons: when the publisher published the results (winners and feedback).</summary>
    public DateTime? ResultsPublishedAt { get; set; }

    public bool TakesSubmissions => Kind == EventKind.Hackathon && SubmissionsCloseAt is not null;

    /// <summary>Criteria change only while the event is upcoming; once submissions open they are fixed.</summary>
    public bool CriteriaEditableAt(DateTime now) => CancelledAt is null && now < StartsAt;

    public bool AcceptsSubmissionsAt(DateTime now) =>
        TakesSubmissions && CancelledAt is null && now >= StartsAt && now < SubmissionsCloseAt;

    public bool AllowsTeams => MaxTeamSize >= 2;

    public int GeneralSeats => Capacity - ReservedWomen - ReservedDisability - ReservedYouth;

    public int SeatsTaken => GeneralTaken + WomenTaken + DisabilityTaken + YouthTaken;

    public int SeatsLeft => Math.Max(0, Capacity - SeatsTaken);

    public int SeatsOf(SeatPool pool) => pool switch
    {
        SeatPool.Women => ReservedWomen,
        SeatPool.Disability => ReservedDisability,
        SeatPool.Youth => ReservedYouth,
        _ => GeneralSeats,
    };

    public int TakenOf(SeatPool pool) => pool switch
    {
        SeatPool.Women => WomenTaken,
        SeatPool.Disability => DisabilityTaken,
        SeatPool.Youth => YouthTaken,
        _ => GeneralTaken,
    };

    public bool AcceptsRegistrationAt(DateTime now) =>
        CancelledAt is null && now >= RegistrationOpensAt && now < RegistrationClosesAt && now < EndsAt;

    public EventStatus StatusAt(DateTime now)
    {
        if (CancelledAt is not null)
        {
            return EventStatus.Cancelled;
        }
        if (now >= EndsAt)
        {
            return EventStatus.Past;
        }
        if (now >= StartsAt)
        {
            return EventStatus.Ongoing;
        }
        if (AcceptsRegistrationAt(now))
        {
            return SeatsLeft == 0 ? EventStatus.Full : EventStatus.RegistrationOpen;
        }
        return EventStatus.Upcoming;
    }
}
