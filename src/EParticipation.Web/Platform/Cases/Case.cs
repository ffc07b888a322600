#pragma warning disable CA1716 // "Case" is the domain's word (domain.md); no Visual Basic caller will use this type.
using EParticipation.Web.Platform.Agencies;
using EParticipation.Web.Platform.Calendar;
using EParticipation.Web.Platform.Identity;
using EParticipation.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EParticipation.Web.Platform.Cases;

/// <summary>
/// A complaint or a piece of business feedback addressed to one agency, with its tracking number,
/// its state and its clock. The methods are the workflow's rules; each returns false, and changes
/// nothing, when the case is not in a state that allows the step.
/// </summary>
public class Case
{
    public long Id { get; set; }

    public CaseKind Kind { get; set; }

    /// <summary>For example CMP-1448-000123: the kind's prefix, the Hijri year of submission, a number.</summary>
    public string TrackingNumber { get; set; } = "";

    public int AgencyId { get; set; }

    /// <summary>
    /// The government service the case is about, when the submitter came from one (a rating's suggestion,
    /// a complaint started from a low rating): the id in the service catalogue, with no foreign key, as
    /// the catalogue belongs to a module. The dashboard counts a service's cases by it.
    /// </summary>
    public int? ServiceId { get; set; }

    public Agency? Agency { get; set; }

    public Guid SubmitterId { get; set; }

    public ApplicationUser? Submitter { get; set; }

    /// <summary>The key the submission form carried: sending the same form twice makes one case.</summary>
    public Guid SubmissionKey { get; set; }

    public string Subject { get; private set; } = "";

    public string Description { get; private set; } = "";

    /// <summary>Tracking number, subject and description, Arabic-normalised: what the officer's queue searches.</summary>
    public string SearchText { get; private set; } = "";

    public const int SearchTextMaxLength = 4000;

