namespace EParticipation.Web.Areas.ServiceRatings.Services;

/// <summary>What a rating did: new, replaced the account's rating of the window, or started a new window; and the suggestion's case.</summary>
public sealed record RatingOutcome(long RatingId, bool Replaced, string? SuggestionCase);
