namespace Strategy.Generated;

/// <summary>
/// The one polling core every generated wait goes through: call, classify, report, delay,
/// until the work succeeds, fails or is skipped, the server is gone or the time is up.
/// </summary>
internal static class StrategyPolling
{
    /// <summary>
    /// How long a status call that starts at (or just before) the deadline may still take, so the
    /// last check can answer; a call cut by the deadline ends the wait within this of the limit.
    /// </summary>
    internal static readonly TimeSpan LastCallGrace = TimeSpan.FromMilliseconds(500);

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
        options = run.Options;
        var span = run.Span;
        var deadline = run.Deadline;
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

            // The run that ended before this work was started may still be the status answered: it is not the answer.
            var previousRunId = previousRun is not null && rules.RunOf is { } runOf ? runOf(previousRun) : null;
            if (initial is not null && previousRunId is not null && rules.RunOf!(initial) == previousRunId)
            {
                // A status read earlier (by a resumed operation) that is still the previous run's: not a start to report.
                initial = null;
            }

            TStatus? lastSeen = initial;
            if (initial is not null)
            {
                // The answer that started the work already gave its status: report it, and wait before the first call.
                var outcome = rules.Classify(initial);
                lastState = outcome.Words;
                span.Event("strategy.status", "strategy.status", outcome.Value);
                progress?.Report(Progress(initial, outcome, 0, clock.GetElapsedTime(started)));
                if (Ended(span, rules, description, outcome, initial))
                {
                    return initial;
                }

                await Timers.Delay(clock, PollingDelay.Next(1, options, null, Random.Shared.NextDouble()), cancellationToken).ConfigureAwait(false);
            }

            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                attempt++;
                TimeSpan? retryAfter = null;

