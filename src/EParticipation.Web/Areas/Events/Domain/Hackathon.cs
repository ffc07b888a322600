using EParticipation.Web.Platform.Localization;

namespace EParticipation.Web.Areas.Events.Domain;

/// <summary>
/// A judging criterion of a hackathon, published on the event page before it starts. Each judge
/// scores every submission from 0 to <see cref="MaxScore"/>; the ranking weighs the criteria by
/// <see cref="Weight"/>. The publisher edits criteria only while the event is upcoming.
/// </summary>
public class HackathonCriterion
{
    public int Id { get; set; }

    public int EventId { get; set; }

    public LocalizedText Name { get; set; } = new();

    public LocalizedText Description { get; set; } = new();

    public int Weight { get; set; }

    public int MaxScore { get; set; }

    public int Position { get; set; }

    /// <summary>Optimistic concurrency: two publishers of the agency may edit it at once.</summary>
    public int Version { get; set; }
}

/// <summary>A staff account of the event's agency that the publisher named as a judge of the event.</summary>
public class HackathonJudge
{
    public int Id { get; set; }

    public int EventId { get; set; }

    public Guid UserId { get; set; }

    public DateTime AddedAt { get; set; }
}

/// <summary>
/// A team's (or an individual's) result: one per registration, edited by the leader and the
/// members until the event's submission deadline, read-only after it.
/// </summary>
public class HackathonSubmission
{
    public int Id { get; set; }

    public int EventId { get; set; }

    public long RegistrationId { get; set; }

    public EventRegistration? Registration { get; set; }

    public string Title { get; set; } = "";

    public string Summary { get; set; } = "";

    public string? Link { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public Guid UpdatedById { get; set; }

    /// <summary>1 to 3 for the winners, set when the results are published.</summary>
    public int? Place { get; set; }

    /// <summary>The ideas module's idea a winning result became (through Platform/Participation).</summary>
    public int? IdeaId { get; set; }

    /// <summary>Optimistic concurrency: the leader and members may edit it at once.</summary>
    public int Version { get; set; }

    public List<HackathonSubmissionFile> Files { get; set; } = [];
}

public class HackathonSubmissionFile
{
    public int Id { get; set; }

    public int SubmissionId { get; set; }

    public string StorageKey { get; set; } = "";

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    public DateTime UploadedAt { get; set; }
}

/// <summary>One judge's scores of one submission, with written feedback for the team.</summary>
public class HackathonReview
{
    public int Id { get; set; }

    public int SubmissionId { get; set; }

    public Guid JudgeId { get; set; }

    public string Feedback { get; set; } = "";

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }

    public List<HackathonScore> Scores { get; set; } = [];
}

public class HackathonScore
{
    public int Id { get; set; }

    public int ReviewId { get; set; }

    public int CriterionId { get; set; }

    public int Score { get; set; }
}
