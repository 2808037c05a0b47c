using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Strategy.Generated.Http;

/// <summary>
/// Checks servers' certificates for one pipeline: the system's trust, plus the certificate
/// authorities of a PEM file when one is given (an organization's own CA); never less. It notes
/// why each server's certificate was refused, so the failure becomes a
/// <see cref="StrategyCertificateException"/> that says so instead of "unreachable".
/// </summary>
internal sealed class ServerCertificates
{
    private readonly X509Certificate2Collection _authorities;
    private readonly HashSet<string> _authorityThumbprints;
    private readonly ConcurrentDictionary<string, (StrategyCertificateProblem Problem, string Details)> _refusals = new(StringComparer.OrdinalIgnoreCase);

    private ServerCertificates(X509Certificate2Collection authorities)
    {
        _authorities = authorities;
        _authorityThumbprints = new HashSet<string>(authorities.Cast<X509Certificate2>().Select(c => c.Thumbprint), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The system's trust only, for one pipeline (each keeps its own record of refusals).</summary>
    public static ServerCertificates System => new([]);

    /// <summary>The system's trust, and the certificate authorities in <paramref name="pemFile"/> when given, for one pipeline.</summary>
    /// <exception cref="ArgumentException">The file cannot be read, or holds no certificate.</exception>
    public static ServerCertificates With(string? pemFile) =>
        string.IsNullOrWhiteSpace(pemFile) ? System : new ServerCertificates(CertificateFiles.ReadPem(pemFile!));

    /// <summary>Whether extra authorities are trusted.</summary>
    public bool HasAuthorities => _authorities.Count > 0;

    /// <summary>The check the primary handler makes for every TLS connection.</summary>
    /// <param name="server">The server's authority (<c>host:port</c>) the connection is to.</param>
    /// <param name="certificate">The server's certificate.</param>
    /// <param name="chain">The chain the system built.</param>
    /// <param name="errors">What the system found.</param>
    /// <returns>Whether to trust the server.</returns>
    public bool Validate(string server, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            _refusals.TryRemove(server, out _);
            return true;
        }

        var leaf = certificate as X509Certificate2 ?? (certificate is null ? null : new X509Certificate2(certificate));
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            // Never forgiven: a certificate for another name proves nothing about this server.
            return Refuse(server, StrategyCertificateProblem.NameMismatch, leaf is null ? null : "it is for " + Names(leaf));
        }

        if (leaf is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return Refuse(server, StrategyCertificateProblem.Other, "the server sent no certificate");
        }

        if (HasAuthorities)
        {
            if (TrustedByAuthorities(leaf, out var chainProblem))
            {
                _refusals.TryRemove(server, out _);
                return true;
            }

            if (chainProblem is { } found)
            {
                return Refuse(server, found.Problem, found.Details);
            }
        }

        var statuses = (chain?.ChainStatus ?? []).Select(s => s.Status).ToList();
        return statuses.Contains(X509ChainStatusFlags.NotTimeValid)
            ? Refuse(server, StrategyCertificateProblem.Expired, Validity(leaf))
            : statuses.Any(s => s is X509ChainStatusFlags.UntrustedRoot or X509ChainStatusFlags.PartialChain)
                ? Refuse(server, StrategyCertificateProblem.UntrustedRoot, "issued by " + leaf.Issuer)
                : Refuse(server, StrategyCertificateProblem.Other, string.Join(", ", statuses));
    }

    /// <summary>Why the server's certificate was last refused, if it was.</summary>
    public (StrategyCertificateProblem Problem, string Details)? Refusal(string server) =>
        _refusals.TryGetValue(server, out var refusal) ? refusal : null;

    /// <summary>Whether the chain leads to one of the extra authorities, with nothing else wrong; else what is wrong with it.</summary>
    private bool TrustedByAuthorities(X509Certificate2 leaf, out (StrategyCertificateProblem Problem, string Details)? problem)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.ExtraStore.AddRange(_authorities);

        // The authority is trusted by being in the file: its root need not be in the system's store,
        // and an internal authority seldom publishes a revocation list this client could reach.
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.Build(leaf);
        var statuses = chain.ChainStatus.Select(s => s.Status).Where(s => s != X509ChainStatusFlags.UntrustedRoot).ToList();
        var root = chain.ChainElements.Count > 0 ? chain.ChainElements[chain.ChainElements.Count - 1].Certificate : null;
        if (statuses.Contains(X509ChainStatusFlags.NotTimeValid))
        {
            problem = (StrategyCertificateProblem.Expired, Validity(leaf));
            return false;
        }

        if (root is null || !_authorityThumbprints.Contains(root.Thumbprint))
        {
            problem = null;
            return false;
        }

        problem = statuses.Count == 0 ? null : (StrategyCertificateProblem.Other, string.Join(", ", statuses));
        return statuses.Count == 0;
    }

    private bool Refuse(string server, StrategyCertificateProblem problem, string? details)
    {
        _refusals[server] = (problem, details ?? problem.ToString());
        return false;
    }

    private static string Names(X509Certificate2 certificate)
    {
        var dns = certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false);
        return string.IsNullOrEmpty(dns) ? certificate.Subject : dns;
    }

    private static string Validity(X509Certificate2 certificate) =>
        FormattableString.Invariant($"valid from {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd} to {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd} UTC");
}
