namespace Strategy.Generated;

/// <summary>
/// The server's certificate was not trusted, or the server did not speak TLS. It is never retried
/// and is not "unreachable": the server answered, and the answer was refused. No setting turns the
/// check off; an organization's own certificate authority is trusted with
/// <see cref="StrategyClientOptions.CaCertificateFile"/>.
/// </summary>
public sealed class StrategyCertificateException : StrategyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="server">The server, scheme, host and port.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="details">What the certificate and its chain say, in words.</param>
    /// <param name="innerException">The transport's own error.</param>
    public StrategyCertificateException(string server, StrategyCertificateProblem problem, string? details, Exception? innerException)
        : base(Describe(server, problem, details), innerException)
    {
        Server = server;
        Problem = problem;
        Details = details;
    }

    /// <summary>The server, such as <c>https://host:443</c>.</summary>
    public string Server { get; }

    /// <summary>What is wrong.</summary>
    public StrategyCertificateProblem Problem { get; }

    /// <summary>What the certificate and its chain say (subject, validity, chain status), when known.</summary>
    public string? Details { get; }

    private static string Describe(string server, StrategyCertificateProblem problem, string? details)
    {
        var what = problem switch
        {
            StrategyCertificateProblem.UntrustedRoot => $"The server at {server} presented a certificate that no certificate authority this client trusts issued",
            StrategyCertificateProblem.NameMismatch => $"The server at {server} presented a certificate for another name",
            StrategyCertificateProblem.Expired => $"The server at {server} presented a certificate that has expired or is not valid yet",
            StrategyCertificateProblem.NotTls => $"The server at {server} did not answer TLS; if it serves plain HTTP, use an http:// address",
            _ => $"The server at {server} presented a certificate this client does not trust",
        };
        var hint = problem == StrategyCertificateProblem.UntrustedRoot
            ? " If your organization's own certificate authority issued it, trust that authority's PEM file (CaCertificateFile; for the strategy command, --ca-certificate or STRATEGY_CA_CERTIFICATE)."
            : string.Empty;
        return $"{what}{(details is null ? string.Empty : $" ({details})")}.{hint}";
    }
}
