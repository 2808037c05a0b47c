using System.Collections.Concurrent;
using System.Diagnostics;
using Strategy.Emulator;
using Strategy.Emulator.Faults;
using Strategy.Generated;
using Strategy.Tests.Shared;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// Publishing at the edges a real deployment meets: a status call that never answers, a server
/// that dies mid-wait, an instance that expires mid-publish. Each run ends typed, within its time
/// limit, and leaves no instance and no session behind; each adds a row to the fault matrix.
/// </summary>
[NonParallelizable]
public sealed class BoundaryFaultTests
{
    private static readonly PublishRequest Upsert = Publish(RefreshPolicy.Upsert);

    /// <summary>The guard against a hang: far beyond any limit these tests set, never the pass criterion.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly ConcurrentQueue<StrategyScopeEvent> _scopeEvents = new();

    [SetUp]
    public void ForgetEvents() => _scopeEvents.Clear();

    private static PublishRequest Publish(RefreshPolicy policy) => new()
    {
        Tables =
        [
            new TableRefresh { Id = Seeds.YtdDayTableId, RefreshPolicy = RefreshPolicy.Replace },
            new TableRefresh { Id = Seeds.SampleTableId, RefreshPolicy = policy },
        ],
    };

    private StrategyWaitOptions Waits(TimeSpan timeout) => new()
    {
        MinimumDelay = TimeSpan.FromMilliseconds(50),
        MaximumDelay = TimeSpan.FromMilliseconds(100),
        Timeout = timeout,
        ScopeChanged = _scopeEvents.Enqueue,
    };

