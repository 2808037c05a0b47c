namespace Strategy.Generated;

/// <summary>
/// The entry of every generated status wait: its declaration (the status call and the spec's
/// rules) made into a <see cref="StatusOperation{TStatus}"/> and driven by the one waiter.
/// </summary>
internal static class StrategyPolling
{
    /// <summary>Waits on a status call until the work succeeds, fails or is skipped, the server is gone or the time is up.</summary>
    /// <param name="workflow">The helper's name and span tags.</param>
    /// <param name="poll">Reads the status once.</param>
    /// <param name="rules">What the spec declares of this wait.</param>
    /// <param name="description">What is waited on, for messages.</param>
    /// <param name="options">How to wait.</param>
    /// <param name="progress">Receives every status read.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <param name="initial">A status already in hand (the answer that started the work): no call right away.</param>
    /// <param name="previousRun">The last status before the work was started: its run, finished or still going, is not the answer (with <see cref="StrategyWaitRules{TStatus}.RunOf"/>).</param>
    /// <param name="confirmVanished">For a status that can vanish (<see cref="StrategyWaitRules{TStatus}.Vanished"/>): confirms the outcome from a durable source, given the last status read and the options with the time left.</param>
    public static async Task<TStatus> PollAsync<TStatus>(
        StrategyWorkflow workflow,
        Func<CancellationToken, Task<TStatus>> poll,
        StrategyWaitRules<TStatus> rules,
        string description,
        StrategyWaitOptions? options,
        IProgress<StrategyWaitProgress<TStatus>>? progress,
        CancellationToken cancellationToken,
        TStatus? initial = null,
        TStatus? previousRun = null,
        Func<TStatus?, StrategyApiException, StrategyWaitOptions, CancellationToken, Task<TStatus>>? confirmVanished = null)
        where TStatus : class
    {
        using var run = WorkflowRun.Start(workflow, options);
        var operation = new StatusOperation<TStatus>(description, poll, rules, rules.RunOf is { } runOf && previousRun is not null ? runOf(previousRun) : null, confirmVanished);
        return await StrategyWaiter.WaitAsync(run, operation, progress, cancellationToken, operation.StateOf(initial)).ConfigureAwait(false);
    }
}
