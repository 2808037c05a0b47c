namespace Strategy.Generated.Http;

/// <summary>Where a handler of your own (<see cref="StrategyClientOptions.AddHandler"/>) goes in a client's pipeline.</summary>
public enum StrategyHandlerPosition
{
    /// <summary>
    /// Once per call, inside the call's time limit and before the session adds the token: sees each
    /// request the caller makes, once, however often it is renewed or retried.
    /// </summary>
    PerCall,

    /// <summary>
    /// Once per attempt, inside the retries: sees every attempt, logins included, with the token and
    /// cookies set, before the attempt's span and log line.
    /// </summary>
    PerRetry,
}
