using Strategy.Shared;

namespace Strategy.Cli.Infrastructure;

/// <summary>What the <c>strategy</c> command's exit code means.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked.</summary>
    public const int Success = 0;

    /// <summary>The server answered an error or reported that the work failed.</summary>
    public const int ServerFailure = 1;

    /// <summary>The server answered, and the work was still running when the wait gave up.</summary>
    public const int Timeout = 2;

    /// <summary>The command line or an input value was wrong, as this command or the server judged it (400); nothing was changed on the server.</summary>
    public const int BadInput = 3;

    /// <summary>The server could not be reached, or stopped answering: the last call got no answer within the time limit, whatever the work.</summary>
    public const int Unreachable = 4;

    /// <summary>The server's certificate was not trusted (or it did not speak TLS): nothing was sent past the handshake.</summary>
    public const int Certificate = 6;

    /// <summary>The server skipped the work (a subscription run with nothing to do): it did not fail, and it did not happen.</summary>
    public const int Skipped = 5;

    /// <summary>The work left the server's monitor and nothing durable says how it ended (a cancelled or replaced cube publish): not a success; look at the object.</summary>
    public const int OutcomeUnknown = 7;

    /// <summary>The command was cancelled: Ctrl+C (SIGINT), or cancelled by its host. Clean-up ran first.</summary>
    public const int Cancelled = 130;

    /// <summary>The command was asked to stop by SIGTERM (128 + 15). Clean-up ran first.</summary>
    public const int Terminated = 143;

    /// <summary>The exit code for a failure of this class: the one place failures become exit codes.</summary>
    public static int For(FailureClass failure) => failure switch
    {
        // The server refusing a value the user gave (a prompt answer, 400) is the user's to fix, as a value refused here is.
        FailureClass.InvalidArgument or FailureClass.InvalidInput => BadInput,
        FailureClass.TimedOut => Timeout,
        FailureClass.Unreachable => Unreachable,
        FailureClass.Certificate => Certificate,
        FailureClass.OutcomeUnknown => OutcomeUnknown,
        _ => ServerFailure,
    };
}
