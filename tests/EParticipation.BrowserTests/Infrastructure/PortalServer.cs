using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EParticipation.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EParticipation.BrowserTests.Infrastructure;

/// <summary>
/// The portal on a real Kestrel port over HTTPS (a self-signed certificate made for the run), with
/// demo data, so the browser sees exactly what a visitor would: Secure cookies, real redirects,
/// static files, the content-security policy.
/// </summary>
public sealed class PortalServer : PortalFactory
{
    public PortalServer()
    {
        With("Seeds:DemoData", "true");
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(CreateCertificate())));
    }

    /// <summary>The base address, for example https://127.0.0.1:43121.</summary>
    public Uri BaseAddress { get; private set; } = default!;

    public void Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    /// <summary>An address on this server; a full link (from an email) keeps only its path and query.</summary>
    /// <remarks>
    /// Only http(s) links count as full links: on Linux "/ar/x?a=1" also parses as an absolute file URI,
    /// whose PathAndQuery would escape the "?" and send the browser to a page that does not exist.
    /// </remarks>
    public string Url(string pathOrLink) =>
        new Uri(BaseAddress, Uri.TryCreate(pathOrLink, UriKind.Absolute, out var link) && link.Scheme is "http" or "https" ? link.PathAndQuery : pathOrLink).ToString();

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
