using System.Management.Automation;
using Strategy.Shared;

namespace Strategy.PowerShell;

/// <summary>Turns the library's typed failures into error records: the category PowerShell users filter on, the server's code in the id, the typed exception as <c>.Exception</c>.</summary>
internal static class Errors
{
    public static ErrorRecord? Record(Exception exception, object? target)
    {
        if (Failure.Of(exception) is not { } failure)
        {
            return null;
        }

        // A failed run or publish: the status it ended with is what the user wants to look at.
        target = (exception as Generated.StrategyOperationFailedException)?.LastStatus ?? target;

        // An argument's message without the method parameter's name (the user's terms, not ours).
        var shown = exception is ArgumentException argument ? new ArgumentException(failure.Message, argument) : exception;
        var record = new ErrorRecord(shown, failure.Id, Category(failure.Class), target);
        if (failure.WrongAddress)
        {
            record.ErrorDetails = new ErrorDetails(failure.Message + " Check -BaseUrl of Connect-StrategyServer: it is the Library's address, such as https://host/MicroStrategyLibrary.");
        }
        else if (failure.Message != shown.Message)
        {
            // The user's terms the CLI prints too ("No such cube: …"); .Exception keeps the library's own message.
            record.ErrorDetails = new ErrorDetails(failure.Message);
        }

        return record;
    }

    /// <summary>The category for a failure of this class: the one place failures become categories.</summary>
    internal static ErrorCategory Category(FailureClass failure) => failure switch
    {
        FailureClass.InvalidArgument or FailureClass.InvalidInput => ErrorCategory.InvalidArgument,
        FailureClass.NotFound => ErrorCategory.ObjectNotFound,
        FailureClass.Authentication => ErrorCategory.AuthenticationError,
        FailureClass.PermissionDenied => ErrorCategory.PermissionDenied,
        FailureClass.Throttled => ErrorCategory.LimitsExceeded,
        FailureClass.InvalidData => ErrorCategory.InvalidData,
        FailureClass.ServerError => ErrorCategory.InvalidOperation,
        FailureClass.WorkFailed => ErrorCategory.InvalidResult,
        FailureClass.OutcomeUnknown => ErrorCategory.NotSpecified,
        FailureClass.Expired => ErrorCategory.ResourceUnavailable,
        FailureClass.NotSupported => ErrorCategory.NotImplemented,
        FailureClass.TimedOut => ErrorCategory.OperationTimeout,
        FailureClass.Unreachable => ErrorCategory.ConnectionError,
        FailureClass.Certificate => ErrorCategory.SecurityError,
        _ => ErrorCategory.NotSpecified,
    };
}
