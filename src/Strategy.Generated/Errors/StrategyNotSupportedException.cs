namespace Strategy.Generated;

/// <summary>
/// The server is older than the operation: <c>GET /api/status</c> reports a version before the first
/// one that has the operation (declared in the spec as <c>x-strategy-since</c>). Either the server
/// answered 404 ERR004 as for an unknown route (the 404 is the inner exception), or its version was
/// already known and the request was not sent at all (no inner exception). Upgrading the server is
/// the fix; retrying is not.
/// </summary>
public sealed class StrategyNotSupportedException : StrategyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operationId">The operation, such as <c>CreateDataModelInstance</c>.</param>
    /// <param name="minimumServerVersion">The first server version that has it.</param>
    /// <param name="serverVersion">The Intelligence Server version the server reported, if any.</param>
    /// <param name="webVersion">The web (Library) version the server reported, if any.</param>
    /// <param name="innerException">The 404 the operation answered.</param>
    public StrategyNotSupportedException(string operationId, string minimumServerVersion, string? serverVersion, string? webVersion, StrategyApiException innerException)
        : base(
            $"{operationId} is not supported by this server (version {Shown(serverVersion, webVersion)}); it needs {minimumServerVersion} or later.",
            innerException)
    {
        OperationId = operationId;
        MinimumServerVersion = minimumServerVersion;
        ServerVersion = serverVersion;
        WebVersion = webVersion;
    }

    /// <summary>Creates the exception for a request refused before it was sent: the server's version was already known.</summary>
    /// <param name="operationId">The operation, such as <c>ListJobs</c>.</param>
    /// <param name="minimumServerVersion">The first server version that has it.</param>
    /// <param name="serverVersion">The Intelligence Server version the server reported, if any.</param>
    /// <param name="webVersion">The web (Library) version the server reported, if any.</param>
    public StrategyNotSupportedException(string operationId, string minimumServerVersion, string? serverVersion, string? webVersion)
        : base($"{operationId} is not supported by this server (version {Shown(serverVersion, webVersion)}); it needs {minimumServerVersion} or later. Nothing was sent.", null)
    {
        OperationId = operationId;
        MinimumServerVersion = minimumServerVersion;
        ServerVersion = serverVersion;
        WebVersion = webVersion;
    }

    /// <summary>The operation the server does not have.</summary>
    public string OperationId { get; }

    /// <summary>The first server version that has the operation.</summary>
    public string MinimumServerVersion { get; }

    /// <summary>The Intelligence Server version the server reported (<c>iServerVersion</c>).</summary>
    public string? ServerVersion { get; }

    /// <summary>The web (Library) version the server reported (<c>webVersion</c>).</summary>
    public string? WebVersion { get; }

    /// <summary>The version the server reported, as it may be shown: cleaned of control characters and cut short.</summary>
    private static string Shown(string? serverVersion, string? webVersion) =>
        ServerText.Clean(serverVersion ?? webVersion, 40) ?? "unknown";
}
