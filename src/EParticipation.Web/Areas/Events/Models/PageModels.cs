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

public sealed record EventPage(PortalEvent Event, EventStatus Status, MyRegistration? Mine, RegistrationInput Input, ParticipationLink? Challenge, string JsonLd, bool SignedIn, HackathonPublic? Hackathon = null);

public sealed record InvitationPage(PortalEvent Event, string Token, string TeamName, string LeaderName, bool EmailMatches);

public sealed record MyRegistrationRow(PortalEvent Event, EventRegistration Registration, string Code, bool IsLeader);

public sealed record ManageEventRow(PortalEvent Event, EventStatus Status, int Waitlisted);

public sealed record EventEditPage(EventInput Input, PortalEvent? Event, EventStatus? Status, IReadOnlyList<ParticipationLink>? Challenges)
{
    public bool Conflict { get; init; }
}

public sealed record AttendeeRow(long Id, string Name, string Email, string Code, string? TeamName, SeatPool? Pool, RegistrationStatus Status, bool Accepted, DateTime? CheckedInAt);

public sealed record AttendeesPage(PortalEvent Event, IReadOnlyList<AttendeeRow> Rows, string? Code, AttendeeRow? Found);

/// <summary>A team's submission page: the form until the deadline, read-only after it, the judges' feedback once published.</summary>
public sealed record SubmissionPage(
    PortalEvent Event,
    EventRegistration Team,
    HackathonSubmission? Submission,
    SubmissionInput Input,
    IReadOnlyList<HackathonCriterion> Criteria,
    bool Open,
    IReadOnlyList<string>? Feedback)
{
    public bool Conflict { get; init; }

    public bool NotYetOpen { get; init; }
}

public sealed record JudgeRow(int Id, string Name, string Email);

/// <summary>The publisher's hackathon screen: criteria, judges, the ranking and the results.</summary>
public sealed record HackathonManagePage(
    PortalEvent Event,
    IReadOnlyList<HackathonCriterion> Criteria,
    IReadOnlyList<JudgeRow> Judges,
    IReadOnlyList<Services.RankedSubmission> Ranking,
    bool CriteriaEditable,
    bool CanPublish,
    CriterionInput NewCriterion,
    IReadOnlyDictionary<int, ParticipationLink> Ideas);

public sealed record CriterionEditPage(PortalEvent Event, int CriterionId, CriterionInput Input)
{
    public bool Conflict { get; init; }
}

/// <summary>A judge's list: every submission of the event and whether this judge has reviewed it.</summary>
public sealed record JudgingRow(HackathonSubmission Submission, string TeamName, bool Reviewed);

public sealed record JudgingPage(PortalEvent Event, IReadOnlyList<JudgingRow> Rows, int CriteriaCount);

public sealed record ReviewPage(PortalEvent Event, HackathonSubmission Submission, string TeamName, IReadOnlyList<HackathonCriterion> Criteria, ReviewInput Input, bool Closed)
{
    public bool Conflict { get; init; }
}

/// <summary>What the public event page shows of a hackathon: criteria before, winners after.</summary>
public sealed record WinnerRow(int Place, string TeamName, string Title, ParticipationLink? Idea);

public sealed record HackathonPublic(IReadOnlyList<HackathonCriterion> Criteria, IReadOnlyList<WinnerRow>? Winners, bool InTeam);
