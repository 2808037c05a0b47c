namespace Strategy.Generated;

/// <summary>How one person's change ended, with the server's reason when it failed.</summary>
public sealed class StrategyPersonOutcome
{
    internal StrategyPersonOutcome(StrategyPersonChange change, StrategyPersonOutcomeState state, string? reason, StrategyApiException? error = null, string? userId = null)
    {
        Change = change;
        State = state;
        Reason = ServerText.Clean(reason, 300);
        Error = error;
        UserId = userId ?? change.UserId;
    }

    /// <summary>The planned change.</summary>
    public StrategyPersonChange Change { get; }

    /// <summary>The username.</summary>
    public string Username => Change.Username;

    /// <summary>What was planned.</summary>
    public StrategyPersonAction Action => Change.Action;

    /// <summary>How it ended.</summary>
    public StrategyPersonOutcomeState State { get; }

    /// <summary>Why it failed or was not started (the server's code and words, cleaned), or what was done only in part.</summary>
    public string? Reason { get; }

    /// <summary>The error the server answered, when a call failed.</summary>
    public StrategyApiException? Error { get; }

    /// <summary>The user's id (a new person's once created).</summary>
    public string? UserId { get; }

    /// <summary>Whether the person is as planned (done or unchanged).</summary>
    public bool Succeeded => State is StrategyPersonOutcomeState.Done or StrategyPersonOutcomeState.Unchanged;

    /// <summary>One line: the username, what was done, and why not when it failed.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var done = Action switch
        {
            StrategyPersonAction.Create => "created",
            StrategyPersonAction.Update => "updated",
            StrategyPersonAction.Disable => "disabled",
            _ => "unchanged",
        };
        return State switch
        {
            StrategyPersonOutcomeState.Done => $"{Username}: {done}" + (Change.Differences.Count > 0 ? " (" + string.Join(", ", Change.Differences) + ")" : string.Empty),
            StrategyPersonOutcomeState.Unchanged => $"{Username}: unchanged",
            StrategyPersonOutcomeState.NotStarted => $"{Username}: not {done}: {Reason}",

            // Done in part: the reason says what was done and what was not.
            _ when Reason?.StartsWith(done + ", but ", StringComparison.Ordinal) == true => $"{Username}: {Reason}",
            _ => $"{Username}: {(Action == StrategyPersonAction.Refused ? "refused" : "not " + done)}: {Reason}",
        };
    }
}
