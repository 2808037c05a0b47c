using Strategy.Generated.Http;

namespace Strategy.Generated;

/// <summary>
/// Many cube publishes under one time limit: submitted up to a number at a time, resubmitted when
/// the server rejects them at its job limit, followed with one job list per node and polling
/// interval, each outcome confirmed from the cube when its job has left the monitor.
/// </summary>
internal sealed class CubePublishBatch(
    CubesClient cubes,
    JobsClient jobs,
    IReadOnlyList<string> cubeIds,
    CubePublishingOptions publishing,
    IProgress<CubePublishOutcome>? completed)
{
    private readonly CubePublishOutcome?[] _outcomes = new CubePublishOutcome?[cubeIds.Count];
    private readonly Queue<int> _pending = new(Enumerable.Range(0, cubeIds.Count));
    private readonly Dictionary<string, Running> _running = new(StringComparer.Ordinal);
    private readonly int[] _rejections = new int[cubeIds.Count];

    public async Task<IReadOnlyList<CubePublishOutcome>> RunAsync(StrategyWaitOptions? options, CancellationToken cancellationToken)
    {
        using var run = WorkflowRun.Start(
            StrategyWorkflow.Named("PublishCubesAndWait", StrategyWorkflow.Tag("strategy.cube_count", cubeIds.Count)),
            options);
        var clock = run.Options.TimeProvider;
        var deadline = run.Deadline;
        var attempt = 0;
        var transientFailures = 0;
        var lastPollAnswered = true;
        long nextSubmit = 0;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (deadline.Left <= TimeSpan.Zero)
                {
                    throw Timeout(deadline, attempt, lastPollAnswered);
                }

                if (clock.GetTimestamp() >= nextSubmit)
                {
                    nextSubmit = await SubmitAsync(run, cancellationToken).ConfigureAwait(false);
                }

                if (_running.Count == 0 && _pending.Count == 0)
                {
                    break;
                }

                attempt++;
                var delay = PollingDelay.Next(attempt, run.Options, null, Random.Shared.NextDouble());
                if (_pending.Count > 0 && _running.Count < publishing.MaxConcurrency)
                {
                    var untilSubmit = TimeSpan.FromTicks(Math.Max(0, (long)((nextSubmit - clock.GetTimestamp()) * (double)TimeSpan.TicksPerSecond / clock.TimestampFrequency)));
                    delay = untilSubmit < delay ? untilSubmit : delay;
                }

                var left = deadline.Left;
                await Timers.Delay(clock, delay < left ? delay : (left > TimeSpan.Zero ? left : TimeSpan.Zero), cancellationToken).ConfigureAwait(false);
                if (_running.Count == 0)
                {
                    continue;
                }

                // The job list and the calls that confirm an outcome run under the time left, so a call that hangs cannot outlast the limit.
                using var callDeadline = Timers.CancelAfter(clock, deadline.Left > StrategyWaiter.LastCallGrace ? deadline.Left : StrategyWaiter.LastCallGrace);
                using var callToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, callDeadline.Token);
                try
                {
                    await PollAsync(run.ForWait, callToken.Token).ConfigureAwait(false);
                    transientFailures = 0;
                    lastPollAnswered = true;
                }
                catch (OperationCanceledException) when (callDeadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    // The limit cut a call the server had not answered: the time-out above says so.
                    lastPollAnswered = false;
                }
                catch (Exception ex) when (TransientFailures.IsTransient(ex, cancellationToken) && transientFailures < run.Options.MaxConsecutiveTransientFailures)
                {
                    // The job list failed, not the jobs: read it again next time.
                    transientFailures++;
                    lastPollAnswered = ex is StrategyApiException;
                }
            }

            return _outcomes.Select((o, i) => o ?? Failed(i, null, new InvalidOperationException("The publish was never submitted."))).ToList();
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            var stopped = Describe();
            var (cancelled, error) = await CancelRunningAsync(run).ConfigureAwait(false);
            if (ex is StrategyWorkCancelledException { CancelledOnServer: false } unanswered)
            {
                // A publish whose answer never came may have started a job no one knows of: said after what became of the others.
                run.Failed(unanswered);
                var others = stopped.Length == 0 ? string.Empty : StrategyStop.Describe("The wait for " + stopped + " was cancelled", stopped, cancelled, error) + " ";
                throw new StrategyWorkCancelledException(others + unanswered.Message, unanswered.Operation, error ?? unanswered.InnerException, cancellationToken);
            }

            run.Failed(new OperationCanceledException(cancellationToken));
            throw new StrategyWorkCancelledException(stopped, cancelled, error, cancellationToken);
        }
        catch (StrategyWaitTimeoutException timeout)
        {
            var stopped = Describe();
            var (cancelled, error) = await CancelRunningAsync(run).ConfigureAwait(false);
            run.Failed(timeout);
            throw new StrategyWaitTimeoutException(timeout, cancelled, error, stopped);
        }
        catch (Exception ex)
        {
            // Whatever ended the batch, no job of it is left running unwatched.
            await CancelRunningAsync(run).ConfigureAwait(false);
            run.Failed(ex);
            throw;
        }
    }

    /// <summary>The jobs still running, for messages; empty when none is (nothing to stop).</summary>
    private string Describe() => _running.Count switch
    {
        0 => string.Empty,
        1 => "job " + _running.Keys.First() + " (cube " + _running.Values.First().CubeId + ")",
        _ => _running.Count + " cube publish jobs",
    };

    private StrategyWaitTimeoutException Timeout(StrategyDeadline deadline, int attempts, bool lastCallAnswered) =>
        deadline.TimedOut(
            "the publish of " + (cubeIds.Count == 1 ? "cube " + cubeIds[0] : cubeIds.Count + " cubes"),
            attempts,
            _running.Count + " running, " + _pending.Count + " not yet submitted, " + _outcomes.Count(o => o is not null) + " ended",
            lastCallAnswered);

    /// <summary>Submits publishes while there is room; answers when the next may be submitted (later, after a rejection).</summary>
    private async Task<long> SubmitAsync(WorkflowRun run, CancellationToken cancellationToken)
    {
        var clock = run.Options.TimeProvider;
        while (_running.Count < publishing.MaxConcurrency && _pending.Count > 0)
        {
            // Cancelled: nothing more is submitted, and what runs is cancelled.
            cancellationToken.ThrowIfCancellationRequested();
            var index = _pending.Peek();
            var cubeId = cubeIds[index];
            CubeJob job;
            try
            {
                // Under the time left, as every start is (a server that never answers ends the batch at its limit,
                // StrategyUnreachableException); a publish cancelled in flight may have started its job: its
                // answer is awaited, so the job is cancelled with the others.
                job = await CancellationGrace.RunAsync(clock, run.Options.CleanupTimeout, ct => run.StartingAsync(c => cubes.PublishCubeAsync(cubeId, c), ct), "The publish of cube " + cubeId, cancellationToken).ConfigureAwait(false);
            }
            catch (StrategyApiException ex) when (publishing.IsJobLimitRejection(ex))
            {
                // The server took nothing: submit it again later, first in line.
                var rejections = ++_rejections[index];
                var backoff = TimeSpan.FromTicks(Math.Min(publishing.MaxResubmitDelay.Ticks, publishing.ResubmitDelay.Ticks * (1L << Math.Min(rejections - 1, 20))));
                return clock.GetTimestamp() + (long)(backoff.TotalSeconds * clock.TimestampFrequency);
            }
            catch (Exception ex) when (ex is StrategyApiException || TransportErrors.IsConnectionFailure(ex))
            {
                // Failed, or its answer was lost (the job may have started): never submitted a second time.
                _pending.Dequeue();
                End(index, Failed(index, null, ex));
                continue;
            }

            _pending.Dequeue();
            _running[job.Id] = new Running(index, cubeId, null);
        }

        return 0;
    }

    /// <summary>One job list per node serves every job running there.</summary>
    private async Task PollAsync(StrategyWaitOptions options, CancellationToken cancellationToken)
    {
        foreach (var node in _running.Keys.GroupBy(StrategyJobId.NodeOf).ToList())
        {
            Dictionary<string, MonitorJob> listed;
            if (node.Key is { } nodeName)
            {
                var list = await jobs.ListJobsAsync(nodeName, node.Select(id => _running[id].CubeId).ToList(), null, null, null, null, null, null, null, null, cancellationToken).ConfigureAwait(false);
                listed = (list.Jobs ?? []).Where(j => j?.Id is not null).GroupBy(j => j.Id!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            }
            else
            {
                // An id that names no node cannot be listed: read it alone.
                listed = [];
                foreach (var id in node)
                {
                    try
                    {
                        listed[id] = await jobs.GetJobAsync(id, null, cancellationToken).ConfigureAwait(false);
                    }
                    catch (StrategyApiException ex) when (ex.StatusCode is 404 or 500)
                    {
                        // Left the monitor: confirmed below.
                    }
                }
            }

            IReadOnlyDictionary<string, StrategyLastUpdate>? updates = null;
            foreach (var jobId in node.ToList())
            {
                var running = _running[jobId];
                if (!listed.TryGetValue(jobId, out var status))
                {
                    await ConfirmAsync(jobId, running, options, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var outcome = JobsClient.ClassifyAwaitJob(status);
                switch (outcome.State)
                {
                    case StrategyOutcome.Succeeded:
                        _running.Remove(jobId);

                        // The node's caches are read once for every job of it that ended in this round.
                        updates ??= await cubes.TryLastUpdatesOnAsync(node.Key, cancellationToken).ConfigureAwait(false);
                        End(running.Index, await cubes.OutcomeAsync(running.CubeId, status, cancellationToken, updates).ConfigureAwait(false) with { Rejections = _rejections[running.Index] });
                        break;
                    case StrategyOutcome.Failed:
                        _running.Remove(jobId);
                        var failures = outcome.Failures.Select(f => f with { Subject = f.Subject ?? "cube " + running.CubeId }).ToList();
                        End(running.Index, Failed(running.Index, status, new StrategyOperationFailedException("job " + jobId + " (cube " + running.CubeId + ")", "status", outcome.Value, outcome.Name, failures, status)));
                        break;
                    default:
                        _running[jobId] = running with { Last = status };
                        break;
                }
            }
        }
    }

    /// <summary>A job that left the monitor: its cube says how it ended.</summary>
    private async Task ConfirmAsync(string jobId, Running running, StrategyWaitOptions options, CancellationToken cancellationToken)
    {
        _running.Remove(jobId);
        try
        {
            var confirmed = await StrategyVanish.ConfirmAsync<MonitorJob, CubeStatus>(
                "job " + jobId + " (cube " + running.CubeId + ")",
                jobId,
                running.Last,
                null,
                "cube",
                running.CubeId,
                (subject, o, c) => cubes.AwaitCubeAsync(subject, o, null, c),
                (subject, c) => cubes.FindLastCubeUpdateAsync(subject, jobId, c),
                "status",
                "completed",
                "error",
                options,
                cancellationToken).ConfigureAwait(false);
            if (confirmed.Id is null)
            {
                confirmed.Id = jobId;
            }

            End(running.Index, await cubes.OutcomeAsync(running.CubeId, confirmed, cancellationToken).ConfigureAwait(false) with { Rejections = _rejections[running.Index] });
        }
        catch (StrategyOperationFailedException ex)
        {
            End(running.Index, Failed(running.Index, ex.LastStatus as MonitorJob, ex));
        }
        catch (StrategyOutcomeUnknownException ex)
        {
            // Not a success: nothing durable says this job updated its cube (cancelled, or replaced by a later publish).
            End(running.Index, Failed(running.Index, running.Last, ex));
        }
    }

    private CubePublishOutcome Failed(int index, MonitorJob? job, Exception error) =>
        new(cubeIds[index], job, null, null) { Error = error, Rejections = _rejections[index] };

    private void End(int index, CubePublishOutcome outcome)
    {
        _outcomes[index] = outcome;
        completed?.Report(outcome);
    }

    /// <summary>Cancels every job still running, in one call, under the clean-up limit.</summary>
    private async Task<(bool Cancelled, Exception? Error)> CancelRunningAsync(WorkflowRun run)
    {
        if (_running.Count == 0)
        {
            return (true, null);
        }

        var ids = _running.Keys.ToList();
        var (answer, failure) = await StrategyCleanup.TryAsync(
            run.Options,
            "cancelling " + ids.Count + " cube publish jobs",
            ct => jobs.CancelJobsAsync(new CancelJobsRequest { JobIds = ids }, null, ct)).ConfigureAwait(false);
        if (failure is not null)
        {
            return (false, failure);
        }

        var refused = (answer?.JobCancellationStatus ?? [])
            .Where(s => s is not null && !string.Equals(s.Status, "succeeded", StringComparison.OrdinalIgnoreCase))
            .ToList();
        run.Span.Event("strategy.work_cancelled", "strategy.cancelled", ids.Count - refused.Count);
        return refused.Count == 0
            ? (true, null)
            : (false, new InvalidOperationException("The server did not cancel " + string.Join(", ", refused.Select(r => "job " + r.JobId + (r.Message is { } m ? " (" + ServerText.Clean(m, 200) + ")" : string.Empty))) + "."));
    }

    private sealed record Running(int Index, string CubeId, MonitorJob? Last);
}
