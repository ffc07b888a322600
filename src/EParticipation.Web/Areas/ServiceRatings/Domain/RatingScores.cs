namespace EParticipation.Web.Areas.ServiceRatings.Domain;

/// <summary>
/// The figures of one rating: overall 1-5 and the four dimensions, each 1-5 or null for "not applicable".
/// Shared by the current rating and its earlier versions, and added to or subtracted from the aggregates.
/// </summary>
public sealed record RatingScores(int Overall, int? Ease, int? Speed, int? Clarity, int? Staff);
