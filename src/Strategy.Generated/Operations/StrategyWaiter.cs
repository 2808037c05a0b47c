using Strategy.Generated.Http;

namespace Strategy.Generated;

/// <summary>
/// The one waiter of long-running work (Azure.Core's <c>OperationInternal</c>): it calls an
/// operation's update step until the work has ended, and owns everything around it: the deadline
/// (each read runs under the time left), the delays (the server's Retry-After as a floor, the
/// operation's own next due work as a ceiling),
/// cancellation, transient failures of the read, progress, the span and failure recording.
/// </summary>
internal static class StrategyWaiter
{
    /// <summary>
    /// How long a read that starts at (or just before) the deadline may still take, so the last
    /// check can answer; a read cut by the deadline ends the wait within this of the limit.
    /// </summary>
    internal static readonly TimeSpan LastCallGrace = TimeSpan.FromMilliseconds(500);

    /// <summary>Waits until <paramref name="operation"/> has ended and answers its final status; a failure throws.</summary>
    /// <param name="run">The workflow: its options, deadline and span.</param>
    /// <param name="operation">Reads the work once.</param>
    /// <param name="progress">Receives every status of the work read.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <param name="initial">A state already in hand (the answer that started the work): reported, and no read right away.</param>
    /// <returns>The final status.</returns>
    /// <exception cref="StrategyWaitTimeoutException">The work was still running at the deadline.</exception>
    /// <exception cref="StrategyUnreachableException">The server stopped answering the reads.</exception>
    public static async Task<T> WaitAsync<T>(
        WorkflowRun run,
        IOperationUpdate<T> operation,
        IProgress<StrategyWaitProgress<T>>? progress,
        CancellationToken cancellationToken,
        OperationState<T>? initial = null)
        where T : class
    {
        var options = run.Options;
        var span = run.Span;
        var deadline = run.Deadline;
        var clock = options.TimeProvider;
        try
        {
            var started = clock.GetTimestamp();
            var attempt = 0;
            var transientFailures = 0;
            string? lastState = null;
            var deadlineReached = false;
            var budget = new ConnectionFailureBudget(options.MaxConsecutiveTransientFailures);
            using var budgetScope = ConnectionFailureBudget.Use(budget);

            if (initial is { } first)
            {
                // The answer that started the work already gave its status: report it, and wait before the first read.
                lastState = first.Outcome.Words;
                span.Event("strategy.status", "strategy.status", first.Outcome.Value);
                Report(progress, first, 0, clock.GetElapsedTime(started));
                if (Ended(span, operation, first))
                {
                    return first.Status!;
                }

                await Timers.Delay(clock, PollingDelay.Next(1, options, null, Random.Shared.NextDouble()), cancellationToken).ConfigureAwait(false);
            }

            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                attempt++;
                TimeSpan? retryAfter = null;
                TimeSpan? readWithin = null;

                // The read runs under the time left, so a call that hangs cannot outlast the wait.
                var callLimit = deadline.Left;
                using var callDeadline = Timers.CancelAfter(clock, callLimit > LastCallGrace ? callLimit : LastCallGrace);
                using var callToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, callDeadline.Token);
                try
                {
                    var state = await operation.UpdateAsync(new OperationCall(options, cancellationToken, callToken.Token) { Attempt = attempt, Elapsed = clock.GetElapsedTime(started) }).ConfigureAwait(false);
                    transientFailures = 0;
                    budget.RecordCallAnswer();
                    lastState = state.Outcome.Words;
                    span.Polled(state.SpanValue);
                    if (state.IsShown)
                    {
                        Report(progress, state, attempt, clock.GetElapsedTime(started));
                        if (state.Step == OperationStep.Confirmed)
                        {
                            span.Outcome("confirmed_after_vanishing");
                        }

                        if (Ended(span, operation, state))
                        {
                            return state.Status!;
                        }
                    }

                    retryAfter = state.RetryAfter;
                    readWithin = state.ReadWithin;
                }
                catch (OperationCanceledException) when (callDeadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw deadline.TimedOut(operation.Description, attempt, lastState, lastCallAnswered: false);
                }
                catch (Exception ex) when (TransportErrors.IsConnectionFailure(ex))
                {
                    // The retry handler counted its attempts already; without one, this read counts.
                    budget.RecordCallFailure(null);
                    if (budget.IsExhausted)
                    {
                        throw new StrategyUnreachableException(operation.Description, budget.Server, budget.Failures, ex);
                    }
                }
                catch (Exception ex) when (TransientFailures.IsTransient(ex, cancellationToken) && transientFailures < options.MaxConsecutiveTransientFailures)
                {
                    // The read failed, not the work: read again after the delay without restarting anything.
                    transientFailures++;
                    retryAfter = (ex as StrategyApiException)?.RetryAfter;
                }

                if (deadlineReached || deadline.Left <= TimeSpan.Zero)
                {
                    throw deadline.TimedOut(operation.Description, attempt, lastState);
                }

                // The last delay ends at the deadline, so the final check happens then rather than one delay early.
                var delay = PollingDelay.Next(attempt, options, retryAfter, Random.Shared.NextDouble(), clock.GetElapsedTime(started));
                if (readWithin is { } ceiling && ceiling < delay)
                {
                    delay = ceiling;
                }
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

    /// <summary>Reads the work once, as the wait would see it; a state that says it failed does not throw.</summary>
    /// <param name="operation">Reads the work once.</param>
    /// <param name="options">Options for a wait the read runs itself (confirming a vanished status).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>How the work stands.</returns>
    public static Task<OperationState<T>> ReadOnceAsync<T>(IOperationUpdate<T> operation, StrategyWaitOptions? options, CancellationToken cancellationToken)
        where T : class =>
        operation.UpdateAsync(new OperationCall(options ?? StrategyWaitOptions.Default, cancellationToken, cancellationToken));

    private static void Report<T>(IProgress<StrategyWaitProgress<T>>? progress, OperationState<T> state, int attempt, TimeSpan elapsed)
        where T : class =>
        progress?.Report(new StrategyWaitProgress<T>(state.Status!, state.Outcome.Value, attempt, elapsed) { Words = state.Outcome.Words });

    /// <summary>Whether the work is over: a success or a skip ends the wait with the status; a failure throws.</summary>
    private static bool Ended<T>(WorkflowSpan span, IOperationUpdate<T> operation, OperationState<T> state)
        where T : class
    {
        switch (state.Outcome.State)
        {
            case StrategyOutcome.Succeeded:
                return true;
            case StrategyOutcome.Skipped:
                span.Outcome("skipped");
                return true;
            case StrategyOutcome.Failed:
                throw operation.FailureOf(state);
            default:
                return false;
        }
    }
}