                // The status call runs under the time left, so a call that hangs cannot outlast the wait.
                var callLimit = deadline.Left;
                using var callDeadline = Timers.CancelAfter(clock, callLimit > LastCallGrace ? callLimit : LastCallGrace);
                using var callToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, callDeadline.Token);
                try
                {
                    var status = await poll(callToken.Token).ConfigureAwait(false);
                    transientFailures = 0;
                    budget.RecordCallAnswer();
                    var outcome = rules.Classify(status);
                    if (previousRunId is not null && rules.RunOf!(status) == previousRunId)
                    {
                        // Still the run from before the start (finished, or still going): the new one has not shown yet.
                        lastState = "the previous run's: " + outcome.Words;
                        span.Polled("previous_run");
                    }
                    else
                    {
                        previousRunId = null;
                        lastSeen = status;
                        lastState = outcome.Words;
                        span.Polled(outcome.Value);
                        progress?.Report(Progress(status, outcome, attempt, clock.GetElapsedTime(started)));
                        if (Ended(span, rules, description, outcome, status))
                        {
                            return status;
                        }

                        // A running answer that says when to ask again (202 with Retry-After) is heeded.
                        retryAfter = rules.DelayOf?.Invoke(status);
                    }
                }
                catch (OperationCanceledException) when (callDeadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new StrategyWaitTimeoutException(description, deadline.Limit, deadline.Elapsed, attempt, lastState, lastCallAnswered: false);
                }
                catch (StrategyApiException ex) when (confirmVanished is not null && rules.Vanished?.Invoke(ex) == true)
                {
                    // The status is gone (a job that left the monitor): never "done" by itself; a durable source says how it ended.
                    budget.RecordCallAnswer();
                    span.Polled("vanished");
                    var confirmed = await confirmVanished(lastSeen, ex, options with { Deadline = deadline }, cancellationToken).ConfigureAwait(false);
                    var outcome = rules.Classify(confirmed);
                    progress?.Report(Progress(confirmed, outcome, attempt, clock.GetElapsedTime(started)) with { Words = outcome.Words + " (left the monitor; confirmed)" });
                    span.Outcome("confirmed_after_vanishing");
                    return confirmed;
                }
                catch (StrategyApiException ex) when (rules.NoStatusYet?.Invoke(ex) == true)
                {
                    // The server has no status for the work yet (it has only just been started): pending, not a failure.
                    transientFailures = 0;
                    budget.RecordCallAnswer();
                    lastState = "no status yet";
                    span.Polled("no_status");
                }
                catch (Exception ex) when (TransportErrors.IsConnectionFailure(ex))
                {
                    // The retry handler counted its attempts already; without one, this call counts.
                    budget.RecordCallFailure(null);
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

                if (deadlineReached || deadline.Left <= TimeSpan.Zero)
                {
                    throw new StrategyWaitTimeoutException(description, deadline.Limit, deadline.Elapsed, attempt, lastState);
                }

                // The last delay ends at the deadline, so the final check happens then rather than one delay early.
                var delay = PollingDelay.Next(attempt, options, retryAfter, Random.Shared.NextDouble(), clock.GetElapsedTime(started));
                var left = deadline.Left;
                deadlineReached = delay >= left;
                await Timers.Delay(clock, deadlineReached ? left : delay, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            run.Failed(ex);
            throw;
        }
    }

    /// <summary>The failure a failed status says, as a wait throws it.</summary>
    internal static StrategyOperationFailedException FailureOf<TStatus>(string description, StrategyWaitRules<TStatus> rules, PollOutcome outcome, TStatus? status) =>
        new(description, rules.StatusField, outcome.Value, outcome.Name, outcome.Failures, status);

    /// <summary>
    /// Reads the status once, as the wait would see it: the previous run is still running, "no status
    /// yet" is running, and a status that has gone is confirmed from its durable source (which throws
    /// a failure it finds). Used to check an operation without waiting for it.
    /// </summary>
    /// <param name="poll">Reads the status once.</param>
    /// <param name="rules">What the spec declares of this wait.</param>
    /// <param name="previousRunId">What identifies the run before the start, if the wait tells runs apart.</param>
    /// <param name="confirmVanished">Confirms the outcome of a status that has gone, if it can go.</param>
    /// <param name="options">Options for a confirmation's own wait.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static async Task<(TStatus? Status, PollOutcome Outcome)> ReadOnceAsync<TStatus>(
        Func<CancellationToken, Task<TStatus>> poll,
        StrategyWaitRules<TStatus> rules,
        string? previousRunId,
        Func<TStatus?, StrategyApiException, StrategyWaitOptions, CancellationToken, Task<TStatus>>? confirmVanished,
        StrategyWaitOptions? options,
        CancellationToken cancellationToken)
        where TStatus : class
    {
        TStatus status;
        try
        {
            status = await poll(cancellationToken).ConfigureAwait(false);
        }
        catch (StrategyApiException ex) when (confirmVanished is not null && rules.Vanished?.Invoke(ex) == true)
        {
            status = await confirmVanished(null, ex, options ?? StrategyWaitOptions.Default, cancellationToken).ConfigureAwait(false);
        }
        catch (StrategyApiException ex) when (rules.NoStatusYet?.Invoke(ex) == true)
        {
            return (null, PollOutcome.Running(string.Empty, null, "no status yet"));
        }

        var outcome = rules.Classify(status);
        return previousRunId is not null && rules.RunOf is { } runOf && runOf(status) == previousRunId
            ? (status, PollOutcome.Running(outcome.Value, outcome.Name, "the previous run's: " + outcome.Words))
            : (status, outcome);
    }

    private static StrategyWaitProgress<TStatus> Progress<TStatus>(TStatus status, PollOutcome outcome, int attempt, TimeSpan elapsed) =>
        new(status, outcome.Value, attempt, elapsed) { Words = outcome.Words };

    /// <summary>Whether the work is over: a success or a skip ends the wait with the status; a failure throws.</summary>
    private static bool Ended<TStatus>(WorkflowSpan span, StrategyWaitRules<TStatus> rules, string description, PollOutcome outcome, TStatus status)
    {
        switch (outcome.State)
        {
            case StrategyOutcome.Succeeded:
                return true;
            case StrategyOutcome.Skipped:
                span.Outcome("skipped");
                return true;
            case StrategyOutcome.Failed:
                throw FailureOf(description, rules, outcome, status);
            default:
                return false;
        }
    }
}
