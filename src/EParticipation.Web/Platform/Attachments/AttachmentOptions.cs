namespace EParticipation.Web.Platform.Attachments;

/// <summary>Configuration section "Attachments".</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    /// <summary>The largest file accepted, in bytes (20 MB unless configured).</summary>
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;
}
