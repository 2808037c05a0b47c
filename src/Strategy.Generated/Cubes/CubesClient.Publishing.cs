namespace Strategy.Generated;

/// <summary>Publishing Intelligent Cubes and knowing how each publish ended, one at a time or many at once.</summary>
public partial class CubesClient
{
    /// <summary>
    /// Reads the durable record of a cube's last update: its cache on the node the job ran on
    /// (every node of the project when the job id names none), with the job that last updated it and
    /// that update's error. The spec's <c>vanishes</c> of <c>GetJob</c> names it: a job that left the
    /// monitor is confirmed from it.
    /// </summary>
    /// <param name="cubeId">The cube.</param>
    /// <param name="jobId">The job whose outcome is asked (its composite id names the node).</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The record, or <see langword="null"/> when the cube has no cache there.</returns>
    /// <exception cref="StrategyApiException">The server answered an error (503 when the node is not connected).</exception>
    public virtual async Task<StrategyLastUpdate?> FindLastCubeUpdateAsync(string cubeId, string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cubeId);
        var caches = new CubeCachesClient(_httpClient) { ProjectId = ProjectId };
        IEnumerable<string> nodes = StrategyJobId.NodeOf(jobId) is { } node ? [node] : await caches.ProjectNodesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var name in nodes)
        {
            if ((await LastUpdatesOnAsync(name, cancellationToken).ConfigureAwait(false)).TryGetValue(cubeId, out var update))
            {
                return update;
            }
        }

        return null;
    }

    /// <summary>The last update of every cube with a cache on <paramref name="node"/>, by cube id.</summary>
    internal async Task<IReadOnlyDictionary<string, StrategyLastUpdate>> LastUpdatesOnAsync(string node, CancellationToken cancellationToken)
    {
        var updates = new Dictionary<string, StrategyLastUpdate>(StringComparer.OrdinalIgnoreCase);
        await foreach (var cache in new CubeCachesClient(_httpClient) { ProjectId = ProjectId }.EnumerateCubeCachesAsync(node, ProjectId, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (cache.Source?.Id is { } cubeId)
            {
                updates[cubeId] = new StrategyLastUpdate("cube cache " + cache.Id, cache.LastUpdateJob, cache.LastUpdateTime, string.IsNullOrEmpty(cache.ErrorMessage) ? null : cache.ErrorMessage);
            }
        }

        return updates;
    }

    /// <summary>
    /// Publishes (refreshes) an Intelligent Cube and waits until the publish ends: the job on the
    /// monitor, or, once the job has left the monitor, the cube's flags and its cache's last update.
    /// Cancelling the wait (the token, or the time limit) cancels the job on the server.
    /// </summary>
    /// <param name="cubeId">The cube.</param>
    /// <param name="options">How to wait; <see cref="StrategyWaitOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="progress">Receives every job status observed while waiting.</param>
    /// <param name="cancellationToken">Cancels the wait, and then the job.</param>
    /// <returns>The job's last status, the cube's flags and its cache's last update.</returns>
    /// <exception cref="StrategyOperationFailedException">The publish failed; its failures name the cube and the server's message.</exception>
    /// <exception cref="StrategyWaitTimeoutException">The publish was still running at the time limit; the job was then cancelled (<see cref="StrategyWaitTimeoutException.CancelledOnServer"/>).</exception>
    /// <exception cref="StrategyWorkCancelledException">The wait was cancelled; so was the job.</exception>
    /// <exception cref="StrategyApiException">The server answered an error that retrying does not help.</exception>
    public virtual async Task<CubePublishOutcome> PublishCubeAndWaitAsync(
        string cubeId,
        StrategyWaitOptions? options = null,
        IProgress<StrategyWaitProgress<MonitorJob>>? progress = null,
        CancellationToken cancellationToken = default)
    {
        MonitorJob job;
        try
        {
            job = await PublishCubeAndAwaitJobAsync(cubeId, options, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (StrategyOperationFailedException failed) when (!failed.Operation.Contains(cubeId, StringComparison.OrdinalIgnoreCase))
        {
            throw OfCube(cubeId, failed);
        }

        return await OutcomeAsync(cubeId, job, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits for a cube publish started elsewhere (<see cref="StartPublishCubeAsync"/>, then resumed
    /// from its token with <see cref="StrategyConnection.ResumeAsync"/>) and answers what
    /// <see cref="PublishCubeAndWaitAsync"/> answers in the process that started it: the job, the
    /// cube's flags and its cache's last update. The same work, the same typed result.
    /// </summary>
    /// <param name="publish">The publish, of kind <see cref="StrategyWorkKinds.PublishCube"/>.</param>
    /// <param name="options">How to wait; <see cref="StrategyWaitOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="progress">Receives every job status observed while waiting.</param>
    /// <param name="cancellationToken">Cancels the wait (the job goes on: a resumed wait does not own it).</param>
    /// <returns>The job's last status, the cube's flags and its cache's last update.</returns>
    /// <exception cref="ArgumentException"><paramref name="publish"/> is not a cube publish.</exception>
    /// <exception cref="StrategyOperationFailedException">The publish failed; its failures name the cube and the server's message.</exception>
    /// <exception cref="StrategyWaitTimeoutException">The publish was still running at the time limit.</exception>
    public virtual async Task<CubePublishOutcome> WaitForPublishAsync(
        StrategyWork publish,
        StrategyWaitOptions? options = null,
        IProgress<StrategyWaitProgress<MonitorJob>>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publish);
        if (publish is not StrategyWork<MonitorJob> job || publish.Kind != StrategyWorkKinds.PublishCube
            || !publish.Arguments.TryGetValue(StrategyWorkKinds.PublishCubeArguments.CubeId, out var cubeId) || cubeId is null)
        {
            throw new ArgumentException("The work is " + ServerText.Clean(publish.Kind, 60) + " " + publish.Description + ", not a cube publish (" + StrategyWorkKinds.PublishCube + ").", nameof(publish));
        }

        MonitorJob? ended;
        try
        {
            ended = await job.WaitForCompletionAsync(options, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (StrategyOperationFailedException failed) when (!failed.Operation.Contains(cubeId, StringComparison.OrdinalIgnoreCase))
        {
            throw OfCube(cubeId, failed);
        }

        return await OutcomeAsync(cubeId, ended ?? new MonitorJob { Id = publish.Id }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A job's failure in the terms of what was asked, as a batch words it: the job and its cube, then the server's words.</summary>
    private static StrategyOperationFailedException OfCube(string cubeId, StrategyOperationFailedException failed) =>
        new(
            failed.Operation + " (cube " + cubeId + ")",
            "status",
            failed.State,
            failed.StateName,
            failed.Failures.Select(f => f with { Subject = f.Subject ?? "cube " + cubeId }).ToList(),
            failed.LastStatus);

    /// <summary>
    /// Publishes many Intelligent Cubes and waits until every publish has ended. At most
    /// <see cref="CubePublishingOptions.MaxConcurrency"/> of these jobs run on the server at a time; a
    /// publish the server rejects because a job limit is reached is submitted again after a backoff,
    /// never counted as failed and never run twice. While jobs run, one job list per node and polling
    /// interval serves them all, so the calls do not grow with the number of cubes. One time limit
    /// (<see cref="StrategyWaitOptions.Timeout"/>) covers it all; when it passes, or the token is
    /// cancelled, every job still running is cancelled on the server.
    /// </summary>
    /// <param name="cubeIds">The cubes; each is published once, in this order.</param>
    /// <param name="publishing">How many at a time, and how rejections are told.</param>
    /// <param name="options">How to wait; <see cref="StrategyWaitOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="completed">Receives each cube's outcome as it ends.</param>
    /// <param name="cancellationToken">Cancels the wait, and then every job still running.</param>
    /// <returns>One outcome per cube, in the order given, when every publish succeeded.</returns>
    /// <exception cref="StrategyCubePublishesFailedException">Some publishes failed; it holds every outcome.</exception>
    /// <exception cref="StrategyWaitTimeoutException">Publishes were still running at the time limit; they were cancelled.</exception>
    /// <exception cref="StrategyWorkCancelledException">The wait was cancelled; so were the jobs still running.</exception>
    public virtual async Task<IReadOnlyList<CubePublishOutcome>> PublishCubesAndWaitAsync(
        IEnumerable<string> cubeIds,
        CubePublishingOptions? publishing = null,
        StrategyWaitOptions? options = null,
        IProgress<CubePublishOutcome>? completed = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cubeIds);
        var cubes = cubeIds.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var cube in cubes)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(cube, nameof(cubeIds));
        }

        publishing ??= CubePublishingOptions.Default;
        publishing.Validate();
        var batch = new CubePublishBatch(this, new JobsClient(_httpClient) { ProjectId = ProjectId }, cubes, publishing, completed);
        var outcomes = await batch.RunAsync(options, cancellationToken).ConfigureAwait(false);
        return outcomes.All(o => o.Succeeded) ? outcomes : throw new StrategyCubePublishesFailedException(outcomes);
    }

    /// <summary>The outcome of a publish whose job ended well: the cube's flags and its cache's record (read here, or given by a caller that read a node's caches once for many cubes).</summary>
    internal async Task<CubePublishOutcome> OutcomeAsync(string cubeId, MonitorJob job, CancellationToken cancellationToken, IReadOnlyDictionary<string, StrategyLastUpdate>? updatesOnNode = null)
    {
        var flags = await GetCubeStatusFlagsAsync(cubeId, cancellationToken).ConfigureAwait(false);
        StrategyLastUpdate? update;
        try
        {
            update = updatesOnNode is null
                ? await FindLastCubeUpdateAsync(cubeId, job.Id ?? string.Empty, cancellationToken).ConfigureAwait(false)
                : updatesOnNode.TryGetValue(cubeId, out var known) ? known : null;
        }
        catch (StrategyApiException ex) when (ex.Kind == StrategyErrorKind.NotFound || ex.StatusCode == 503)
        {
            // The cache is on a node that is down: the job and the flags have said how it ended.
            update = null;
        }

        return new CubePublishOutcome(cubeId, job, flags, update);
    }

    /// <summary>The last updates on a node for a batch of outcomes, or <see langword="null"/> when the node's caches cannot be read (each outcome then goes without).</summary>
    internal async Task<IReadOnlyDictionary<string, StrategyLastUpdate>> TryLastUpdatesOnAsync(string? node, CancellationToken cancellationToken)
    {
        if (node is null)
        {
            return new Dictionary<string, StrategyLastUpdate>();
        }

        try
        {
            return await LastUpdatesOnAsync(node, cancellationToken).ConfigureAwait(false);
        }
        catch (StrategyApiException ex) when (ex.Kind == StrategyErrorKind.NotFound || ex.StatusCode == 503)
        {
            return new Dictionary<string, StrategyLastUpdate>();
        }
    }
}