    [Test]
    public async Task A_status_call_that_never_answers_times_out_at_the_limit_and_the_instance_is_deleted()
    {
        await using var emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PublishDuration = TimeSpan.FromMinutes(5) });
        var hung = new FaultRule { PathContains = "/publishStatus", Delay = TimeSpan.FromHours(1), Count = 100 };
        emulator.Faults.Add(hung);
        var logger = new CapturingLogger();
        var connection = StrategyConnection.Create(emulator.BaseUrl, StrategyCredentials.Standard("administrator", string.Empty), Seeds.ProjectId, logger: logger);
        var limit = TimeSpan.FromSeconds(2);

        // Measured for the report only: from the call to the instance's closing (the workflow's one limit
        // covers opening, starting and waiting; the clean-up has its own). What passes or fails the test is
        // the outcome: the typed timeout naming its limit, one status call sent and cut, the instance gone.
        var clock = Stopwatch.StartNew();
        TimeSpan closing = default;
        var options = Waits(limit) with
        {
            ScopeChanged = change =>
            {
                _scopeEvents.Enqueue(change);
                if (change.Kind == StrategyScopeEventKind.Closing)
                {
                    closing = clock.Elapsed;
                }
            },
        };

        // The status call is held for an hour: a workflow that did not cut it would meet this guard instead.
        var error = await Outcomes.CatchAsync(() => connection.CreateClient<DataModelsClient>().PublishAndWaitAsync(Seeds.DataModelId, Upsert, options)).WaitAsync(HangGuard);
        await connection.DisposeAsync();

        var row = Row("hung status call", error, emulator, logger, $"{closing.TotalSeconds:0.0} s for a {limit.TotalSeconds:0} s limit");
        FaultMatrixReport.WriteAfter(row, typeof(BoundaryFaultTests).Assembly, () =>
        {
            Assert.That(error, Is.InstanceOf<StrategyWaitTimeoutException>());
            var timedOut = (StrategyWaitTimeoutException)error!;
            Assert.That(timedOut.Timeout, Is.EqualTo(limit), "the limit given is the limit reported");
            Assert.That(timedOut.LastCallAnswered, Is.False, "the call in flight was cut, not answered");
            Assert.That(error.Message, Does.Contain("publish of data model " + Seeds.DataModelId + " (instance ").And.Contain("and 1 status call (time limit 2 s); no status was read; the last status call got no answer."), "the one call never answered");
            Assert.That(emulator.Faults.FiredFor(hung), Is.EqualTo(1), "one status call was sent and held: none after it");
            Assert.That(row.LeakedInstances, Is.Zero, "the instance is deleted after the timeout");
            Assert.That(row.LeakedSessions, Is.Zero);
            Assert.That(row.SecretsInLogs, Is.Zero);
            Assert.That(_scopeEvents.Select(e => e.Kind), Is.EqualTo(new[] { StrategyScopeEventKind.Opened, StrategyScopeEventKind.Closing, StrategyScopeEventKind.Closed }));
        });
    }

    [Test]
    public async Task A_server_killed_mid_wait_ends_as_unreachable_after_the_retries_with_default_options()
    {
        var emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PublishDuration = TimeSpan.FromMinutes(5) });
        var attempts = new AttemptCounter();
        var logger = new CapturingLogger();
        var settings = new StrategyClientOptions { BaseUrl = emulator.BaseUrl, ProjectId = Seeds.ProjectId, Username = "administrator", Password = string.Empty };
        settings.AddHandler(() => attempts, Strategy.Generated.Http.StrategyHandlerPosition.PerRetry);
        var connection = StrategyConnection.Create(settings, logger);
        var options = StrategyWaitOptions.Default with { ScopeChanged = _scopeEvents.Enqueue };
        var firstStatus = new TaskCompletionSource();
        var progress = new SynchronousProgress<StrategyWaitProgress<PublishStatus>>(_ => firstStatus.TrySetResult());

        var publish = Outcomes.CatchAsync(() => connection.CreateClient<DataModelsClient>().PublishAndWaitAsync(Seeds.DataModelId, Upsert, options, progress));
        await firstStatus.Task.WaitAsync(HangGuard);
        var issued = emulator.IssuedSecrets;
        await emulator.DisposeAsync();
        var statusReadsBefore = attempts.To("/publishStatus");
        var clock = Stopwatch.StartNew();

        // The default wait lasts far longer than this guard: a workflow that kept polling a dead server meets it.
        var error = await publish.WaitAsync(HangGuard);
        var elapsed = clock.Elapsed;
        await connection.DisposeAsync();
        var statusReadsAfter = attempts.To("/publishStatus") - statusReadsBefore;

        // The instance and the session died with the server (n/a); the failed delete is reported, not thrown.
        var row = Row("server killed mid-wait", error, emulator, logger, $"{elapsed.TotalSeconds:0.0} s to give up, {statusReadsAfter} status attempt(s) after the kill", serverGone: true, issued);
        FaultMatrixReport.WriteAfter(row, typeof(BoundaryFaultTests).Assembly, () =>
        {
            Assert.That(error, Is.InstanceOf<StrategyUnreachableException>());
            Assert.That(((StrategyUnreachableException)error!).Server, Is.EqualTo(emulator.BaseUrl.GetLeftPart(UriPartial.Authority)));
            Assert.That(error!.Message, Does.Contain(emulator.BaseUrl.GetLeftPart(UriPartial.Authority)));
            Assert.That(statusReadsAfter, Is.EqualTo(StrategyWaitOptions.Default.MaxConsecutiveTransientFailures + 1), "the budget of connection failures in a row, spent once, then given up: not polled until the wait's limit");
            Assert.That(row.SecretsInLogs, Is.Zero);
            Assert.That(_scopeEvents.Count(e => e.Kind == StrategyScopeEventKind.CloseFailed && e.Error is not null), Is.EqualTo(1), "the failed delete is the CloseFailed event, with its error");
        });
    }

    [Test]
    public async Task An_instance_that_expires_mid_publish_is_replaced_once_when_every_policy_is_repeatable()
    {
        await using var emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PublishDuration = TimeSpan.FromMilliseconds(600) });
        var logger = new CapturingLogger();
        var connection = StrategyConnection.Create(emulator.BaseUrl, StrategyCredentials.Standard("administrator", string.Empty), Seeds.ProjectId, logger: logger);
        var reports = new ConcurrentQueue<StrategyWaitProgress<PublishStatus>>();
        var expired = 0;
        var progress = new SynchronousProgress<StrategyWaitProgress<PublishStatus>>(report =>
        {
            reports.Enqueue(report);
            if (Interlocked.Exchange(ref expired, 1) == 0)
            {
                emulator.ExpireInstances();
            }
        });

        var error = await Outcomes.CatchAsync(() => connection.CreateClient<DataModelsClient>().PublishAndWaitAsync(Seeds.DataModelId, Upsert, Waits(TimeSpan.FromSeconds(20)), progress));
        await connection.DisposeAsync();

        var row = Row("instance expired, repeatable policies", error, emulator, logger);
        var instances = reports.Select(r => r.ResourceId).Distinct().ToList();
        FaultMatrixReport.WriteAfter(row, typeof(BoundaryFaultTests).Assembly, () =>
        {
            Assert.That(error, Is.Null);
            Assert.That(reports.Last().State, Is.EqualTo("0"));
            Assert.That(reports.Last().Reopens, Is.EqualTo(1));
            Assert.That(instances, Has.Count.EqualTo(2), "the publish ran again in a new instance");
            Assert.That(_scopeEvents.Count(e => e.Kind == StrategyScopeEventKind.Reopening), Is.EqualTo(1));
            Assert.That(row.LeakedInstances, Is.Zero);
            Assert.That(row.LeakedSessions, Is.Zero);
            Assert.That(row.SecretsInLogs, Is.Zero);
        });
    }

    [Test]
    public async Task An_instance_that_expires_mid_publish_with_an_add_policy_is_a_typed_error_naming_the_table()
    {
        await using var emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PublishDuration = TimeSpan.FromMilliseconds(600) });
        var logger = new CapturingLogger();
        var connection = StrategyConnection.Create(emulator.BaseUrl, StrategyCredentials.Standard("administrator", string.Empty), Seeds.ProjectId, logger: logger);
        var progress = new SynchronousProgress<StrategyWaitProgress<PublishStatus>>(_ => emulator.ExpireInstances());

        var error = await Outcomes.CatchAsync(() => connection.CreateClient<DataModelsClient>().PublishAndWaitAsync(
            Seeds.DataModelId, Publish(RefreshPolicy.Add), Waits(TimeSpan.FromSeconds(20)), progress));
        await connection.DisposeAsync();

        var row = Row("instance expired, add policy", error, emulator, logger);
        FaultMatrixReport.WriteAfter(row, typeof(BoundaryFaultTests).Assembly, () =>
        {
            Assert.That(error, Is.InstanceOf<StrategyResourceExpiredException>());
            var expired = (StrategyResourceExpiredException)error!;
            Assert.That(expired.NotRepeatable, Is.EqualTo(new[] { $"{Seeds.SampleTableId} (add)" }), "only the add table is unsafe; the replace table is not named");
            Assert.That(expired.Message, Does.Contain("not started again").And.Contain(Seeds.SampleTableId));
            Assert.That(expired.InnerException, Is.InstanceOf<StrategyApiException>().With.Property(nameof(StrategyApiException.ErrorCode)).EqualTo("ERR004"));
            Assert.That(_scopeEvents.Any(e => e.Kind == StrategyScopeEventKind.Reopening), Is.False);
            Assert.That(row.LeakedInstances, Is.Zero);
            Assert.That(row.LeakedSessions, Is.Zero);
            Assert.That(row.SecretsInLogs, Is.Zero);
        });
    }

    /// <summary>
    /// The row one publish measured: its outcome, the instances and sessions left on the server (n/a
    /// once the server is gone), and every token and cookie issued searched for in the logs and the
    /// exception with its stack. A publish creates no subscription: that figure is n/a.
    /// </summary>
    private static FaultMatrixRow Row(string fault, Exception? error, StrategyEmulator emulator, CapturingLogger? logger, string timeLimit = "-", bool serverGone = false, IReadOnlyList<string>? issued = null) =>
        new(
            fault,
            Runs: 1,
            Completed: error is null ? 1 : 0,
            TypedFailures: error is not null && FaultMatrixReport.IsTyped(error) ? 1 : 0,
            UntypedFailures: error is not null && !FaultMatrixReport.IsTyped(error) ? 1 : 0,
            LeakedInstances: serverGone ? null : emulator.OpenInstanceCount,
            LeakedSessions: serverGone ? null : emulator.SessionCount,
            DuplicatedSubscriptions: null,
            SecretsInLogs: FaultMatrixReport.SecretsIn(string.Join("\n", logger?.Lines ?? []) + error, issued ?? emulator.IssuedSecrets),
            timeLimit);
}
