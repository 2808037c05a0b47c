using System.Diagnostics;
using Strategy.Generated.Http;

namespace Strategy.Generated;

/// <summary>
/// The one clean-up path of long-running work: deleting what it holds on the server (an instance)
/// or stopping what it runs (a job), whatever ended it. A clean-up runs under its own limit
/// (<see cref="StrategyWaitOptions.CleanupTimeout"/> on the options' clock): not the caller's token,
/// which may be cancelled, nor the workflow's deadline or the caller's time limit, which may be spent.
/// An answer that the thing is gone already (404) counts as done: nothing is left.
/// </summary>
internal static class StrategyCleanup
{
    /// <summary>Runs one clean-up call under its own limit; answers why it failed, or <see langword="null"/> when it was done.</summary>
    /// <param name="options">Its limit and clock.</param>
    /// <param name="what">What the call does, for the message when the limit cuts it (<c>deleting instance 8D67…</c>).</param>
    /// <param name="call">The call.</param>
    /// <param name="connectionRetries">How many broken connections in a row it may meet (0 against a server known to be gone: the outcome is known already).</param>
    public static async Task<Exception?> TryAsync(StrategyWaitOptions options, string what, Func<CancellationToken, Task> call, int? connectionRetries = null)
    {
        var (_, failure) = await TryAsync<object?>(
            options,
            what,
            async ct =>
            {
                await call(ct).ConfigureAwait(false);
                return null;
            },
            connectionRetries).ConfigureAwait(false);
        return failure is StrategyApiException { Kind: StrategyErrorKind.NotFound } ? null : failure;
    }

    /// <summary>As <see cref="TryAsync(StrategyWaitOptions, string, Func{CancellationToken, Task}, int?)"/>, answering the call's answer as well (a cancel that says which jobs it stopped).</summary>
    public static async Task<(T? Answer, Exception? Failure)> TryAsync<T>(StrategyWaitOptions options, string what, Func<CancellationToken, Task<T>> call, int? connectionRetries = null)
    {
        // The caller's time limit or the workflow's may be spent already: the clean-up has its own (theirs comes back when this returns).
        using var own = TimeBudget.Use(StrategyDeadline.Start(options.TimeProvider, options.CleanupTimeout), TimeBudgetOwner.Cleanup);
        using var budget = ConnectionFailureBudget.Use(new ConnectionFailureBudget(connectionRetries ?? options.MaxConsecutiveTransientFailures));
        try
        {
            return (await CallLimit.RunAsync(options.CleanupTimeout, options.TimeProvider, request: null, what, call, CancellationToken.None).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (default, ex);
        }
    }

    /// <summary>
    /// Deletes the resource a workflow holds, reporting each step through
    /// <see cref="StrategyWaitOptions.ScopeChanged"/>; a resource left behind is counted, traced and reported.
    /// </summary>
    /// <param name="resource">The workflow's operation, what the resource is, and its id.</param>
    /// <param name="options">The clean-up's limit, its clock and who hears of it.</param>
    /// <param name="close">Deletes the resource.</param>
    /// <param name="serverGone">Whether the server is known to be gone (one attempt, no retries).</param>
    /// <param name="cancelled">Whether the workflow was cancelled.</param>
    /// <returns>Why deleting it failed, or <see langword="null"/> when nothing is left.</returns>
    public static async Task<Exception?> CloseAsync(StrategyScopeEvent resource, StrategyWaitOptions options, Func<CancellationToken, Task> close, bool serverGone, bool cancelled)
    {
        Notify(options, resource with { Kind = StrategyScopeEventKind.Closing, Cancelled = cancelled });
        // The id is the server's: cleaned before it reaches a message.
        var failure = await TryAsync(options, "the clean-up (deleting " + resource.Resource + " " + ServerText.Clean(resource.ResourceId, 100) + ")", close, serverGone ? 0 : null).ConfigureAwait(false);
        if (failure is null)
        {
            // Deleted, or the server had already let it expire: either way nothing is left.
            Notify(options, resource with { Kind = StrategyScopeEventKind.Closed, Cancelled = cancelled });
            return null;
        }

        Notify(options, resource with { Kind = StrategyScopeEventKind.CloseFailed, Error = failure, Cancelled = cancelled });
        StrategyDiagnostics.ResourcesLeftBehind.Add(1, new KeyValuePair<string, object?>("strategy.operation", resource.Operation), new KeyValuePair<string, object?>("strategy.resource", resource.Resource));
        Activity.Current?.AddEvent(new ActivityEvent("strategy.resource_left_behind", tags: new ActivityTagsCollection { ["strategy." + resource.Resource + "_id"] = resource.ResourceId }));
        try
        {
#pragma warning disable CS0618 // Still called while it is obsolete, so code that uses it keeps working until the next major version.
            options.CleanupFailed?.Invoke(failure);
#pragma warning restore CS0618
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A failing callback must not hide the workflow's outcome.
        }

        return failure;
    }

    /// <summary>Tells <see cref="StrategyWaitOptions.ScopeChanged"/> of a step in a resource's life; a callback that throws changes nothing.</summary>
    public static void Notify(StrategyWaitOptions options, StrategyScopeEvent scopeEvent)
    {
        try
        {
            options.ScopeChanged?.Invoke(scopeEvent);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A failing callback must not change what happens on the server.
        }
    }
}
