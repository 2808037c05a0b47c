namespace Strategy.Generated;

/// <summary>A resume token that cannot be used here: not a token, from a newer format, or for another server (<see cref="Problem"/> says which).</summary>
public sealed class StrategyResumeTokenException : StrategyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What is wrong with the token.</param>
    /// <param name="message">What is wrong, and what to do.</param>
    public StrategyResumeTokenException(StrategyResumeTokenProblem problem, string message)
        : base(message, null)
    {
        Problem = problem;
    }

    /// <summary>What is wrong with the token.</summary>
    public StrategyResumeTokenProblem Problem { get; }
}

/// <summary>What is wrong with a resume token.</summary>
public enum StrategyResumeTokenProblem
{
    /// <summary>It is not a token: cut, changed, or another text.</summary>
    Malformed,

    /// <summary>A newer version of this client wrote it, in a format this one does not read.</summary>
    NewerVersion,

    /// <summary>It is for work on another server than the connection's.</summary>
    OtherServer,

    /// <summary>It names a kind of work this client cannot resume.</summary>
    UnknownKind,
}
