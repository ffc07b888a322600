namespace EParticipation.Web.Platform.Notifications;

public enum EmailDelivery
{
    /// <summary>Each message is written as an .eml file under the data folder (the embedded default).</summary>
    PickupFolder,

    /// <summary>Each message is sent to an SMTP server.</summary>
    Smtp,
}

/// <summary>Configuration section "Email".</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public EmailDelivery Delivery { get; set; } = EmailDelivery.PickupFolder;

    public string FromAddress { get; set; } = "no-reply@eparticipation.example.sa";

    /// <summary>Defaults to mail-pickup under the data folder.</summary>
    public string? PickupFolder { get; set; }

    public SmtpSettings Smtp { get; set; } = new();
}

public sealed class SmtpSettings
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 587;

    /// <summary>Upgrade the connection with STARTTLS before sending credentials or mail.</summary>
    public bool UseStartTls { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Seconds allowed for connecting and for each SMTP command.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// SHA-256 fingerprint (hex) of a server certificate to accept even though no trusted authority
    /// signed it (an internal relay's self-signed certificate). Empty: the usual chain validation only.
    /// </summary>
    public string? TrustedCertificateSha256 { get; set; }
}
