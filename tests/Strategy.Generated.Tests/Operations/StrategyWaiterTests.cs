using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Operations;

/// <summary>
/// The one waiter of long-running work, driven on a clock that moves only when the test moves it:
/// the deadline, the server's Retry-After as a floor on the delay, cancellation, transient failures,
/// progress, the three rules of a status (the run before the start, no status yet, a vanished
/// status confirmed elsewhere) and the one clean-up path. Each scripted read answers at once, so the
/// waiter runs up to its next delay inside the call or the advance that released it.
/// </summary>
public sealed class StrategyWaiterTests
{
    // Only against a hang: never the pass criterion.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Test]
    public async Task The_deadline_ends_the_wait_with_a_last_read_at_the_limit_and_the_last_status_seen()
    {
        var clock = new ManualClock();
        var operation = new ScriptedOperation(_ => Running("executing"));

        var wait = Wait(operation, clock, TimeSpan.FromSeconds(3.5));
        clock.Advance(TimeSpan.FromSeconds(3.5) - TimeSpan.FromTicks(1));
        var pendingJustBefore = !wait.IsCompleted;
        var readsJustBefore = operation.Reads.Count;
        clock.Advance(TimeSpan.FromTicks(1));
        var error = Assert.ThrowsAsync<StrategyWaitTimeoutException>(() => wait.WaitAsync(HangGuard));

        Assert.Multiple(() =>
        {
            Assert.That(pendingJustBefore, Is.True);
            Assert.That(readsJustBefore, Is.EqualTo(4), "reads at 0, 1, 2 and 3 s");
            Assert.That(operation.Reads, Is.EqualTo(new[] { TimeSpan.Zero, Second, 2 * Second, 3 * Second, TimeSpan.FromSeconds(3.5) }), "the last delay is cut so the final read is at the limit");
            Assert.That(error!.Timeout, Is.EqualTo(TimeSpan.FromSeconds(3.5)));
            Assert.That(error.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(3.5)));
            Assert.That(error.Attempts, Is.EqualTo(5));
            Assert.That(error.LastState, Is.EqualTo("executing"));
            Assert.That(error.LastCallAnswered, Is.True);
            Assert.That(error.Operation, Is.EqualTo(ScriptedOperation.What));
        });
    }

    [Test]
    public async Task A_read_that_never_answers_is_cut_at_the_deadline_and_the_time_out_says_it_got_no_answer()
    {
        var clock = new ManualClock();
        var operation = new ScriptedOperation(call => Hang<OperationState<Status>>(call.CallToken));

        var wait = Wait(operation, clock, TimeSpan.FromSeconds(2));
        clock.Advance(TimeSpan.FromSeconds(2));
        var error = Assert.ThrowsAsync<StrategyWaitTimeoutException>(() => wait.WaitAsync(HangGuard));

        Assert.Multiple(() =>
        {
            Assert.That(operation.Reads, Has.Count.EqualTo(1));
            Assert.That(error!.LastCallAnswered, Is.False);
            Assert.That(error.LastState, Is.Null, "no status was read");
            Assert.That(error.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(2)));
        });
    }

    [Test]
    public async Task Retry_after_is_a_floor_on_the_next_delay()
    {
        var clock = new ManualClock();
        var operation = new ScriptedOperation(read => read == 1 ? Running("queued") with { RetryAfter = TimeSpan.FromSeconds(5) } : Done());

        var wait = Wait(operation, clock, TimeSpan.FromMinutes(1));
        clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        var readsBefore = operation.Reads.Count;
        clock.Advance(TimeSpan.FromTicks(1));
        var status = await wait.WaitAsync(HangGuard);

        Assert.Multiple(() =>
        {
            Assert.That(readsBefore, Is.EqualTo(1), "the 1 s delay gave way to the server's 5 s");
            Assert.That(operation.Reads, Is.EqualTo(new[] { TimeSpan.Zero, 5 * Second }));
            Assert.That(status.State, Is.EqualTo("completed"));
        });
    }

    [Test]
    public async Task Work_of_the_operations_own_that_falls_due_sooner_brings_the_next_read_forward()
    {
        // A batch with a rejected publish to submit again in 200 ms is read then, not a whole delay later.
        var clock = new ManualClock();
        var operation = new ScriptedOperation(read => read == 1 ? Running("1 not yet submitted") with { ReadWithin = TimeSpan.FromMilliseconds(200) } : Done());

        var wait = Wait(operation, clock, TimeSpan.FromMinutes(1));
        clock.Advance(TimeSpan.FromMilliseconds(200));
        await wait.WaitAsync(HangGuard);

        Assert.That(operation.Reads, Is.EqualTo(new[] { TimeSpan.Zero, TimeSpan.FromMilliseconds(200) }));
    }

    [Test]
    public async Task A_transient_failure_of_a_read_is_read_again_after_the_delay()
    {
        var clock = new ManualClock();
        var operation = new ScriptedOperation(read => read <= 2 ? throw Answer(503) : Done());

        var wait = Wait(operation, clock, TimeSpan.FromMinutes(1));
        clock.Advance(2 * Second);
        var status = await wait.WaitAsync(HangGuard);

        Assert.Multiple(() =>
        {
            Assert.That(operation.Reads, Is.EqualTo(new[] { TimeSpan.Zero, Second, 2 * Second }), "the read was repeated, nothing restarted");
            Assert.That(status.State, Is.EqualTo("completed"));
        });
    }

    [Test]
    public async Task Cancelling_between_reads_ends_the_wait_at_once_and_nothing_more_is_read()
    {
        var clock = new ManualClock();
        using var cancel = new CancellationTokenSource();
        var operation = new ScriptedOperation(_ => Running("executing"));

        var wait = Wait(operation, clock, TimeSpan.FromMinutes(1), cancellationToken: cancel.Token);
        clock.Advance(Second);
        await cancel.CancelAsync();
        Assert.That(async () => await wait.WaitAsync(HangGuard), Throws.InstanceOf<OperationCanceledException>());
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.That(operation.Reads, Has.Count.EqualTo(2), "read at 0 and 1 s; none after the cancellation");
    }

    [Test]
    public async Task Progress_reports_every_status_of_the_work_with_its_attempt_and_the_time_waited()
    {
        var clock = new ManualClock();
        var progress = new RecordingProgress<StrategyWaitProgress<Status>>();
        var operation = new ScriptedOperation(read => read < 3 ? Running("executing " + read) : Done());

        var wait = Wait(operation, clock, TimeSpan.FromMinutes(1), progress);
        clock.Advance(2 * Second);
        await wait.WaitAsync(HangGuard);

        Assert.That(progress.Reports.Select(p => (p.Attempt, p.Elapsed, p.Words)), Is.EqualTo(new[]
        {
            (1, TimeSpan.Zero, "executing 1"),
            (2, Second, "executing 2"),
            (3, 2 * Second, "completed"),
        }));
    }

    [Test]
    public async Task A_failed_state_throws_the_operations_typed_failure()
    {
        var clock = new ManualClock();
        var operation = new ScriptedOperation(_ => new OperationState<Status>(new Status("error"), PollOutcome.Failed("error", [new StrategyFailure("job 1", "E1", "it broke")])));

        var error = Assert.ThrowsAsync<StrategyOperationFailedException>(() => Wait(operation, clock, TimeSpan.FromMinutes(1)).WaitAsync(HangGuard));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Failures.Single().Message, Is.EqualTo("it broke"));
            Assert.That(error.LastStatus, Is.InstanceOf<Status>());
        });
    }

    [Test]
    public async Task The_run_before_the_start_and_no_status_yet_count_as_running_and_are_not_reported_as_the_work()
    {
        var clock = new ManualClock();
        var progress = new RecordingProgress<StrategyWaitProgress<Status>>();
        var answers = new Queue<Func<Status>>([
            () => throw Answer(404, code: "NOSTATUS"),
            () => new Status("completed", Run: "run 1"),
            () => new Status("executing", Run: "run 2"),
            () => new Status("completed", Run: "run 2"),
        ]);
        var rules = Rules() with { RunOf = s => s.Run ?? string.Empty, NoStatusYet = e => e.ErrorCode == "NOSTATUS" };
        var operation = new StatusOperation<Status>(ScriptedOperation.What, _ => Task.FromResult(answers.Dequeue()()), rules, previousRunId: "run 1", confirmVanished: null);

        var wait = StrategyWaiter.WaitAsync(Run(clock, TimeSpan.FromMinutes(1)), operation, progress, CancellationToken.None);
        clock.Advance(3 * Second);
        var status = await wait.WaitAsync(HangGuard);

        Assert.Multiple(() =>
        {
            Assert.That(status.Run, Is.EqualTo("run 2"));
            Assert.That(progress.Reports.Select(p => p.Words), Is.EqualTo(new[] { "executing", "completed" }), "only the new run's statuses are the work's");
            Assert.That(progress.Reports.Select(p => p.Attempt), Is.EqualTo(new[] { 3, 4 }));
        });
    }

    [Test]
    public async Task A_status_that_vanishes_is_confirmed_from_its_durable_source_not_taken_for_done()
    {
        var clock = new ManualClock();
        var progress = new RecordingProgress<StrategyWaitProgress<Status>>();
        Status? lastSeenByConfirm = null;
        var reads = 0;
        var operation = new StatusOperation<Status>(
            ScriptedOperation.What,
            _ => ++reads == 1 ? Task.FromResult(new Status("executing")) : throw Answer(404),
            Rules() with { Vanished = e => e.StatusCode == 404 },
            previousRunId: null,
            confirmVanished: (last, _, _, _) =>
            {
                lastSeenByConfirm = last;
                return Task.FromResult(new Status("completed", Confirmed: true));
            });

        var wait = StrategyWaiter.WaitAsync(Run(clock, TimeSpan.FromMinutes(1)), operation, progress, CancellationToken.None);
        clock.Advance(Second);
        var status = await wait.WaitAsync(HangGuard);

        Assert.Multiple(() =>
        {
            Assert.That(status.Confirmed, Is.True, "the answer is the confirmation's, not the vanished status");
            Assert.That(lastSeenByConfirm?.State, Is.EqualTo("executing"), "the confirmation is given the last status read");
            Assert.That(progress.Reports.Last().Words, Is.EqualTo("completed (left the monitor; confirmed)"));
        });
    }

    [Test]
    public async Task A_read_once_sees_what_the_wait_sees_and_a_failure_does_not_throw()
    {
        var failed = new StatusOperation<Status>(ScriptedOperation.What, _ => Task.FromResult(new Status("error")), Rules(), null, null);
        var previous = new StatusOperation<Status>(ScriptedOperation.What, _ => Task.FromResult(new Status("completed", Run: "run 1")), Rules() with { RunOf = s => s.Run! }, "run 1", null);

        var failedState = await StrategyWaiter.ReadOnceAsync(failed, null, CancellationToken.None);
        var previousState = await StrategyWaiter.ReadOnceAsync(previous, null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(failedState.Outcome.State, Is.EqualTo(StrategyOutcome.Failed));
            Assert.That(previousState.Outcome.State, Is.EqualTo(StrategyOutcome.Running), "the run before the start has not ended this work");
            Assert.That(previousState.Outcome.Words, Is.EqualTo("the previous run's: completed"));
        });
    }

    [Test]
    public async Task A_clean_up_that_never_answers_is_cut_at_its_own_limit_reported_and_does_not_throw()
    {
        var clock = new ManualClock();
        var events = new List<StrategyScopeEvent>();
        var options = new StrategyWaitOptions { TimeProvider = clock, CleanupTimeout = TimeSpan.FromSeconds(30), ScopeChanged = events.Add };
        var resource = new StrategyScopeEvent(StrategyScopeEventKind.Opened, "ExportDashboard", "instance", "I1");
        var deleting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The caller's token is already cancelled: the clean-up runs all the same, on its own limit.
        var closing = StrategyCleanup.CloseAsync(resource, options, ct => { deleting.TrySetResult(); return Hang<object?>(ct); }, serverGone: false, cancelled: true);
        await deleting.Task.WaitAsync(HangGuard);
        clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        var pendingJustBefore = !closing.IsCompleted;
        clock.Advance(TimeSpan.FromTicks(1));
        var failure = await closing.WaitAsync(HangGuard);

        Assert.Multiple(() =>
        {
            Assert.That(pendingJustBefore, Is.True);
            Assert.That(failure, Is.InstanceOf<StrategyUnreachableException>().And.Message.Contains("deleting instance I1"));
            Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { StrategyScopeEventKind.Closing, StrategyScopeEventKind.CloseFailed }));
            Assert.That(events.Last().Error, Is.SameAs(failure));
            Assert.That(events, Has.All.Matches<StrategyScopeEvent>(e => e.Cancelled && e.ResourceId == "I1"));
        });
    }

    [Test]
    public async Task A_clean_up_of_something_already_gone_is_done()
    {
        var events = new List<StrategyScopeEvent>();
        var options = new StrategyWaitOptions { ScopeChanged = events.Add };
        var resource = new StrategyScopeEvent(StrategyScopeEventKind.Opened, "PublishDataModel", "instance", "I2");

        var failure = await StrategyCleanup.CloseAsync(resource, options, _ => throw Answer(404), serverGone: false, cancelled: false);

        Assert.Multiple(() =>
        {
            Assert.That(failure, Is.Null);
            Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { StrategyScopeEventKind.Closing, StrategyScopeEventKind.Closed }));
        });
    }

    private static Task<Status> Wait(IOperationUpdate<Status> operation, ManualClock clock, TimeSpan limit, IProgress<StrategyWaitProgress<Status>>? progress = null, CancellationToken cancellationToken = default) =>
        StrategyWaiter.WaitAsync(Run(clock, limit), operation, progress, cancellationToken);

    /// <summary>A workflow on <paramref name="clock"/>: one read a second, no jitter, <paramref name="limit"/> in all.</summary>
    private static WorkflowRun Run(ManualClock clock, TimeSpan limit) =>
        WorkflowRun.Start(StrategyWorkflow.Named("WaiterTest"), new StrategyWaitOptions { MinimumDelay = Second, MaximumDelay = Second, Jitter = 0, Timeout = limit, TimeProvider = clock });

    private static StrategyWaitRules<Status> Rules() => new("status", s => s.State switch
    {
        "completed" => PollOutcome.Succeeded(s.State),
        "error" => PollOutcome.Failed(s.State, [new StrategyFailure(null, null, "failed")]),
        _ => PollOutcome.Running(s.State),
    });

    private static OperationState<Status> Running(string words) => new(new Status(words), PollOutcome.Running(words));

    private static OperationState<Status> Done() => new(new Status("completed"), PollOutcome.Succeeded("completed"));

    private static StrategyApiException Answer(int status, string? code = null) =>
        new("scripted", status, code is null ? null : "{\"code\":\"" + code + "\",\"message\":\"scripted\"}", null, null);

    private static async Task<T> Hang<T>(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("A hang ends only by cancellation.");
    }

    /// <summary>A status of scripted work.</summary>
    private sealed record Status(string State, string? Run = null, bool Confirmed = false);

    /// <summary>Work whose every read answers what the script says for its number (1 for the first), on the clock the time it was read.</summary>
    private sealed class ScriptedOperation : IOperationUpdate<Status>
    {
        public const string What = "scripted work";

        private readonly Func<OperationCall, Task<OperationState<Status>>> _read;
        private ManualClock? _clock;

        public ScriptedOperation(Func<int, OperationState<Status>> read) => _read = _ => Task.FromResult(read(Reads.Count));

        public ScriptedOperation(Func<OperationCall, Task<OperationState<Status>>> read) => _read = read;

        public List<TimeSpan> Reads { get; } = [];

        public string Description => What;

        public Task<OperationState<Status>> UpdateAsync(OperationCall call)
        {
            _clock ??= (ManualClock)call.Options.TimeProvider;
            Reads.Add(_clock.Elapsed);
            return _read(call);
        }

        public Exception FailureOf(OperationState<Status> state) =>
            new StrategyOperationFailedException(What, "status", state.Outcome.Value, state.Outcome.Name, state.Outcome.Failures, state.Status);
    }
}
