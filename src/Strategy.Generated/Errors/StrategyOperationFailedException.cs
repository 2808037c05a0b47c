namespace Strategy.Generated;

/// <summary>The server reported that long-running work (a task, a publish) failed.</summary>
public sealed class StrategyOperationFailedException : StrategyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">What was being waited on, for example <c>task 907C…</c>.</param>
    /// <param name="state">The final status value as sent.</param>
    /// <param name="failures">The reasons the server gave.</param>
    /// <param name="lastStatus">The final status answer.</param>
    public StrategyOperationFailedException(string operation, string state, IReadOnlyList<StrategyFailure> failures, object? lastStatus)
        : base(Describe(operation, state, failures), null)
    {
        Operation = operation;
        State = state;
        Failures = failures;
        LastStatus = lastStatus;
    }

    /// <summary>What was being waited on.</summary>
    public string Operation { get; }

    /// <summary>The final status value as the server sent it.</summary>
    public string State { get; }

    /// <summary>The reasons the server gave, possibly none.</summary>
    public IReadOnlyList<StrategyFailure> Failures { get; }

    /// <summary>The final status answer (a <see cref="ModelTask"/> or <see cref="PublishStatus"/>, for example).</summary>
    public object? LastStatus { get; }

    private static string Describe(string operation, string state, IReadOnlyList<StrategyFailure> failures) =>
        failures.Count == 0
            ? $"The server reported that {operation} failed (status {state})."
            : $"The server reported that {operation} failed (status {state}): {string.Join("; ", failures)}.";
}
