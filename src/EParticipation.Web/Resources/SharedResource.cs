namespace EParticipation.Web;

/// <summary>Marker for the platform's shared strings (Resources/SharedResource.ar.resx).</summary>
#pragma warning disable CA1052 // a marker type for IStringLocalizer<T>, never instantiated
public sealed class SharedResource;
#pragma warning restore CA1052
