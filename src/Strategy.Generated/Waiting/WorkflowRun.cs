using Strategy.Generated.Http;

namespace Strategy.Generated;

/// <summary>
/// One running workflow helper, as every one of them starts: its options checked before anything
/// is sent, its span, and its one deadline. Polling, starting, scopes and event triggering all run
/// through it, so each reads the time left the same way and reports the limit that was given.
/// </summary>
internal sealed class WorkflowRun : IDisposable
{
    private readonly TimeBudget.Scope _budget;

    private WorkflowRun(StrategyWorkflow workflow, StrategyWaitOptions options)
    {
        Workflow = workflow;
        Options = options;
        Deadline = StrategyDeadline.Of(options);

        // Until it ends, the workflow's one deadline is the limit in force (it took the caller's if that ends first):
        // the workflow cuts its own calls, and a wait it starts shares the deadline rather than starting its own.
        _budget = TimeBudget.Use(Deadline, TimeBudgetOwner.Workflow);
        Span = WorkflowSpan.Start(workflow);
    }

    /// <summary>The helper and the ids it works on.</summary>
    public StrategyWorkflow Workflow { get; }

    /// <summary>The options, checked.</summary>
    public StrategyWaitOptions Options { get; }

    /// <summary>The one time limit of the whole workflow.</summary>
    public StrategyDeadline Deadline { get; }

    /// <summary>The workflow's span and metrics.</summary>
    public WorkflowSpan Span { get; }

    /// <summary>Starts a workflow: checks <paramref name="options"/> (the defaults when <see langword="null"/>) and opens its span.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; nothing was sent.</exception>
    public static WorkflowRun Start(StrategyWorkflow workflow, StrategyWaitOptions? options)
    {
        options ??= StrategyWaitOptions.Default;
        options.Validate();
        return new WorkflowRun(workflow, options);
    }

    /// <summary>
    /// Runs the calls that start the work (and what they need first) under the time left. If the
    /// limit cuts them, the server did not answer, and nothing is known to run: the failure is
    /// <see cref="StrategyUnreachableException"/> naming the call still awaited, not a wait that gave up.
    /// </summary>
    public Task<T> StartingAsync<T>(Func<CancellationToken, Task<T>> calls, CancellationToken cancellationToken)
    {
        var left = Deadline.Left;
        return CallLimit.RunAsync(
            left > StrategyWaiter.LastCallGrace ? left : StrategyWaiter.LastCallGrace,
            Deadline.Clock,
            request: null,
            Workflow.Describe(),
            calls,
            cancellationToken,
            reportedLimit: Deadline.Limit);
    }

    /// <summary>
    /// As <see cref="StartingAsync{T}"/>, for calls whose answer says what to stop or delete: once
    /// sent, a cancellation gives them the clean-up limit to answer (<see cref="CancellationGrace"/>),
    /// so that what they started is known and can be stopped.
    /// </summary>
    public Task<T> StartingGracedAsync<T>(Func<CancellationToken, Task<T>> calls, CancellationToken cancellationToken) =>
        CancellationGrace.RunAsync(Options.TimeProvider, Options.CleanupTimeout, ct => StartingAsync(calls, ct), Workflow.Describe(), cancellationToken);

    /// <summary>Records why the workflow ended with <paramref name="error"/> on its span.</summary>
    public void Failed(Exception error) => Span.Failed(error);

    /// <inheritdoc />
    public void Dispose()
    {
        _budget.Dispose();
        Span.Dispose();
    }
}
