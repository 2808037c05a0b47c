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
    IProgress<CubePublishOutcome>? completed) : IOperationUpdate<IReadOnlyList<CubePublishOutcome>>
{
    private readonly CubePublishOutcome?[] _outcomes = new CubePublishOutcome?[cubeIds.Count];
    private readonly Queue<int> _pending = new(Enumerable.Range(0, cubeIds.Count));
    private readonly Dictionary<string, Running> _running = new(StringComparer.Ordinal);
    private readonly int[] _rejections = new int[cubeIds.Count];
    private WorkflowRun? _run;
    private long _nextSubmit;

    /// <inheritdoc />
    public string Description => "the publish of " + (cubeIds.Count == 1 ? "cube " + cubeIds[0] : cubeIds.Count + " cubes");

    public async Task<IReadOnlyList<CubePublishOutcome>> RunAsync(StrategyWaitOptions? options, CancellationToken cancellationToken)
    {
        using var run = WorkflowRun.Start(
            StrategyWorkflow.Named("PublishCubesAndWait", StrategyWorkflow.Tag("strategy.cube_count", cubeIds.Count)),
            options);
        _run = run;
        try
        {
            // The one waiter drives the batch: each read follows the running jobs and submits while there is room.
            return await StrategyWaiter.WaitAsync(run, this, null, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// One read of the batch: the running jobs followed (one job list per node), then publishes
    /// submitted while there is room. Running until every cube has its outcome.
    /// </summary>
    public async Task<OperationState<IReadOnlyList<CubePublishOutcome>>> UpdateAsync(OperationCall call)
    {
        var run = _run ?? throw new InvalidOperationException("The batch is read only while it runs.");
        var clock = run.Options.TimeProvider;
        if (_running.Count > 0)
        {
            // The job list and the calls that confirm an outcome are cut at the deadline, as any read is.
            await PollAsync(call.Options, call.CallToken).ConfigureAwait(false);
        }

        if (clock.GetTimestamp() >= _nextSubmit)
        {
            // Submitted on the caller's token: a publish in flight gets its grace to answer, whatever the deadline.
            _nextSubmit = await SubmitAsync(run, call.WaitToken).ConfigureAwait(false);
        }

        var words = _running.Count + " running, " + _pending.Count + " not yet submitted, " + _outcomes.Count(o => o is not null) + " ended";
        if (_running.Count == 0 && _pending.Count == 0)
        {
            IReadOnlyList<CubePublishOutcome> all = _outcomes.Select((o, i) => o ?? Failed(i, null, new InvalidOperationException("The publish was never submitted."))).ToList();
            return new OperationState<IReadOnlyList<CubePublishOutcome>>(all, PollOutcome.Succeeded("ended", null, words));
        }

        // A rejected publish waiting for room is submitted again when its delay ends: the next read comes no later.
        var untilSubmit = _pending.Count > 0 && _running.Count < publishing.MaxConcurrency && _nextSubmit > 0
            ? TimeSpan.FromTicks(Math.Max(0, (long)((_nextSubmit - clock.GetTimestamp()) * (double)TimeSpan.TicksPerSecond / clock.TimestampFrequency)))
            : (TimeSpan?)null;
        return new OperationState<IReadOnlyList<CubePublishOutcome>>(null, PollOutcome.Running("running", null, words)) { ReadWithin = untilSubmit };
    }

    /// <inheritdoc />
    public Exception FailureOf(OperationState<IReadOnlyList<CubePublishOutcome>> state) =>
        new InvalidOperationException("A batch has no failed state: each cube has its own outcome.");

    /// <summary>The jobs still running, for messages; empty when none is (nothing to stop).</summary>
    private string Describe() => _running.Count switch
    {
        0 => string.Empty,
        1 => "job " + _running.Keys.First() + " (cube " + _running.Values.First().CubeId + ")",
        _ => _running.Count + " cube publish jobs",
    };

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
                    catch (StrategyApiException ex) when (JobsClient.AwaitJobRules.Vanished!(ex))
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
            // As a single job's wait confirms it: the statuses and the cube it read are the spec's declaration of AwaitJob.
            var confirmed = await jobs.ConfirmAwaitJobAsync(running.Last, null, options, cancellationToken, jobId, null, running.CubeId).ConfigureAwait(false);
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
