namespace Strategy.Generated;

/// <summary>Adds firing an event and waiting for the subscription runs it started.</summary>
public partial interface IEventsClient
{
    /// <summary>
    /// Fires an event and waits for every subscription run it started. The server's answer says
    /// nothing of them, so the subscriptions whose schedules wait on the event are listed first
    /// (<c>ListDependentSubscriptions</c>), each one's last run is read, the event is fired, and
    /// then a new run of each is waited for (the run before the trigger is not the answer), all at
    /// once under one time limit (<see cref="StrategyWaitOptions.Timeout"/> for the whole).
    /// </summary>
    /// <param name="eventId">The event.</param>
    /// <param name="options">How to wait; <see cref="StrategyWaitOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="progress">Receives every status read, of every run (each carries its subscription's id).</param>
    /// <param name="cancellationToken">Cancels the waits. The runs go on on the server: a subscription run cannot be stopped through the API.</param>
    /// <returns>One outcome per subscription (succeeded or skipped), in the order the server listed them; empty when none waits on the event.</returns>
    /// <exception cref="StrategySubscriptionRunsFailedException">A run failed, or was canceled or timed out on the server; every run's outcome is in its <c>Runs</c>.</exception>
    /// <exception cref="StrategyWaitTimeoutException">No run failed, but some were still running when the time limit ran out; the message names them.</exception>
    /// <exception cref="StrategyApiException">The server answered an error to the listing or the trigger.</exception>
    Task<IReadOnlyList<StrategySubscriptionRun>> TriggerEventAndWaitAsync(
        string eventId,
        StrategyWaitOptions? options = null,
        IProgress<StrategyWaitProgress<SubscriptionStatus>>? progress = null,
        CancellationToken cancellationToken = default);
}

/// <summary>Adds firing an event and waiting for the subscription runs it started.</summary>
public partial class EventsClient
{
    /// <inheritdoc/>
    public virtual async Task<IReadOnlyList<StrategySubscriptionRun>> TriggerEventAndWaitAsync(
        string eventId,
        StrategyWaitOptions? options = null,
        IProgress<StrategyWaitProgress<SubscriptionStatus>>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        using var run = WorkflowRun.Start(StrategyWorkflow.Named("TriggerEventAndWait", StrategyWorkflow.Tag("strategy.event_id", eventId)), options);
        try
        {
            // Listing, reading the last runs and firing run under the workflow's one time limit, as every start does.
            var (dependents, before) = await run.StartingAsync(
                async ct =>
                {
                    // The event is a server object: the dependents may be in any project, each answered with its own.
                    var listed = (await SubscriptionsIn(ProjectId).ListDependentSubscriptionsAsync(eventId, DependentObjectType.Event, cancellationToken: ct).ConfigureAwait(false))
                        .Subscriptions?.Where(s => s?.Id is not null).ToList() ?? [];
                    var last = await Task.WhenAll(listed.Select(s => SubscriptionsIn(ProjectOf(s)).GetLastSubscriptionRunAsync(s.Id, ct))).ConfigureAwait(false);
                    await TriggerEventAsync(eventId, ct).ConfigureAwait(false);
                    return (listed, last);
                },
                cancellationToken).ConfigureAwait(false);
            run.Span.Tag("strategy.subscriptions", dependents.Count);

            var waitOptions = run.ForWait;
            var runs = await Task.WhenAll(dependents.Select((s, i) => AwaitRunAsync(s, before[i], waitOptions, progress, cancellationToken))).ConfigureAwait(false);

            cancellationToken.ThrowIfCancellationRequested();
            if (runs.Any(r => r.Outcome == StrategyOutcome.Failed))
            {
                throw new StrategySubscriptionRunsFailedException("event " + eventId, runs);
            }

            var stillRunning = runs.Where(r => r.Outcome == StrategyOutcome.Running).ToList();
            if (stillRunning.Count > 0)
            {
                var timeouts = stillRunning.Select(r => r.Error).OfType<StrategyWaitTimeoutException>().ToList();
                throw new StrategyWaitTimeoutException(
                    $"the runs event {eventId} started (subscription {string.Join(", ", stillRunning.Select(r => r.SubscriptionId))})",
                    run.Deadline.Limit,
                    run.Deadline.Elapsed,
                    timeouts.Sum(t => t.Attempts),
                    timeouts.Select(t => t.LastState).FirstOrDefault(s => s is not null));
            }

            run.Span.Tag("strategy.skipped", runs.Count(r => r.Outcome == StrategyOutcome.Skipped));
            return runs;
        }
        catch (Exception ex)
        {
            run.Failed(ex);
            throw;
        }
    }

    /// <summary>Waits for one subscription's new run and says how it ended, without throwing for the run's own outcome.</summary>
    private async Task<StrategySubscriptionRun> AwaitRunAsync(
        Subscription subscription,
        SubscriptionStatus? previousRun,
        StrategyWaitOptions options,
        IProgress<StrategyWaitProgress<SubscriptionStatus>>? progress,
        CancellationToken cancellationToken)
    {
        try
        {
            var status = await SubscriptionsIn(ProjectOf(subscription))
                .AwaitSubscriptionRunAsync(subscription.Id, previousRun, options, progress, cancellationToken)
                .ConfigureAwait(false);
            return new StrategySubscriptionRun(subscription.Id, subscription.Name, status.Outcome, status, null);
        }
        catch (StrategyOperationFailedException failed)
        {
            return new StrategySubscriptionRun(subscription.Id, subscription.Name, StrategyOutcome.Failed, failed.LastStatus as SubscriptionStatus, failed);
        }
        catch (StrategyWaitTimeoutException timedOut)
        {
            return new StrategySubscriptionRun(subscription.Id, subscription.Name, StrategyOutcome.Running, null, timedOut);
        }
        catch (StrategyApiException error)
        {
            return new StrategySubscriptionRun(subscription.Id, subscription.Name, StrategyOutcome.Failed, null, error);
        }
    }

    /// <summary>A subscriptions client on this client's connection, in <paramref name="projectId"/>.</summary>
    private SubscriptionsClient SubscriptionsIn(string? projectId) => new(_httpClient) { ProjectId = projectId };

    /// <summary>The project a listed subscription is in: as the listing says, else its content's, else this client's.</summary>
    private string? ProjectOf(Subscription subscription) =>
        subscription.Project?.Id ?? subscription.Contents?.Select(c => c?.ProjectId).FirstOrDefault(p => p is not null) ?? ProjectId;
}
