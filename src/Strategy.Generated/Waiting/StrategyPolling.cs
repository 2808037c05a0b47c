namespace Strategy.Generated;

/// <summary>
/// The one polling core every generated wait goes through: call, classify, report, delay,
/// until the work succeeds, fails, the server is gone or the time is up.
/// </summary>
internal static class StrategyPolling
{
    /// <summary>
    /// How long a status call that starts at (or just before) the deadline may still take, so the
    /// last check can answer; a call cut by the deadline ends the wait within this of the limit.
    /// </summary>
    internal static readonly TimeSpan LastCallGrace = TimeSpan.FromMilliseconds(500);

    public static async Task<TStatus> PollAsync<TStatus>(
        StrategyWorkflow workflow,
        Func<CancellationToken, Task<TStatus>> poll,
        Func<TStatus, PollOutcome> classify,
        string description,
        StrategyWaitOptions? options,
        IProgress<StrategyWaitProgress<TStatus>>? progress,
        CancellationToken cancellationToken,
        TStatus? initial = default)
    {
        options ??= StrategyWaitOptions.Default;
        options.Validate();
        using var span = WorkflowSpan.Start(workflow);
        try
        {
            var clock = options.TimeProvider;
            var started = clock.GetTimestamp();
            var attempt = 0;
            var transientFailures = 0;
            string? lastState = null;
            var deadlineReached = false;
            var budget = new ConnectionFailureBudget(options.MaxConsecutiveTransientFailures);
            using var budgetScope = ConnectionFailureBudget.Use(budget);

            if (initial is not null)
            {
                // The answer that started the work already gave its status: report it, and wait before the first call.
                var outcome = classify(initial);
                lastState = outcome.Value;
                span.Event("strategy.status", "strategy.status", outcome.Value);
                progress?.Report(new StrategyWaitProgress<TStatus>(initial, outcome.Value, 0, clock.GetElapsedTime(started)));
                switch (outcome.State)
                {
                    case PollState.Succeeded:
                        return initial;
                    case PollState.Failed:
                        throw new StrategyOperationFailedException(description, outcome.Value, outcome.Failures, initial);
                }

                await Timers.Delay(clock, PollingDelay.Next(1, options, null, Random.Shared.NextDouble()), cancellationToken).ConfigureAwait(false);
            }

            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                attempt++;
                TimeSpan? retryAfter = null;

                // The status call runs under the time left, so a call that hangs cannot outlast the wait.
                var callLimit = options.Timeout - clock.GetElapsedTime(started);
                using var deadline = Timers.CancelAfter(clock, callLimit > LastCallGrace ? callLimit : LastCallGrace);
                using var callToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
                try
                {
                    var status = await poll(callToken.Token).ConfigureAwait(false);
                    transientFailures = 0;
                    budget.RecordAnswer();
                    var outcome = classify(status);
                    lastState = outcome.Value;
                    span.Polled(outcome.Value);
                    progress?.Report(new StrategyWaitProgress<TStatus>(status, outcome.Value, attempt, clock.GetElapsedTime(started)));

                    switch (outcome.State)
                    {
                        case PollState.Succeeded:
                            return status;
                        case PollState.Failed:
                            throw new StrategyOperationFailedException(description, outcome.Value, outcome.Failures, status);
                    }
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new StrategyWaitTimeoutException(description, options.Timeout, clock.GetElapsedTime(started), attempt, lastState);
                }
                catch (Exception ex) when (TransportErrors.IsConnectionFailure(ex))
                {
                    // Counted here unless the retry handler already counted this attempt.
                    budget.RecordFailure(ex, null);
                    if (budget.IsExhausted)
                    {
                        throw new StrategyUnreachableException(description, budget.Server, budget.Failures, ex);
                    }
                }
                catch (Exception ex) when (TransientFailures.IsTransient(ex, cancellationToken) && transientFailures < options.MaxConsecutiveTransientFailures)
                {
                    // The status call failed, not the work: try again after the delay without restarting anything.
                    transientFailures++;
                    retryAfter = (ex as StrategyApiException)?.RetryAfter;
                }

                var elapsed = clock.GetElapsedTime(started);
                if (deadlineReached || elapsed >= options.Timeout)
                {
                    throw new StrategyWaitTimeoutException(description, options.Timeout, elapsed, attempt, lastState);
                }

                // The last delay ends at the deadline, so the final check happens then rather than one delay early.
                var delay = PollingDelay.Next(attempt, options, retryAfter, Random.Shared.NextDouble(), elapsed);
                var left = options.Timeout - elapsed;
                deadlineReached = delay >= left;
                await Timers.Delay(clock, deadlineReached ? left : delay, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            span.Failed(ex);
            throw;
        }
    }
}
