using EParticipation.Web.Areas.Events.Domain;
using EParticipation.Web.Platform.Participation;

namespace EParticipation.Web.Areas.Events.Models;

/// <summary>The list's filters: kind, agency (its code) and upcoming or past.</summary>
public sealed record EventListQuery(EventKind? Kind, string? Agency, string When)
{
    public const string Upcoming = "upcoming";
    public const string Past = "past";

    public static EventListQuery From(string? kind, string? agency, string? when) => new(
        Enum.TryParse<EventKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : null,
        string.IsNullOrWhiteSpace(agency) ? null : agency.Trim().ToLowerInvariant(),
        when == Past ? Past : Upcoming);

    public IEnumerable<KeyValuePair<string, string?>> ToQuery() =>
    [
        new("kind", Kind?.ToString().ToLowerInvariant()),
        new("agency", Agency),
        new("when", When == Past ? Past : null),
    ];
}

public sealed record AgencyOption(string Code, Platform.Localization.LocalizedText Name);

public sealed record EventRow(PortalEvent Event, EventStatus Status);

public sealed record EventListPage(EventListQuery Query, IReadOnlyList<EventRow> Rows, IReadOnlyList<AgencyOption> Agencies);

public sealed record TeamMemberRow(string Email, string Name, bool Accepted);

/// <summary>The visitor's own registration on the event page.</summary>
public sealed record MyRegistration(EventRegistration Registration, string Code, int? WaitlistPosition, IReadOnlyList<TeamMemberRow> Members);

public sealed record EventPage(PortalEvent Event, EventStatus Status, MyRegistration? Mine, RegistrationInput Input, ParticipationLink? Challenge, string JsonLd, bool SignedIn);

public sealed record InvitationPage(PortalEvent Event, string Token, string TeamName, string LeaderName, bool EmailMatches);

public sealed record MyRegistrationRow(PortalEvent Event, EventRegistration Registration, string Code, bool IsLeader);

public sealed record ManageEventRow(PortalEvent Event, EventStatus Status, int Waitlisted);

public sealed record EventEditPage(EventInput Input, PortalEvent? Event, EventStatus? Status, IReadOnlyList<ParticipationLink>? Challenges)
{
    public bool Conflict { get; init; }
}

public sealed record AttendeeRow(long Id, string Name, string Email, string Code, string? TeamName, SeatPool? Pool, RegistrationStatus Status, bool Accepted, DateTime? CheckedInAt);

public sealed record AttendeesPage(PortalEvent Event, IReadOnlyList<AttendeeRow> Rows, string? Code, AttendeeRow? Found);
