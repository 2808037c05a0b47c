namespace Strategy.Generated;

/// <summary>The server reported that long-running work (a task, a publish, a subscription run) failed, was canceled or timed out.</summary>
public sealed class StrategyOperationFailedException : StrategyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">What was being waited on, for example <c>task 907C…</c>.</param>
    /// <param name="state">The final status value as sent.</param>
    /// <param name="failures">The reasons the server gave.</param>
    /// <param name="lastStatus">The final status answer.</param>
    public StrategyOperationFailedException(string operation, string state, IReadOnlyList<StrategyFailure> failures, object? lastStatus)
        : this(operation, "status", state, null, failures, lastStatus)
    {
    }

    /// <summary>Creates the exception for a status whose values the spec names.</summary>
    /// <param name="operation">What was being waited on.</param>
    /// <param name="field">The status field, such as <c>state</c>.</param>
    /// <param name="state">The final value as sent, such as <c>3</c>.</param>
    /// <param name="stateName">The name the spec gives that value, such as <c>canceled</c>, if any.</param>
    /// <param name="failures">The reasons the server gave.</param>
    /// <param name="lastStatus">The final status answer.</param>
    public StrategyOperationFailedException(string operation, string field, string state, string? stateName, IReadOnlyList<StrategyFailure> failures, object? lastStatus)
        : base(Describe(operation, field, state, stateName, failures), null)
    {
        Operation = operation;
        State = state;
        StateName = stateName;
        Failures = failures;
        LastStatus = lastStatus;
    }

    /// <summary>What was being waited on.</summary>
    public string Operation { get; }

    /// <summary>The final status value as the server sent it.</summary>
    public string State { get; }

    /// <summary>The name the spec gives <see cref="State"/> (<c>fail</c>, <c>canceled</c>, <c>timeout</c>), or <see langword="null"/> when it gives none.</summary>
    public string? StateName { get; }

    /// <summary>The reasons the server gave, possibly none.</summary>
    public IReadOnlyList<StrategyFailure> Failures { get; }

    /// <summary>The final status answer (a <see cref="ModelTask"/>, <see cref="PublishStatus"/> or <see cref="SubscriptionStatus"/>, for example).</summary>
    public object? LastStatus { get; }

    private static string Describe(string operation, string field, string state, string? stateName, IReadOnlyList<StrategyFailure> failures)
    {
        var shown = stateName is null ? $"{field} {state}" : $"{field} {state} = {stateName}";
        return failures.Count == 0
            ? $"The server reported that {operation} failed ({shown})."
            : $"The server reported that {operation} failed ({shown}): {StrategyFailure.Join(failures)}.";
    }
}
