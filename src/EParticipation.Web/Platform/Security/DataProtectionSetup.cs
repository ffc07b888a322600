using System.Security.Cryptography.X509Certificates;
using EParticipation.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;

namespace EParticipation.Web.Platform.Security;

/// <summary>Configuration section "DataProtection".</summary>
public static class DataProtectionSetup
{
    public const string CertificatePathKey = "DataProtection:CertificatePath";
    public const string CertificatePasswordKey = "DataProtection:CertificatePassword";

    /// <summary>
    /// Keys in the database (<c>PersistKeysToDbContext</c>): every instance reads the same sign-in
    /// cookies, antiforgery tokens and unsubscribe links. Outside Development each key is encrypted at
    /// rest with the certificate at <c>DataProtection:CertificatePath</c> (a PKCS#12 file with its
    /// private key), and the portal refuses to start without one: a copy of the database alone must not
    /// let anyone forge a sign-in cookie. The same certificate decrypts them again, so it need not be in
    /// the machine's certificate store (docs/operations.md: creating and rotating it).
    /// </summary>
    public static IServiceCollection AddPortalDataProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var protection = services.AddDataProtection()
            .SetApplicationName("EParticipation.Portal")
            .PersistKeysToDbContext<AppDbContext>()
            // AES-256-GCM (authenticated on its own) rather than the default AES-256-CBC with
            // HMACSHA256: about 12 instead of 16-20 µs to protect and 7-8 instead of 11-14 µs to
            // unprotect on this machine kind, and 26 bytes shorter; a visitor's page protects two
            // antiforgery tokens, a signed-in post unprotects three or four payloads. It applies to keys
            // created from now on; a key keeps the algorithm it was made with, so cookies and links
            // protected with an older key still read until that key expires.
            .UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration { EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM });
        var path = configuration[CertificatePathKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    $"{CertificatePathKey} is not set. Outside Development the data-protection keys are encrypted at rest with a certificate (a .pfx file with its private key); see docs/operations.md.");
            }
            return services;
        }
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{CertificatePathKey} names a file that does not exist: {path}");
        }
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[CertificatePasswordKey], X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"The certificate at {CertificatePathKey} has no private key, so the keys it encrypts could not be read again.");
        }
        protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        return services;
    }
}
