using Strategy.Generated.Errors;
using Strategy.Generated.Resilience;

namespace Strategy.Generated.Waiting;

/// <summary>
/// The one polling core every generated wait goes through: call, classify, report, delay,
/// until the work succeeds, fails or the time is up.
/// </summary>
internal static class StrategyPolling
{
    public static async Task<TStatus> PollAsync<TStatus>(
        Func<CancellationToken, Task<TStatus>> poll,
        Func<TStatus, PollOutcome> classify,
        string description,
        StrategyWaitOptions? options,
        IProgress<StrategyWaitProgress<TStatus>>? progress,
        CancellationToken cancellationToken)
    {
        options ??= StrategyWaitOptions.Default;
        options.Validate();
        var clock = options.TimeProvider;
        var started = clock.GetTimestamp();
        var attempt = 0;
        var transientFailures = 0;
        string? lastState = null;

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            attempt++;
            TimeSpan? retryAfter = null;
            try
            {
                var status = await poll(cancellationToken).ConfigureAwait(false);
                transientFailures = 0;
                var outcome = classify(status);
                lastState = outcome.Value;
                progress?.Report(new StrategyWaitProgress<TStatus>(status, outcome.Value, attempt, clock.GetElapsedTime(started)));

                switch (outcome.State)
                {
                    case PollState.Succeeded:
                        return status;
                    case PollState.Failed:
                        throw new StrategyOperationFailedException(description, outcome.Value, outcome.Failures, status);
                }
            }
            catch (Exception ex) when (TransientFailures.IsTransient(ex, cancellationToken) && transientFailures < options.MaxConsecutiveTransientFailures)
            {
                // The status call failed, not the work: try again after the delay without restarting anything.
                transientFailures++;
                retryAfter = (ex as StrategyApiException)?.RetryAfter;
            }

            var elapsed = clock.GetElapsedTime(started);
            var delay = PollingDelay.Next(attempt, options, retryAfter, Random.Shared.NextDouble());
            if (elapsed + delay > options.Timeout)
            {
                throw new StrategyWaitTimeoutException(description, options.Timeout, elapsed, attempt, lastState);
            }

            await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
