using EParticipation.Web.Platform.Localization;

namespace EParticipation.Web.Platform.Participation;

/// <summary>A link to another module's public item: its id, bilingual title and address without the language prefix (for example "challenges/12").</summary>
public sealed record ParticipationLink(int Id, LocalizedText Title, string Path);
