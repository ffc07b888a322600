namespace EParticipation.Web.Platform.Security;

/// <summary>
/// Configuration section "Security": the largest request body the portal reads (Kestrel's own
/// limit is set to the same value). Uploads are limited further by Attachments:MaxBytes.
/// </summary>
public sealed class RequestSizeLimits
{
    public const string Section = "Security";

    /// <summary>30,000,000 bytes unless configured (Kestrel's default).</summary>
    public long MaxRequestBodyBytes { get; set; } = 30_000_000;
}