    public void Describe(string subject, string description)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(description);
        Subject = subject.Trim();
        Description = description.Trim();
        var text = ArabicText.Normalize(string.Join(' ', TrackingNumber, Subject, Description));
        SearchText = text.Length > SearchTextMaxLength ? text[..SearchTextMaxLength] : text;
    }

    public CaseState State
    {
        get => state;
        private set
        {
            state = value;
            QueueRank = RankOf(value);
        }
    }

    private CaseState state = CaseState.Submitted;

    /// <summary>
    /// Where the state puts the case in the officer's queue: 0 while the agency owes an answer
    /// (submitted, in review, awaiting information), 1 when answered, 2 when closed. Stored beside the
    /// state so that the queue is one ordered range of the (agency, rank, due day) index, not a sort of
    /// every open case of the agency.
    /// </summary>
    public int QueueRank { get; private set; }

    public const int RankAwaitingAnswer = 0;
    public const int RankResponded = 1;
    public const int RankClosed = 2;

    public static int RankOf(CaseState state) => state switch
    {
        CaseState.Responded => RankResponded,
        CaseState.Closed => RankClosed,
        _ => RankAwaitingAnswer,
    };

    public CaseEndState? EndState { get; private set; }

    public Guid? AssignedToId { get; private set; }

    public DateTime SubmittedAt { get; set; }

    /// <summary>Where the current clock counts from: the submission, or the last transfer or reopening.</summary>
    public DateTime ClockStartedAt { get; set; }

    /// <summary>The Saudi day by whose end the agency should answer (recomputed when holidays change).</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>Set while the case waits for the submitter; the clock stands still.</summary>
    public DateTime? PausedSince { get; private set; }

    public DateTime? FirstRespondedAt { get; private set; }

    public DateTime? RespondedAt { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public int ReopenCount { get; private set; }

    public int? Rating { get; private set; }

    public string? RatingComment { get; private set; }

    public DateTime? RatedAt { get; private set; }

    /// <summary>When the officer was reminded of the coming due day (once per clock).</summary>
    public DateTime? ReminderSentAt { get; set; }

    /// <summary>When the overdue case was escalated to the agency's supervisor (once per clock).</summary>
    public DateTime? EscalatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>The Saudi month the case was received in (yyyyMM): what the open statistics group by.</summary>
    public int ReceivedMonth { get; private set; }

    /// <summary>
    /// Working days from receipt to the agency's first answer, counted when it answered (the clock's
    /// pauses for the submitter's information left out): what the statistics' on-time rate and median use.
    /// </summary>
    public int? FirstResponseWorkingDays { get; private set; }

    /// <summary>Fills what the statistics read: the month of receipt and, once answered, the working days it took.</summary>
    public void CountForStatistics(WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var received = WorkingDayCalendar.SaudiDate(SubmittedAt);
        ReceivedMonth = received.Year * 100 + received.Month;
        if (FirstRespondedAt is { } first)
        {
            FirstResponseWorkingDays = calendar.WorkingDaysBetween(SubmittedAt, first,
                Pauses.Where(p => p.StartedAt < first).Select(p => new ClockPause(p.StartedAt, p.EndedAt ?? first)));
        }
    }

    /// <summary>
    /// Goes up with every change a person makes (an officer's answer, assignment, question, transfer or
    /// closing; the submitter's information, reopening or rating), not with the system's reminders or
    /// due-date changes. The officer's forms carry the version they showed, so of two officers acting
    /// on the same case at once one is saved and the other is told what changed (a concurrency token).
    /// </summary>
    public int Version { get; private set; }

    public List<CaseDetail> Details { get; } = [];

    public List<CaseTimelineEntry> Timeline { get; } = [];

    public List<CasePause> Pauses { get; } = [];

    public List<CaseAttachment> Attachments { get; } = [];

    /// <summary>States in which the agency still owes an answer and the clock runs (or is paused).</summary>
    public bool IsAwaitingAnswer => State is CaseState.Submitted or CaseState.InReview or CaseState.AwaitingInformation;

    public bool IsOpen => State != CaseState.Closed;

    public bool IsOverdueOn(DateOnly today) => IsAwaitingAnswer && PausedSince is null && today > DueOn;

    /// <summary>The pauses that belong to the current clock (a transfer or reopening starts a new one).</summary>
    public IEnumerable<CasePause> CurrentPauses => Pauses.Where(p => p.StartedAt >= ClockStartedAt);

    public bool CanReopenAt(DateTime now) =>
        RespondedAt is { } responded
        && now - responded <= CaseRules.ReopenWindow
        && (State == CaseState.Responded || (State == CaseState.Closed && EndState is not (CaseEndState.Withdrawn or CaseEndState.Duplicate)));

    public bool CanRate => State == CaseState.Closed && EndState != CaseEndState.Withdrawn && Rating is null;

    public bool CanWithdraw => IsOpen;

    public CaseTimelineEntry Record(CaseEvent what, bool isPublic, DateTime at, Guid? actor = null, string? body = null, string? data = null)
    {
        var entry = new CaseTimelineEntry { Event = what, IsPublic = isPublic, At = at, ActorId = actor, Body = body, Data = data };
        Timeline.Add(entry);
        UpdatedAt = at;
        if (actor is not null && what != CaseEvent.InternalNote)
        {
            Version++;
        }
        return entry;
    }

    /// <summary>The first thing an officer does to a new case moves it into review.</summary>
    public void StartReview(DateTime now, Guid officer)
    {
        if (State == CaseState.Submitted)
        {
            State = CaseState.InReview;
            Record(CaseEvent.ReviewStarted, true, now, officer);
        }
    }

    public bool Assign(Guid? officer, DateTime now, Guid actor, string? officerName)
    {
        if (!IsOpen || AssignedToId == officer)
        {
            return false;
        }
        StartReview(now, actor);
        AssignedToId = officer;
        Record(CaseEvent.Assigned, false, now, actor, data: officerName);
        return true;
    }

    public bool AddNote(string note, DateTime now, Guid actor)
    {
        Record(CaseEvent.InternalNote, false, now, actor, note);
        return true;
    }

    public bool RequestInformation(string question, DateTime now, Guid actor)
    {
        if (State is not (CaseState.Submitted or CaseState.InReview))
        {
            return false;
        }
        StartReview(now, actor);
        State = CaseState.AwaitingInformation;
        PausedSince = now;
        Pauses.Add(new CasePause { StartedAt = now });
        Record(CaseEvent.InformationRequested, true, now, actor, question);
        return true;
    }

    public bool AddInformation(string information, DateTime now)
    {
        if (State != CaseState.AwaitingInformation)
        {
            return false;
        }
        EndPause(now);
        State = CaseState.InReview;
        Record(CaseEvent.InformationAdded, true, now, SubmitterId, information);
        return true;
    }

    public bool Respond(string response, DateTime now, Guid actor)
    {
        if (!IsAwaitingAnswer)
        {
            return false;
        }
        EndPause(now);
        State = CaseState.Responded;
        FirstRespondedAt ??= now;
        RespondedAt = now;
        Record(CaseEvent.Responded, true, now, actor, response);
        return true;
    }

    public bool Close(CaseEndState endState, string? message, DateTime now, Guid actor)
    {
        if (!IsOpen || endState == CaseEndState.Withdrawn)
        {
            return false;
        }
        EndPause(now);
        State = CaseState.Closed;
        EndState = endState;
        ClosedAt = now;
        Record(CaseEvent.Closed, true, now, actor, message, endState.ToString());
        return true;
    }

    public bool Withdraw(DateTime now)
    {
        if (!CanWithdraw)
        {
            return false;
        }
        EndPause(now);
        State = CaseState.Closed;
        EndState = CaseEndState.Withdrawn;
        ClosedAt = now;
        Record(CaseEvent.Closed, true, now, SubmitterId, data: nameof(CaseEndState.Withdrawn));
        return true;
    }

    /// <summary>The answer did not resolve it: back into review with a new clock.</summary>
    public bool Reopen(string reason, DateTime now)
    {
        if (!CanReopenAt(now))
        {
            return false;
        }
        State = CaseState.InReview;
        EndState = null;
        ClosedAt = null;
        ReopenCount++;
        RestartClock(now);
        Record(CaseEvent.Reopened, true, now, SubmitterId, reason);
        return true;
    }

    /// <summary>Hands the case to another agency, which gets its own full clock.</summary>
    public bool Transfer(int agencyId, string agencyData, string? reason, DateTime now, Guid actor)
    {
        if (!IsAwaitingAnswer || agencyId == AgencyId)
        {
            return false;
        }
        EndPause(now);
        AgencyId = agencyId;
        AssignedToId = null;
        State = CaseState.Submitted;
        RestartClock(now);
        Record(CaseEvent.Transferred, true, now, actor, reason, agencyData);
        return true;
    }

    public bool Rate(int stars, string? comment, DateTime now)
    {
        if (!CanRate || stars is < 1 or > 5)
        {
            return false;
        }
        Rating = stars;
        RatingComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        RatedAt = now;
        Record(CaseEvent.Rated, true, now, SubmitterId, RatingComment, stars.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }

    private void RestartClock(DateTime now)
    {
        ClockStartedAt = now;
        ReminderSentAt = null;
        EscalatedAt = null;
    }

    private void EndPause(DateTime now)
    {
        if (PausedSince is null)
        {
            return;
        }
        foreach (var pause in Pauses.Where(p => p.EndedAt is null))
        {
            pause.EndedAt = now;
        }
        PausedSince = null;
    }
}

public sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.ToTable("Cases");
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.EndState).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.TrackingNumber).HasMaxLength(30);
        builder.Property(c => c.Subject).HasMaxLength(300);
        builder.Property(c => c.Description).HasMaxLength(8000);
        builder.Property(c => c.SearchText).HasMaxLength(Case.SearchTextMaxLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
        // The open statistics: one agency's cases by month of receipt.
        builder.HasIndex(c => new { c.AgencyId, c.ReceivedMonth });
        builder.Property(c => c.RatingComment).HasMaxLength(2000);
        builder.HasIndex(c => c.TrackingNumber).IsUnique();
        builder.HasIndex(c => new { c.SubmitterId, c.SubmissionKey }).IsUnique();
        // The officer's queue: one agency's cases, those awaiting an answer first, most urgent first.
        builder.Property(c => c.State).HasField("state");
        builder.HasIndex(c => new { c.AgencyId, c.QueueRank, c.DueOn, c.Id });
        // ... and with a state chosen.
        builder.HasIndex(c => new { c.AgencyId, c.State, c.DueOn });
        builder.HasIndex(c => new { c.SubmitterId, c.SubmittedAt });
        // The deadline job: every agency's cases awaiting an answer, by due day, read in batches after
        // the last (due day, id) of the previous batch (CaseDeadlines).
        builder.HasIndex(c => new { c.QueueRank, c.DueOn, c.Id });
        // A service's case figures on the dashboard.
        builder.HasIndex(c => c.ServiceId);
        builder.HasOne(c => c.Agency).WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Submitter).WithMany().HasForeignKey(c => c.SubmitterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.AssignedToId).OnDelete(DeleteBehavior.SetNull);
        builder.Ignore(c => c.CurrentPauses);
        builder.HasMany(c => c.Details).WithOne().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Timeline).WithOne().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Pauses).WithOne().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Attachments).WithOne().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
