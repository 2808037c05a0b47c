using Strategy.Generated;

namespace Strategy.Shared;

/// <summary>One failure as a front end reports it: its class, a stable id, and the message in the user's terms.</summary>
/// <param name="Class">What it means.</param>
/// <param name="Id">A stable id (the server's error code, or the kind of failure), for PowerShell's error ids.</param>
/// <param name="Message">What happened, cleaned of anything a server sent raw.</param>
/// <param name="WrongAddress">Whether the address itself looks wrong: the front end names its own option to check.</param>
internal sealed record Failure(FailureClass Class, string Id, string Message, bool WrongAddress)
{
    /// <summary>
    /// The failure <paramref name="exception"/> reports, or <see langword="null"/> for an exception
    /// that is not one of the library's failures (a bug, or a cancellation: the caller handles those).
    /// </summary>
    public static Failure? Of(Exception exception) => exception switch
    {
        ArgumentException argument => new(FailureClass.InvalidArgument, "InvalidArgument", UserMessages.Of(argument), false),
        StrategyApiException api => Api(api),
        StrategyOperationFailedException failed => new(FailureClass.WorkFailed, "OperationFailed" + (failed.StateName is { } name ? "." + name : string.Empty), failed.Message, false),
        StrategySubscriptionRunsFailedException runs => new(FailureClass.WorkFailed, "SubscriptionRunsFailed", runs.Message, false),
        StrategyPromptsException prompts => new(FailureClass.InvalidArgument, "Prompts", prompts.Message, false),
        StrategyExportException export => new(FailureClass.InvalidData, "Export", export.Message, false),
        StrategyResumeTokenException token => new(FailureClass.InvalidArgument, "ResumeToken." + token.Problem, token.Message, false),
        StrategyCubePublishesFailedException cubes when cubes.Failed.All(o => o.Error is StrategyOutcomeUnknownException) => new(FailureClass.OutcomeUnknown, "CubePublishesOutcomeUnknown", cubes.Message, false),
        StrategyCubePublishesFailedException cubes => new(FailureClass.WorkFailed, "CubePublishesFailed", cubes.Message, false),
        StrategyOutcomeUnknownException unknown => new(FailureClass.OutcomeUnknown, "OutcomeUnknown", unknown.Message, false),
        StrategyResourceExpiredException expired => new(FailureClass.Expired, "ResourceExpired", expired.Message, false),

        // One rule for time limits: the server stopped answering (the call the limit cut got no answer) is
        // Unreachable, whatever the work; the server answered and the work was still going is TimedOut.
        StrategyWaitTimeoutException { LastCallAnswered: false } stopped => new(FailureClass.Unreachable, "ServerDidNotAnswer", stopped.Message, false),
        StrategyWaitTimeoutException timedOut => new(FailureClass.TimedOut, "WaitTimedOut", timedOut.Message, false),
        StrategyCertificateException certificate => new(FailureClass.Certificate, "Certificate." + certificate.Problem, certificate.Message, false),
        StrategyUnreachableException unreachable => new(FailureClass.Unreachable, unreachable.TimeLimit is null ? "ServerUnreachable" : "ServerDidNotAnswer", unreachable.Message, false),
        StrategyNotSupportedException notSupported => new(FailureClass.NotSupported, "NotSupportedByServer", notSupported.Message, false),
        // Nothing was started, and what was asked (to wait) cannot work for this object: a usage matter
        // (start it without waiting), not a failed run a scheduler would take it for.
        StrategyStatusUnavailableException noStatus => new(FailureClass.InvalidArgument, "StatusUnavailable", noStatus.Message, false),
        HttpRequestException http => new(FailureClass.Unreachable, "ServerUnreachable", "the server could not be reached: " + ServerText.Clean(http.Message), false),
        _ => null,
    };

    private static Failure Api(StrategyApiException api)
    {
        var id = api.ErrorCode ?? api.Kind.ToString();
        return api switch
        {
            { Kind: StrategyErrorKind.NotStrategyServer } => new(FailureClass.Unreachable, "NotStrategyServer", api.Message, true),

            // What is missing, named by what the user gave: "No such cube: 8D67…", the same for every operation.
            { Kind: StrategyErrorKind.NotFound } when MissingObject.Of(api) is { } missing => new(FailureClass.NotFound, id, missing.Message(api), false),

            // A gateway's own error page: the Strategy server behind it is down or too slow.
            { StatusCode: 502 or 504, ErrorCode: null } => new(FailureClass.Unreachable, "GatewayError", api.Message, false),
            _ => new(api.Kind switch
            {
                StrategyErrorKind.NotFound => FailureClass.NotFound,
                StrategyErrorKind.SessionExpired or StrategyErrorKind.Authentication => FailureClass.Authentication,
                StrategyErrorKind.Forbidden => FailureClass.PermissionDenied,
                StrategyErrorKind.InvalidInput => FailureClass.InvalidInput,
                StrategyErrorKind.Throttled => FailureClass.Throttled,
                StrategyErrorKind.InvalidResponse => FailureClass.InvalidData,
                _ => FailureClass.ServerError,
            }, id, api.Message, false),
        };
    }
}
