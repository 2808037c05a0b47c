using System.Management.Automation;
using Strategy.Generated;
using Strategy.Shared;

namespace Strategy.PowerShell;

/// <summary>Turns the library's typed failures into error records: the category PowerShell users filter on, the server's code in the id, the typed exception as <c>.Exception</c>.</summary>
internal static class Errors
{
    public static ErrorRecord? Record(Exception exception, object? target)
    {
        var (id, category) = exception switch
        {
            StrategyApiException api => (api.ErrorCode ?? api.Kind.ToString(), api.Kind switch
            {
                StrategyErrorKind.NotFound => ErrorCategory.ObjectNotFound,
                StrategyErrorKind.SessionExpired or StrategyErrorKind.Authentication => ErrorCategory.AuthenticationError,
                StrategyErrorKind.Forbidden => ErrorCategory.PermissionDenied,
                StrategyErrorKind.InvalidInput => ErrorCategory.InvalidArgument,
                StrategyErrorKind.Throttled => ErrorCategory.LimitsExceeded,
                StrategyErrorKind.InvalidResponse => ErrorCategory.InvalidData,
                _ => ErrorCategory.NotSpecified,
            }),
            StrategyOperationFailedException failed => ("OperationFailed" + (failed.StateName is { } name ? "." + name : string.Empty), ErrorCategory.InvalidResult),
            StrategySubscriptionRunsFailedException => ("SubscriptionRunsFailed", ErrorCategory.InvalidResult),
            StrategyResourceExpiredException => ("ResourceExpired", ErrorCategory.ResourceUnavailable),
            StrategyWaitTimeoutException => ("WaitTimedOut", ErrorCategory.OperationTimeout),
            StrategyCertificateException certificate => ("Certificate." + certificate.Problem, ErrorCategory.SecurityError),
            StrategyUnreachableException => ("ServerUnreachable", ErrorCategory.ConnectionError),
            StrategyNotSupportedException => ("NotSupportedByServer", ErrorCategory.NotImplemented),
            HttpRequestException => ("ServerUnreachable", ErrorCategory.ConnectionError),
            ArgumentException => ("InvalidArgument", ErrorCategory.InvalidArgument),
            _ => (null, ErrorCategory.NotSpecified),
        };
        // A failed run or publish: the status it ended with is what the user wants to look at.
        target = (exception as StrategyOperationFailedException)?.LastStatus ?? target;
        return id is null ? null : new ErrorRecord(ArgumentMessage(exception), id, category, target);
    }

    /// <summary>An argument exception's message without the method parameter's name (the user's terms, not ours).</summary>
    private static Exception ArgumentMessage(Exception exception) =>
        exception is ArgumentException { ParamName: not null } argument ? new ArgumentException(UserMessages.Of(argument), argument) : exception;
}
