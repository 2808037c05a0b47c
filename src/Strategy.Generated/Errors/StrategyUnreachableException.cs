using System.Globalization;

namespace Strategy.Generated;

/// <summary>
/// The server could not be reached, or did not answer in time: connections were refused, reset
/// or could not be made more times in a row than the wait allows
/// (<see cref="StrategyWaitOptions.MaxConsecutiveTransientFailures"/>), or no whole answer came
/// within a time limit (<see cref="TimeLimit"/>: <see cref="StrategyClientOptions.Timeout"/> for a
/// call, <see cref="StrategyWaitOptions.Timeout"/> for the calls that start a workflow). Work
/// already started on the server may still be running there.
/// </summary>
public sealed class StrategyUnreachableException : StrategyException
{
    /// <summary>Creates the exception for connections that failed.</summary>
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

    /// <summary>Creates the exception for a server that did not answer within a time limit.</summary>
    /// <param name="operation">What had the limit, such as <c>ListSchedules (GET api/v2/schedules)</c> or <c>ReloadSchemaAndWait</c>.</param>
    /// <param name="server">The server's scheme, host and port, when known.</param>
    /// <param name="timeLimit">The limit that ran out, as it was given.</param>
    /// <param name="waitingFor">What was still awaited when it ran out, such as <c>Login (POST api/auth/login) got no answer</c>.</param>
    /// <param name="innerException">The cancellation or failure the limit caused, if any.</param>
    public StrategyUnreachableException(string operation, string? server, TimeSpan timeLimit, string? waitingFor, Exception? innerException)
        : base(DescribeNoAnswer(operation, server, timeLimit, waitingFor), innerException)
    {
        Operation = operation;
        Server = server;
        TimeLimit = timeLimit;
        WaitingFor = waitingFor;
    }

    /// <summary>What was being done.</summary>
    public string Operation { get; }

    /// <summary>The server's scheme, host and port (never a path or query), when known.</summary>
    public string? Server { get; }

    /// <summary>How many connection attempts in a row failed; 0 when the server did not answer in time.</summary>
    public int Failures { get; }

    /// <summary>The time limit that ran out, when the server did not answer in time; otherwise <see langword="null"/>.</summary>
    public TimeSpan? TimeLimit { get; }

    /// <summary>What was still awaited when the time limit ran out (which request, and whether its answer had begun), when known.</summary>
    public string? WaitingFor { get; }

    private static string Describe(string operation, string? server, int failures, Exception cause) =>
        $"The server {(server is null ? string.Empty : "at " + server + " ")}could not be reached during {operation}: "
        + $"{failures} connection attempt{(failures == 1 ? string.Empty : "s")} in a row failed ({ServerText.Clean(Explain(cause), 600)}).";

    /// <summary>What the transport said, without its generic wrapper (".. while sending the request") and without repeats.</summary>
    private static string Explain(Exception cause)
    {
        var kept = new List<string>();
        for (var current = cause; current is not null; current = current.InnerException)
        {
            var message = current.Message.Trim();
            if (message.Length > 0 && !message.StartsWith("An error occurred while sending the request", StringComparison.Ordinal) && !kept.Any(k => k.Contains(message, StringComparison.Ordinal)))
            {
                kept.Add(message.TrimEnd('.'));
            }
        }

        return kept.Count == 0 ? cause.Message.TrimEnd('.') : string.Join("; ", kept);
    }

    private static string DescribeNoAnswer(string operation, string? server, TimeSpan timeLimit, string? waitingFor) =>
        $"The server {(server is null ? string.Empty : "at " + server + " ")}did not answer {operation} within {Seconds(timeLimit)}"
        + (waitingFor is null ? "." : $": {waitingFor}.");

    /// <summary>A time limit as a person gave it: <c>5 s</c>, <c>0.5 s</c>, <c>100 s</c>.</summary>
    internal static string Seconds(TimeSpan limit) => limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
