using EParticipation.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EParticipation.Tests.Platform;

/// <summary>Outside Development the key ring in the database is encrypted with the configured certificate; its keys are AES-256-GCM.</summary>
public sealed class DataProtectionTests
{
    [Fact]
    public async Task KeyRing_OutsideDevelopment_IsStoredEncryptedWithTheCertificate()
    {
        using var portal = new PortalFactory();
        var page = await portal.Client().GetAsync("/ar/account/login");
        page.EnsureSuccessStatusCode();

        var keys = await portal.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync());

        var key = Assert.Single(keys);
        Assert.Contains("encryptedSecret", key, StringComparison.Ordinal);
        Assert.Contains("EncryptedXmlDecryptor", key, StringComparison.Ordinal);
        // An unencrypted key ring holds the key itself in <masterKey><value>…</value>.
        Assert.DoesNotContain("<value>", key, StringComparison.Ordinal);
        // New keys protect with AES-256-GCM (DataProtectionSetup).
        Assert.Contains("<encryption algorithm=\"AES_256_GCM\"", key, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_OutsideDevelopmentWithoutACertificate_IsRefusedNamingTheSetting()
    {
        using var portal = new PortalFactory().With("DataProtection:CertificatePath", "");

        var error = Assert.ThrowsAny<Exception>(() => portal.Client());

        Assert.Contains("DataProtection:CertificatePath", error.GetBaseException().Message, StringComparison.Ordinal);
    }
}
