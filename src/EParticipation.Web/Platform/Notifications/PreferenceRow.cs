namespace EParticipation.Web.Platform.Notifications;

/// <summary>One kind of followed item on the preferences page: how often to email, and what is followed.</summary>
public sealed record PreferenceRow(string Kind, NotificationFrequency Frequency, IReadOnlyList<FollowRow> Follows);
