using EParticipation.Web.Platform.Localization;

namespace EParticipation.Web.Platform.Notifications;

/// <summary>A followed item as the list of follows shows it; the path is under the language, without it ("consultations/12").</summary>
public sealed record FollowedItem(string TargetId, LocalizedText Title, string Path);
