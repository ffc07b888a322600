using EParticipation.Web.Areas.ServiceRatings.Domain;

namespace EParticipation.Web.Areas.ServiceRatings.Services;

/// <summary>What one rating adds to (sign +1) or takes from (sign -1) its month's aggregate row.</summary>
public sealed record RatingDelta(int ServiceId, int AgencyId, DateOnly Month, RatingScores Scores, ServiceChannel Channel, int Sign);
