namespace Strategy.Generated;

/// <summary>How a plan of people is applied.</summary>
public sealed record StrategyPeopleApplyOptions
{
    /// <summary>How many people are changed at once. Default 4.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>
    /// Told each new person's one-time password (username, password) once the person exists; it must keep
    /// it where only the caller can read it. Required when the plan creates someone with a Strategy password:
    /// without it nothing is sent. New people must change the password at their first login.
    /// </summary>
    public Func<string, string, CancellationToken, Task>? OneTimePasswords { get; init; }

    /// <summary>After this long no person's change is started; those in flight end. <see langword="null"/>: no limit.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>The clock the time limit is read on. Default the system's.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
