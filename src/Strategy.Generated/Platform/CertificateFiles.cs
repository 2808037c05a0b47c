using System.Security.Cryptography.X509Certificates;

namespace Strategy.Generated;

/// <summary>Reads certificates from PEM files the same way on every asset (.NET Standard 2.0 has no PEM reader).</summary>
internal static class CertificateFiles
{
    private const string Begin = "-----BEGIN CERTIFICATE-----";
    private const string End = "-----END CERTIFICATE-----";

    /// <summary>Every certificate in a PEM file (a bundle may hold several).</summary>
    /// <exception cref="ArgumentException">The file cannot be read, or holds no certificate.</exception>
    public static X509Certificate2Collection ReadPem(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ArgumentException($"The certificate authority file {path} cannot be read: {ex.Message}");
        }

        var certificates = new X509Certificate2Collection();
        for (var start = text.IndexOf(Begin, StringComparison.Ordinal); start >= 0; start = text.IndexOf(Begin, start + Begin.Length, StringComparison.Ordinal))
        {
            var end = text.IndexOf(End, start, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            var base64 = text.Substring(start + Begin.Length, end - start - Begin.Length);
            try
            {
                certificates.Add(Load(Convert.FromBase64String(string.Concat(base64.Where(c => !char.IsWhiteSpace(c))))));
            }
            catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException)
            {
                throw new ArgumentException($"The certificate authority file {path} holds a certificate that cannot be read: {ex.Message}");
            }
        }

        return certificates.Count > 0
            ? certificates
            : throw new ArgumentException($"The certificate authority file {path} holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
    }

    private static X509Certificate2 Load(byte[] der) =>
#if NET9_0_OR_GREATER
        X509CertificateLoader.LoadCertificate(der);
#else
        new X509Certificate2(der);
#endif
}
