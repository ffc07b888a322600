using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EParticipation.Tests.Infrastructure;

/// <summary>
/// The certificate that encrypts the data-protection keys at rest, as outside Development the portal
/// requires one: a self-signed PKCS#12 file with its private key, made once per test run, with the
/// password the settings give.
/// </summary>
public static class DataProtectionCertificate
{
    public const string Password = "test-keys";

    private static readonly Lazy<string> File = new(Create);

    public static string Path => File.Value;

    /// <summary>A second, different certificate (a key ring encrypted with one cannot be read with the other).</summary>
    public static string CreateAnother() => Create();

    private static string Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=EParticipation data protection (tests)", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ep-tests");
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, "data-protection-" + Guid.NewGuid().ToString("N") + ".pfx");
        System.IO.File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}
