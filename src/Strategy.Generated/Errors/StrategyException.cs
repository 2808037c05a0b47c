namespace Strategy.Generated;

/// <summary>
/// The base of every exception the Strategy client throws on purpose: a server error answer,
/// a long-running operation that failed, or a wait that gave up. Messages never contain tokens,
/// passwords or cookies.
/// </summary>
public abstract class StrategyException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, readable on its own.</param>
    /// <param name="innerException">The cause, if any.</param>
    protected StrategyException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
