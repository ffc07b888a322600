namespace EParticipation.Web.Areas.ServiceRatings.Domain;

/// <summary>
/// An account's current rating of a service: one row per account and service (a unique index). A
/// new rating within <see cref="Window"/> of <see cref="WindowStartedAt"/> replaces this one (the
/// replaced version goes to <see cref="ServiceRatingVersion"/> and leaves the figures); after the
/// window the old one is kept as a version that still counts, and the new one opens a new window.
/// </summary>
public class ServiceRating
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public long Id { get; set; }

    public int ServiceId { get; set; }

    public GovernmentService? Service { get; set; }

    public Guid UserId { get; set; }

    public int Overall { get; set; }

    public int? Ease { get; set; }

    public int? Speed { get; set; }

    public int? Clarity { get; set; }

    public int? Staff { get; set; }

    public ServiceChannel Channel { get; set; }

    public string? Comment { get; set; }

    /// <summary>Hidden by moderation (enough reports, or a moderator): the figures still count it.</summary>
    public bool CommentHidden { get; set; }

    public string? Suggestion { get; set; }

    /// <summary>The case the suggestion became (Platform/Cases), by its tracking number.</summary>
    public string? SuggestionCase { get; set; }

    /// <summary>When the current 30-day window began: the first rating of the window.</summary>
    public DateTime WindowStartedAt { get; set; }

    public DateTime SubmittedAt { get; set; }

    /// <summary>How many times it has been replaced within its window.</summary>
    public int Revision { get; set; }

    public RatingScores Scores => new(Overall, Ease, Speed, Clarity, Staff);

    public bool WindowOpenAt(DateTime now) => now - WindowStartedAt < Window;
}
