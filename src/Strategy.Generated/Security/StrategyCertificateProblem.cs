namespace Strategy.Generated;

/// <summary>Why a server's certificate was not trusted, or why no TLS connection could be made.</summary>
public enum StrategyCertificateProblem
{
    /// <summary>Something else about the certificate or its chain (revoked, a broken chain, a policy).</summary>
    Other,

    /// <summary>No certificate authority this client trusts issued it: typically an organization's own CA. Trust it with a CA file.</summary>
    UntrustedRoot,

    /// <summary>The certificate is for another name than the address connected to.</summary>
    NameMismatch,

    /// <summary>The certificate has expired, or is not valid yet.</summary>
    Expired,

    /// <summary>The server did not answer TLS at all: an https:// address for a server that speaks plain HTTP.</summary>
    NotTls,
}
