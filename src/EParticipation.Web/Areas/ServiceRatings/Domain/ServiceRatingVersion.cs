namespace EParticipation.Web.Areas.ServiceRatings.Domain;

/// <summary>
/// An earlier version of an account's rating. <see cref="StillCounts"/> is true for a rating whose
/// window had ended when the account rated again (it stays in the figures), false for one replaced
/// within its window (the replacement took its place in the figures).
/// </summary>
public class ServiceRatingVersion
{
    public long Id { get; set; }

    public long RatingId { get; set; }

    public int ServiceId { get; set; }

    public Guid UserId { get; set; }

    public int Overall { get; set; }

    public int? Ease { get; set; }

    public int? Speed { get; set; }

    public int? Clarity { get; set; }

    public int? Staff { get; set; }

    public ServiceChannel Channel { get; set; }

    public string? Comment { get; set; }

    public string? Suggestion { get; set; }

    public string? SuggestionCase { get; set; }

    public DateTime SubmittedAt { get; set; }

    public DateTime ReplacedAt { get; set; }

    public bool StillCounts { get; set; }

    public static ServiceRatingVersion Of(ServiceRating r, DateTime replacedAt, bool stillCounts)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new ServiceRatingVersion
        {
            RatingId = r.Id, ServiceId = r.ServiceId, UserId = r.UserId, Overall = r.Overall, Ease = r.Ease, Speed = r.Speed,
            Clarity = r.Clarity, Staff = r.Staff, Channel = r.Channel, Comment = r.Comment, Suggestion = r.Suggestion,
            SuggestionCase = r.SuggestionCase, SubmittedAt = r.SubmittedAt, ReplacedAt = replacedAt, StillCounts = stillCounts,
        };
    }
}
