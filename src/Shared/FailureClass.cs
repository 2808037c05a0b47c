namespace Strategy.Shared;

/// <summary>What a failure means to the person who ran a command or a cmdlet; the CLI turns it into an exit code, the module into an error category.</summary>
internal enum FailureClass
{
    /// <summary>The input was wrong; nothing was sent or changed.</summary>
    InvalidArgument,

    /// <summary>The object does not exist on the server.</summary>
    NotFound,

    /// <summary>The server refused the credentials or the session.</summary>
    Authentication,

    /// <summary>The user lacks a privilege or a permission.</summary>
    PermissionDenied,

    /// <summary>The server refused the input (400, <c>ERR006</c>): nothing was changed.</summary>
    InvalidInput,

    /// <summary>The server asked to slow down.</summary>
    Throttled,

    /// <summary>The server's answer could not be read.</summary>
    InvalidData,

    /// <summary>The server answered an error of its own.</summary>
    ServerError,

    /// <summary>The server reported that the work failed, was canceled or timed out there.</summary>
    WorkFailed,

    /// <summary>
    /// The work left the server's monitor and nothing durable says it succeeded or failed: not a
    /// success, and not a failure either; the object it changed needs a look.
    /// </summary>
    OutcomeUnknown,

    /// <summary>A resource the work needed expired on the server.</summary>
    Expired,

    /// <summary>The server is older than the operation.</summary>
    NotSupported,

    /// <summary>The work was still running when the wait's time limit ran out.</summary>
    TimedOut,

    /// <summary>
    /// The server could not be reached, or stopped answering (the last call got no answer within
    /// the time limit, whatever the work), or the address leads to something
    /// else than a Strategy Library (an HTML page, a sign-in redirect, a gateway whose server is gone).
    /// </summary>
    Unreachable,

    /// <summary>The server's certificate was refused, or it does not speak TLS.</summary>
    Certificate,
}
