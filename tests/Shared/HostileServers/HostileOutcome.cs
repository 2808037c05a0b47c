namespace Strategy.Tests.Shared;

/// <summary>
/// How every front end must end against one kind of hostile server: the library's exception (and
/// its kind), the command's exit code, the module's error category, and words the message must
/// hold. One table, so the library, the CLI process and PowerShell are held to the same outcome.
/// </summary>
/// <param name="Behaviour">The server.</param>
/// <param name="Exception">The library's exception type, by name.</param>
/// <param name="Kind">Its <c>StrategyErrorKind</c>, by name, for a <c>StrategyApiException</c>.</param>
/// <param name="ExitCode">The <c>strategy</c> command's exit code.</param>
/// <param name="Category">The PowerShell error category, by name.</param>
/// <param name="MessagePart">Words the message holds, in the user's terms.</param>
public sealed record HostileOutcome(HostileBehaviour Behaviour, string Exception, string? Kind, int ExitCode, string Category, string MessagePart)
{
    /// <summary>Every hostile server, and how each front end must end against it.</summary>
    public static IReadOnlyList<HostileOutcome> All { get; } =
    [
        new(HostileBehaviour.Silent, "StrategyUnreachableException", null, 4, "ConnectionError", "got no answer"),
        new(HostileBehaviour.DrippingHeaders, "StrategyUnreachableException", null, 4, "ConnectionError", "got no answer"),
        new(HostileBehaviour.JunkWithEscapes, "StrategyApiException", "InvalidResponse", 1, "InvalidData", "it answered HTTP 200, where it answers 204"),
        new(HostileBehaviour.WrongPath, "StrategyApiException", "NotStrategyServer", 4, "ConnectionError", "no Strategy Library answers at"),
        new(HostileBehaviour.RedirectToSignIn, "StrategyApiException", "NotStrategyServer", 4, "ConnectionError", "a sign-in page rather than the Strategy REST API"),
        new(HostileBehaviour.HugeErrorPage, "StrategyApiException", "ServerError", 1, "InvalidOperation", "an HTML page titled 'Internal Server Error' (only its first 64 KB of 200 MB were read)"),
        new(HostileBehaviour.ResetMidAnswer, "StrategyUnreachableException", null, 4, "ConnectionError", "The connection broke while the answer was read"),
        new(HostileBehaviour.RefusedSession, "StrategyApiException", "Authentication", 1, "AuthenticationError", "refused the session again right after a new login"),
        new(HostileBehaviour.BadGateway, "StrategyApiException", "ServerError", 4, "ConnectionError", "a gateway in front of the Strategy server answered: the server behind it could not be reached"),
        new(HostileBehaviour.GatewayTimeout, "StrategyApiException", "ServerError", 4, "ConnectionError", "a gateway in front of the Strategy server answered: the server behind it did not answer in time"),
    ];

    /// <summary>A short name for test names and fault matrix rows.</summary>
    public override string ToString() => HostileServer.Describe(Behaviour);
}
