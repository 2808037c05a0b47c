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
        emulator.Faults.Add(new FaultRule { PathContains = "/publishStatus", Delay = TimeSpan.FromHours(1), Count = 100 });
        var connection = StrategyConnection.Create(emulator.BaseUrl, StrategyCredentials.Standard("administrator", string.Empty), Seeds.ProjectId);
        var limit = TimeSpan.FromSeconds(2);

        // Timed from the call to the instance's closing: the workflow's one limit covers opening (and the
        // login), starting and waiting; the clean-up has its own.
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
        var error = await Outcomes.CatchAsync(() => connection.CreateClient<DataModelsClient>().PublishAndWaitAsync(Seeds.DataModelId, Upsert, options));
        var elapsed = closing;
        await connection.DisposeAsync();

        Record("hung status call", error, emulator, $"{elapsed.TotalSeconds:0.0} s for a {limit.TotalSeconds:0} s limit");
        Assert.Multiple(() =>
        {
            Assert.That(error, Is.InstanceOf<StrategyWaitTimeoutException>());
            Assert.That(error?.Message, Does.Contain("publish of data model " + Seeds.DataModelId + " (instance ").And.Contain("and 1 status call (time limit 2 s); no status was read; the last status call got no answer."), "the one call never answered");
            // The runtime's timers may fire a millisecond or so before a Stopwatch says the time is up (seen once in CI: 1.9999 s).
            Assert.That(elapsed, Is.GreaterThanOrEqualTo(limit - TimeSpan.FromMilliseconds(20)).And.LessThan(limit + TimeSpan.FromSeconds(1)), "the call in flight is cut at the limit");
            Assert.That(emulator.OpenInstanceCount, Is.Zero, "the instance is deleted after the timeout");
            Assert.That(emulator.SessionCount, Is.Zero);
            Assert.That(_scopeEvents.Select(e => e.Kind), Is.EqualTo(new[] { StrategyScopeEventKind.Opened, StrategyScopeEventKind.Closing, StrategyScopeEventKind.Closed }));
        });
    }

    [Test]
    public async Task A_server_killed_mid_wait_ends_as_unreachable_quickly_with_default_options()
    {
        var emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PublishDuration = TimeSpan.FromMinutes(5) });
        var connection = StrategyConnection.Create(emulator.BaseUrl, StrategyCredentials.Standard("administrator", string.Empty), Seeds.ProjectId);
        var options = StrategyWaitOptions.Default with { ScopeChanged = _scopeEvents.Enqueue };
        var firstStatus = new TaskCompletionSource();
        var progress = new SynchronousProgress<StrategyWaitProgress<PublishStatus>>(_ => firstStatus.TrySetResult());

        var publish = Outcomes.CatchAsync(() => connection.CreateClient<DataModelsClient>().PublishAndWaitAsync(Seeds.DataModelId, Upsert, options, progress));
        await firstStatus.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await emulator.DisposeAsync();
        var clock = Stopwatch.StartNew();
        var error = await publish.WaitAsync(TimeSpan.FromSeconds(30));
        var elapsed = clock.Elapsed;
        await connection.DisposeAsync();

        // The instance and the session died with the server; the failed delete is reported, not thrown.
        Record("server killed mid-wait", error, emulator, $"{elapsed.TotalSeconds:0.0} s to give up (goal 15 s)", serverGone: true);
        Assert.Multiple(() =>
        {
            Assert.That(error, Is.InstanceOf<StrategyUnreachableException>());
            Assert.That(((StrategyUnreachableException)error!).Server, Is.EqualTo(emulator.BaseUrl.GetLeftPart(UriPartial.Authority)));
            Assert.That(error!.Message, Does.Contain(emulator.BaseUrl.GetLeftPart(UriPartial.Authority)));
            Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
            Assert.That(_scopeEvents.Count(e => e.Kind == StrategyScopeEventKind.CloseFailed && e.Error is not null), Is.EqualTo(1), "the failed delete is the CloseFailed event, with its error");
            Assert.That(_scopeEvents.Select(e => e.Kind), Does.Contain(StrategyScopeEventKind.CloseFailed));
        });
    }

    [Test]
    public async Task An_instance_that_expires_mid_publish_is_replaced_once_when_every_policy_is_repeatable()
    {
        await using var emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PublishDuration = TimeSpan.FromMilliseconds(600) });
        var connection = StrategyConnection.Create(emulator.BaseUrl, StrategyCredentials.Standard("administrator", string.Empty), Seeds.ProjectId);
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

        Record("instance expired, repeatable policies", error, emulator);
        var instances = reports.Select(r => r.ResourceId).Distinct().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(error, Is.Null);
            Assert.That(reports.Last().State, Is.EqualTo("0"));
            Assert.That(reports.Last().Reopens, Is.EqualTo(1));
            Assert.That(instances, Has.Count.EqualTo(2), "the publish ran again in a new instance");
            Assert.That(_scopeEvents.Count(e => e.Kind == StrategyScopeEventKind.Reopening), Is.EqualTo(1));
            Assert.That(emulator.OpenInstanceCount, Is.Zero);
            Assert.That(emulator.SessionCount, Is.Zero);
        });
    }

    [Test]
    public async Task An_instance_that_expires_mid_publish_with_an_add_policy_is_a_typed_error_naming_the_table()
    {
        await using var emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PublishDuration = TimeSpan.FromMilliseconds(600) });
        var connection = StrategyConnection.Create(emulator.BaseUrl, StrategyCredentials.Standard("administrator", string.Empty), Seeds.ProjectId);
        var progress = new SynchronousProgress<StrategyWaitProgress<PublishStatus>>(_ => emulator.ExpireInstances());

        var error = await Outcomes.CatchAsync(() => connection.CreateClient<DataModelsClient>().PublishAndWaitAsync(
            Seeds.DataModelId, Publish(RefreshPolicy.Add), Waits(TimeSpan.FromSeconds(20)), progress));
        await connection.DisposeAsync();

        Record("instance expired, add policy", error, emulator);
        Assert.Multiple(() =>
        {
            Assert.That(error, Is.InstanceOf<StrategyResourceExpiredException>());
            var expired = (StrategyResourceExpiredException)error!;
            Assert.That(expired.NotRepeatable, Is.EqualTo(new[] { $"{Seeds.SampleTableId} (add)" }), "only the add table is unsafe; the replace table is not named");
            Assert.That(expired.Message, Does.Contain("not started again").And.Contain(Seeds.SampleTableId));
            Assert.That(expired.InnerException, Is.InstanceOf<StrategyApiException>().With.Property(nameof(StrategyApiException.ErrorCode)).EqualTo("ERR004"));
            Assert.That(_scopeEvents.Any(e => e.Kind == StrategyScopeEventKind.Reopening), Is.False);
            Assert.That(emulator.OpenInstanceCount, Is.Zero);
            Assert.That(emulator.SessionCount, Is.Zero);
        });
    }

    private static void Record(string fault, Exception? error, StrategyEmulator emulator, string timeLimit = "-", bool serverGone = false) =>
        FaultMatrixReport.Write(
            new FaultMatrixRow(
                fault,
                Runs: 1,
                Completed: error is null ? 1 : 0,
                TypedFailures: error is StrategyException ? 1 : 0,
                UntypedFailures: error is null or StrategyException ? 0 : 1,
                LeakedInstances: serverGone ? 0 : emulator.OpenInstanceCount,
                LeakedSessions: serverGone ? 0 : emulator.SessionCount,
                DuplicatedSubscriptions: 0,
                SecretsInLogs: 0,
                timeLimit),
            typeof(BoundaryFaultTests).Assembly);

    /// <summary>Reports on the calling thread, so a test can act between two status calls.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
