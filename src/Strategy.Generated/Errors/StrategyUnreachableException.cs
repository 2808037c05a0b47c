namespace Strategy.Generated;

/// <summary>
/// The server could not be reached: connections were refused, reset or could not be made, more
/// times in a row than the wait allows (<see cref="StrategyWaitOptions.MaxConsecutiveTransientFailures"/>).
/// Work already started on the server may still be running there.
/// </summary>
public sealed class StrategyUnreachableException : StrategyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">What was being done, such as <c>publish of data model 9F47…</c>.</param>
    /// <param name="server">The server's scheme, host and port, when known.</param>
    /// <param name="failures">How many connection attempts in a row failed.</param>
    /// <param name="innerException">The last connection failure.</param>
    public StrategyUnreachableException(string operation, string? server, int failures, Exception innerException)
        : base(Describe(operation, server, failures, innerException), innerException)
    {
        Operation = operation;
        Server = server;
        Failures = failures;
    }

    /// <summary>What was being done.</summary>
    public string Operation { get; }

    /// <summary>The server's scheme, host and port (never a path or query), when known.</summary>
    public string? Server { get; }

    /// <summary>How many connection attempts in a row failed.</summary>
    public int Failures { get; }

    private static string Describe(string operation, string? server, int failures, Exception cause) =>
        $"The server {(server is null ? string.Empty : "at " + server + " ")}could not be reached during {operation}: "
        + $"{failures} connection attempt{(failures == 1 ? string.Empty : "s")} in a row failed ({cause.Message}).";
}
