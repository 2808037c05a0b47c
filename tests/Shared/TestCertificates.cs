using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Strategy.Tests.Shared;

/// <summary>
/// A certificate authority made for one test, as an organization's internal CA is, and server
/// certificates it issues; its PEM file is written to a temporary folder and removed on dispose.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly RSA _authorityKey = RSA.Create(2048);
    private readonly string _folder = Directory.CreateTempSubdirectory("strategy-tls-").FullName;

    public TestCertificates()
    {
        var request = new CertificateRequest("CN=Strategy Test Internal CA", _authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-90), DateTimeOffset.UtcNow.AddYears(1));
        AuthorityPemFile = Path.Combine(_folder, "internal-ca.pem");
        File.WriteAllText(AuthorityPemFile, Authority.ExportCertificatePem() + "\n");
    }

    /// <summary>The authority, with its key (it signs the servers' certificates; clients get only the PEM file).</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The authority's certificate as a PEM file, as an operator would be handed it.</summary>
    public string AuthorityPemFile { get; }

    /// <summary>A server certificate for 127.0.0.1 and localhost, issued by the authority.</summary>
    public X509Certificate2 ForLoopback() => Issue(["localhost"], [IPAddress.Loopback], DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

    /// <summary>A server certificate for another name only.</summary>
    public X509Certificate2 ForOtherName() => Issue(["strategy.example.com"], [], DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

    /// <summary>A certificate for 127.0.0.1 that expired yesterday.</summary>
    public X509Certificate2 Expired() => Issue(["localhost"], [IPAddress.Loopback], DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));

    /// <summary>Writes a server certificate and its key as PEM files, as a server's operator holds them.</summary>
    public (string CertificateFile, string KeyFile) WritePem(X509Certificate2 certificate, string name)
    {
        var certificateFile = Path.Combine(_folder, name + ".pem");
        var keyFile = Path.Combine(_folder, name + ".key");
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(keyFile, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");
        return (certificateFile, keyFile);
    }

    public void Dispose()
    {
        _authorityKey.Dispose();
        Authority.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private X509Certificate2 Issue(string[] names, IPAddress[] addresses, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + (names.FirstOrDefault() ?? addresses[0].ToString()), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            alternativeNames.AddDnsName(name);
        }

        foreach (var address in addresses)
        {
            alternativeNames.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(alternativeNames.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Authority, true, false));
        using var issued = request.Create(Authority, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(key);

        // Through PKCS#12, so the server's TLS stack gets a key it may use on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }
}
