namespace EParticipation.Web.Platform.Notifications;

/// <summary>One followed item in the list under the account, with the follow's id for its unfollow button.</summary>
public sealed record FollowRow(long Id, FollowedItem Item, DateTime Since);
