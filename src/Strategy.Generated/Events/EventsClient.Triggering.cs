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

    /// <summary>
    /// Fires an event as <see cref="TriggerEventAndWaitAsync"/> does (the dependents are listed and
    /// their last runs read first) and answers the runs it started as one operation, without waiting:
    /// check it with <c>UpdateStatusAsync</c>, wait with <c>WaitForCompletionAsync</c>, or hand
    /// <c>GetResumeToken()</c> to another process (<see cref="StrategyConnection.ResumeAsync"/>). The token
    /// names each subscription, its project and its run before the trigger, so those runs are never the answer.
    /// </summary>
    /// <param name="eventId">The event.</param>
    /// <param name="cancellationToken">Cancels the calls before the trigger, and the trigger.</param>
    /// <returns>The runs, started: the operation completes when every run has ended, and fails when any failed.</returns>
    /// <exception cref="StrategyApiException">The server answered an error to the listing or the trigger.</exception>
    Task<StrategyWork<IReadOnlyList<StrategySubscriptionRun>>> StartTriggerEventAsync(string eventId, CancellationToken cancellationToken = default);
}

/// <summary>Adds firing an event and waiting for the subscription runs it started.</summary>
public partial class EventsClient
{
    private const string LegacyRunArgument = "run";

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
            var (work, count) = await run.StartingAsync(ct => StartAsync(eventId, progress, ct), cancellationToken).ConfigureAwait(false);
            run.Span.Tag("strategy.subscriptions", count);
            var runs = await work.WaitForCompletionAsync(run.Options, null, cancellationToken).ConfigureAwait(false) ?? [];
            run.Span.Tag("strategy.skipped", runs.Count(r => r.Outcome == StrategyOutcome.Skipped));
            return runs;
        }
        catch (Exception ex)
        {
            run.Failed(ex);
            throw;
        }
    }

    /// <inheritdoc/>
    public virtual async Task<StrategyWork<IReadOnlyList<StrategySubscriptionRun>>> StartTriggerEventAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        return (await StartAsync(eventId, null, cancellationToken).ConfigureAwait(false)).Work;
    }

    /// <summary>The runs an event started as an operation, from a resume token: each subscription's run is the generated wait's own operation.</summary>
    internal StrategyWork<IReadOnlyList<StrategySubscriptionRun>> WorkOfTriggerEvent(StrategyResumeToken token) =>
        WorkOf(token, names: null, subscriptionProgress: null);

    /// <summary>Lists the dependents, reads each one's last run, fires the event, and answers the runs as one operation.</summary>
    private async Task<(StrategyWork<IReadOnlyList<StrategySubscriptionRun>> Work, int Count)> StartAsync(
        string eventId,
        IProgress<StrategyWaitProgress<SubscriptionStatus>>? subscriptionProgress,
        CancellationToken cancellationToken)
    {
        // The event is a server object: the dependents may be in any project, each answered with its own.
        var listed = await DependentsAsync(eventId, cancellationToken).ConfigureAwait(false);
        var before = await Task.WhenAll(listed.Select(s => SubscriptionsIn(ProjectOf(s)).GetLastSubscriptionRunAsync(s.Id, cancellationToken))).ConfigureAwait(false);
        await TriggerEventAsync(eventId, cancellationToken).ConfigureAwait(false);

        // Each run is its own work, resumed from its own token: the event's token holds them.
        var runs = listed.Select((s, i) => StrategyResumeToken.For(
            _httpClient,
            ProjectOf(s),
            StrategyResumers.KindOfAwaitSubscriptionRun,
            before[i] is { } last ? SubscriptionsClient.AwaitSubscriptionRunRules.RunOf!(last) : null,
            (StrategyWorkKinds.SendSubscriptionArguments.SubscriptionId, s.Id))).ToList();
        var token = StrategyResumeToken.For(_httpClient, ProjectId, StrategyWorkKinds.TriggerEvent, null, (StrategyWorkKinds.TriggerEventArguments.EventId, eventId)).WithParts(runs);
        var names = listed.ToDictionary(s => s.Id, s => (string?)s.Name, StringComparer.Ordinal);
        return (WorkOf(token, names, subscriptionProgress), listed.Count);
    }

    /// <summary>The subscriptions an event starts, as the server lists them (each in its own project), each once: a listing that names one twice starts one run of it.</summary>
    private async Task<List<Subscription>> DependentsAsync(string eventId, CancellationToken cancellationToken) =>
        (await SubscriptionsIn(ProjectId).ListDependentSubscriptionsAsync(eventId, DependentObjectType.Event, cancellationToken: cancellationToken).ConfigureAwait(false))
            .Subscriptions?.Where(s => s?.Id is not null).GroupBy(s => s.Id, StringComparer.Ordinal).Select(g => g.First()).ToList() ?? [];

    /// <summary>
    /// The runs as one operation: it has ended when every run has, failed when any failed
    /// (<see cref="StrategySubscriptionRunsFailedException"/>, with every run's outcome), skipped when
    /// none failed and any was skipped. A run whose status cannot be read counts as failed, as the helper's does.
    /// </summary>
    private StrategyWork<IReadOnlyList<StrategySubscriptionRun>> WorkOf(
        StrategyResumeToken token,
        Dictionary<string, string?>? names,
        IProgress<StrategyWaitProgress<SubscriptionStatus>>? subscriptionProgress)
    {
        var eventId = token.Argument(StrategyWorkKinds.TriggerEventArguments.EventId) ?? string.Empty;
        var description = "the subscription runs that event " + eventId + " started";
        var runs = RunsOf(token)
            .Select(run => new Followed(
                run.Argument(StrategyWorkKinds.SendSubscriptionArguments.SubscriptionId) ?? run.Id,
                names is not null && names.TryGetValue(run.Argument(StrategyWorkKinds.SendSubscriptionArguments.SubscriptionId) ?? string.Empty, out var name) ? name : null,
                StrategyResumers.Resume(_httpClient, run) as StrategyWork<SubscriptionStatus>
                    ?? throw new StrategyResumeTokenException(StrategyResumeTokenProblem.Malformed, $"The resume token of event {eventId} holds a part of kind {ServerText.Clean(run.Kind, 60)}, which is not a subscription run.")))
            .ToList();

        // The runs are one operation: each read reads every run still going, and the one waiter drives it.
        // Resumed, it learns the subscriptions' names from the same listing the trigger read (a token holds ids only),
        // so a resumed wait names each run as the wait that fired the event does.
        var operation = new EventRuns(description, eventId, runs, subscriptionProgress, names is null ? ct => DependentsAsync(eventId, ct) : null);

        async Task<IReadOnlyList<StrategySubscriptionRun>> WaitAsync(
            IReadOnlyList<StrategySubscriptionRun>? last,
            StrategyWaitOptions? options,
            IProgress<StrategyWaitProgress<IReadOnlyList<StrategySubscriptionRun>>>? progress,
            CancellationToken ct)
        {
            using var run = WorkflowRun.Start(StrategyWorkflow.Named("AwaitEventRuns", StrategyWorkflow.Tag("strategy.event_id", eventId)), options);
            return await StrategyWaiter.WaitAsync(run, operation, progress, ct).ConfigureAwait(false);
        }

        return new StrategyWork<IReadOnlyList<StrategySubscriptionRun>>(token, description, operation, WaitAsync, outcomeOf: outcomes => Classify(outcomes).State);
    }

    /// <summary>How the runs stand together: running until all have ended; then failed if any failed, skipped if any was skipped, else succeeded.</summary>
    private static PollOutcome Classify(IReadOnlyList<StrategySubscriptionRun> runs)
    {
        var ended = runs.Count(r => r.Outcome != StrategyOutcome.Running);
        if (ended < runs.Count)
        {
            return PollOutcome.Running("running", null, $"{ended} of {runs.Count} runs ended; still running: {StillRunning(runs)}");
        }

        var failed = runs.Where(r => r.Outcome == StrategyOutcome.Failed).ToList();
        return failed.Count > 0 ? PollOutcome.Failed("failed", null, failed.Select(r => new StrategyFailure(r.SubscriptionId, null, r.ToString())), $"{failed.Count} of {runs.Count} runs failed")
            : runs.Any(r => r.Outcome == StrategyOutcome.Skipped) ? PollOutcome.Skipped("skipped", null, "ended, some skipped")
            : PollOutcome.Succeeded("succeeded", null, runs.Count == 0 ? "no subscription waits on the event" : "all runs succeeded");
    }

    /// <summary>The runs still going, for words shown at every check: the first few ids as the server sent them, cleaned, and how many more.</summary>
    private static string StillRunning(IReadOnlyList<StrategySubscriptionRun> runs)
    {
        const int Named = 3;
        var running = runs.Where(r => r.Outcome == StrategyOutcome.Running).Select(r => ServerText.Clean(r.SubscriptionId, 40)).ToList();
        var more = running.Count > Named ? FormattableString.Invariant($" and {running.Count - Named} more") : string.Empty;
        return "subscription " + string.Join(", ", running.Take(Named)) + more;
    }

    /// <summary>A subscriptions client on this client's connection, in <paramref name="projectId"/>.</summary>
    private SubscriptionsClient SubscriptionsIn(string? projectId) => new(_httpClient) { ProjectId = projectId };

    /// <summary>The project a listed subscription is in: as the listing says, else its content's, else this client's.</summary>
    private string? ProjectOf(Subscription subscription) =>
        subscription.Project?.Id ?? subscription.Contents?.Select(c => c?.ProjectId).FirstOrDefault(p => p is not null) ?? ProjectId;

    /// <summary>
    /// The runs' tokens an event's token holds; a token written before they were its parts (format 1:
    /// <c>run0</c>, <c>run1</c>… arguments, each the subscription, its project and its run before the
    /// trigger, separated by spaces) is still read, so work started by an earlier version resumes.
    /// </summary>
    private IEnumerable<StrategyResumeToken> RunsOf(StrategyResumeToken token)
    {
        if (token.Parts.Count > 0)
        {
            return token.Parts;
        }

        return token.Arguments
            .Where(a => a.Key.StartsWith(LegacyRunArgument, StringComparison.Ordinal) && a.Value is not null)
            .Select(a => a.Value!.Split(' ', 3))
            .Where(parts => parts[0].Length > 0 && parts.Length >= 2)
            .Select(parts => StrategyResumeToken.For(_httpClient, parts[1] == "-" ? null : parts[1], StrategyResumers.KindOfAwaitSubscriptionRun, parts.Length > 2 ? parts[2] : null, (StrategyWorkKinds.SendSubscriptionArguments.SubscriptionId, parts[0])));
    }

    /// <summary>The runs an event started, as one operation: a read reads every run still going (<see cref="Classify"/> says how they stand).</summary>
    private sealed class EventRuns(
        string description,
        string eventId,
        IReadOnlyList<Followed> runs,
        IProgress<StrategyWaitProgress<SubscriptionStatus>>? each,
        Func<CancellationToken, Task<List<Subscription>>>? namesUnknown) : IOperationUpdate<IReadOnlyList<StrategySubscriptionRun>>
    {
        private Func<CancellationToken, Task<List<Subscription>>>? _namesUnknown = namesUnknown;

        public string Description => description;

        public async Task<OperationState<IReadOnlyList<StrategySubscriptionRun>>> UpdateAsync(OperationCall call)
        {
            if (_namesUnknown is { } listDependents && runs.Count > 0)
            {
                await NameAsync(listDependents, call.CallToken).ConfigureAwait(false);
            }

            await Task.WhenAll(runs.Select(r => r.UpdateAsync(call, each))).ConfigureAwait(false);
            IReadOnlyList<StrategySubscriptionRun> outcomes = runs.Select(r => r.Outcome()).ToList();
            return new OperationState<IReadOnlyList<StrategySubscriptionRun>>(outcomes, Classify(outcomes));
        }

        public Exception FailureOf(OperationState<IReadOnlyList<StrategySubscriptionRun>> state) =>
            new StrategySubscriptionRunsFailedException("event " + eventId, state.Status ?? []);

        /// <summary>Names the runs once from the event's listing; a listing the server refuses leaves them unnamed (a name is for people, not the outcome), and is tried again next read.</summary>
        private async Task NameAsync(Func<CancellationToken, Task<List<Subscription>>> listDependents, CancellationToken cancellationToken)
        {
            try
            {
                var names = (await listDependents(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Id, s => s.Name, StringComparer.Ordinal);
                foreach (var run in runs)
                {
                    run.Name ??= names.GetValueOrDefault(run.SubscriptionId);
                }

                _namesUnknown = null;
            }
            catch (StrategyApiException)
            {
                // Unnamed this time: the runs' own reads say how they stand.
            }
        }
    }

    /// <summary>One subscription's run, followed as its own operation, and how it ended without throwing for its outcome.</summary>
    private sealed class Followed(string subscriptionId, string? name, StrategyWork<SubscriptionStatus> work)
    {
        private Exception? _error;
        private int _transientFailures;

        public string SubscriptionId => subscriptionId;

        /// <summary>The subscription's name, when known (from the trigger's listing, or read once by a resumed wait).</summary>
        public string? Name { get; set; } = name;

        /// <summary>
        /// Reads the run once, unless it has ended. A status that cannot be read makes the run failed;
        /// a transient failure only after the wait's budget of them in a row; a broken connection is the
        /// whole wait's (the server is gone for every run). Each status of this run goes to <paramref name="each"/>.
        /// </summary>
        public async Task UpdateAsync(OperationCall call, IProgress<StrategyWaitProgress<SubscriptionStatus>>? each)
        {
            if (work.HasCompleted || _error is not null)
            {
                return;
            }

            try
            {
                await work.UpdateStatusAsync(call.CallToken).ConfigureAwait(false);
                _transientFailures = 0;
            }
            catch (StrategyApiException error) when (!TransientFailures.IsTransient(error, call.CallToken) || ++_transientFailures > call.Options.MaxConsecutiveTransientFailures)
            {
                _error = error;
                return;
            }
            catch (StrategyApiException)
            {
                // Read again next time.
                return;
            }

            if (work.LastRead is { IsShown: true } read)
            {
                each?.Report(new StrategyWaitProgress<SubscriptionStatus>(read.Status!, read.Outcome.Value, call.Attempt, call.Elapsed) { Words = read.Outcome.Words });
            }
        }

        public StrategySubscriptionRun Outcome() =>
            _error is not null ? new StrategySubscriptionRun(subscriptionId, Name, StrategyOutcome.Failed, null, _error)
            : work.HasCompleted ? new StrategySubscriptionRun(subscriptionId, Name, work.Outcome, work.LastStatus, work.Failure)

            // Until it ends, the status read may still be the run before the trigger: it is not this run's.
            : new StrategySubscriptionRun(subscriptionId, Name, StrategyOutcome.Running, null, null);
    }
}
