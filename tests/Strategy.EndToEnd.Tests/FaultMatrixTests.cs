using Strategy.Emulator;
using Strategy.Emulator.Faults;
using Strategy.Generated;
using Strategy.Tests.Shared;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// The three workflows under each fault, against the emulator over loopback. Every run completes
/// or fails with a typed exception; no publish instance is left behind; no subscription is
/// duplicated; no password, token or cookie reaches a log line or an exception.
/// </summary>
[NonParallelizable]
public sealed class FaultMatrixTests
{
    private const string Password = "s3cret-Passw0rd";

    private static readonly StrategyWaitOptions Waits = new()
    {
        MinimumDelay = TimeSpan.FromMilliseconds(10),
        MaximumDelay = TimeSpan.FromMilliseconds(40),
        Timeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>Retries quick enough for a fault test, the per-attempt limit short enough to meet the slow answers; the cube rows use them too.</summary>
    internal static readonly StrategyRetryOptions Retries = new()
    {
        BaseDelay = TimeSpan.FromMilliseconds(10),
        MaxDelay = TimeSpan.FromMilliseconds(100),
        AttemptTimeout = TimeSpan.FromMilliseconds(700),
    };

    public static IEnumerable<TestCaseData> Faults()
    {
        yield return Case("500 burst on reads", e => e.Faults.Add(new FaultRule { Status = 500, Method = "GET", Count = 3 }), allComplete: true);
        yield return Case("503 burst on reads", e => e.Faults.Add(new FaultRule { Status = 503, Method = "GET", Count = 3 }), allComplete: true);
        yield return Case("429 with Retry-After", e => e.Faults.Add(new FaultRule { Status = 429, RetryAfterSeconds = 1, Method = "GET", Count = 2 }), allComplete: true);
        yield return Case("503 on writes (not retried)", e => e.Faults.Add(new FaultRule { Status = 503, Method = "POST", Count = 3 }), allComplete: false);
        yield return Case("dropped connection", e => e.Faults.Add(new FaultRule { DropConnection = true, Method = "GET", Count = 2 }), allComplete: true);
        yield return Case("slow answer beyond the timeout", e => e.Faults.Add(new FaultRule { Delay = TimeSpan.FromSeconds(5), PathContains = "/publishStatus", Count = 1 }), allComplete: true);
        yield return Case("session expires mid-workflow", e => e.ExpireSessions(), allComplete: true);
        yield return Case("publish fails", e => e.FailNextPublish(), allComplete: false, publishFails: true);
        yield return Case("task fails", e => e.FailNextTask(), allComplete: false, taskFails: true);
        yield return Case("create-subscription answer lost", e => e.Faults.Add(new FaultRule { Status = 504, AfterHandling = true, Method = "POST", PathContains = "/api/subscriptions" }), allComplete: false);
        yield return Case("cancellation mid-publish", _ => { }, allComplete: false, cancelAfter: TimeSpan.FromMilliseconds(600));
        yield return Case("50 workflows at once", e => e.ExpireSessions(), allComplete: false, parallel: 50);
        yield return Case("subscription run fails", e => e.FailNextSubscriptionRun(), allComplete: false, runFails: true);
        yield return Case(
            "subscription status hangs past the time limit",
            e => e.Faults.Add(new FaultRule { Delay = TimeSpan.FromSeconds(30), PathContains = "/subscriptions/", Method = "GET", Count = 100 }),
            allComplete: false,
            timeLimit: TimeSpan.FromSeconds(2));
    }

    private static TestCaseData Case(
        string fault, Action<StrategyEmulator> inject, bool allComplete, bool publishFails = false, bool taskFails = false, TimeSpan? cancelAfter = null, int parallel = 1, bool runFails = false, TimeSpan? timeLimit = null) =>
        new TestCaseData(fault, inject, allComplete, publishFails, taskFails, cancelAfter, parallel, runFails, timeLimit).SetArgDisplayNames(fault);

    [TestCaseSource(nameof(Faults))]
    public async Task Workflows_hold_under_fault(string fault, Action<StrategyEmulator> inject, bool allComplete, bool publishFails, bool taskFails, TimeSpan? cancelAfter, int parallel, bool runFails, TimeSpan? timeLimit)
    {
        await using var emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions
        {
            Password = Password,
            TaskDuration = TimeSpan.FromMilliseconds(300),
            PublishDuration = TimeSpan.FromMilliseconds(500),
        });
        var logger = new CapturingLogger();
        await using var connection = StrategyConnection.Create(
            emulator.BaseUrl, StrategyCredentials.Standard("administrator", Password), Seeds.ProjectId, Retries, logger);
        await connection.LoginAsync();
        inject(emulator);
        using var cancellation = cancelAfter is { } delay ? new CancellationTokenSource(delay) : new CancellationTokenSource();

        var waits = timeLimit is { } limit ? Waits with { Timeout = limit } : Waits;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, parallel).Select(run => RunWorkflowsAsync(connection, $"{fault} #{run}", waits, runNow: parallel == 1, cancellation.Token)));
        var took = clock.Elapsed;
        var results = outcomes.SelectMany(o => o).ToList();

        var subscriptions = connection.CreateClient<SubscriptionsClient>();
        var stored = new List<Subscription>();
        await foreach (var subscription in subscriptions.EnumerateSubscriptionsAsync())
        {
            stored.Add(subscription);
        }

        var duplicates = stored.GroupBy(s => s.Name).Count(g => g.Count() > 1);
        await connection.DisposeAsync();
        var secrets = emulator.IssuedSecrets.Append(Password).ToList();
        var text = string.Join("\n", logger.Lines) + string.Join("\n", results.Select(r => r.Error?.ToString()));
        var leakedSecrets = FaultMatrixReport.SecretsIn(text, secrets);
        var untyped = results.Where(r => r.Error is not null && !FaultMatrixReport.IsTyped(r.Error, cancellation.IsCancellationRequested)).Select(r => r.Error!).ToList();
        var row = new FaultMatrixRow(
            fault,
            results.Count,
            results.Count(r => r.Error is null),
            results.Count(r => r.Error is not null && FaultMatrixReport.IsTyped(r.Error, cancellation.IsCancellationRequested)),
            untyped.Count,
            emulator.OpenInstanceCount,
            emulator.SessionCount,
            duplicates,
            leakedSecrets,
            timeLimit is { } bound ? $"ended after {took.TotalSeconds:0.0} s (limit {bound.TotalSeconds:0} s per wait)" : "-");
        FaultMatrixReport.WriteAfter(row, typeof(FaultMatrixTests).Assembly, () =>
        {
            Assert.That(untyped, Is.Empty, () => string.Join("\n\n", untyped));
            Assert.That(row.LeakedInstances, Is.Zero, "publish instances left on the server");
            Assert.That(row.LeakedSessions, Is.Zero, "sessions left open on the server");
            Assert.That(row.DuplicatedSubscriptions, Is.Zero, "subscriptions created twice");
            Assert.That(row.SecretsInLogs, Is.Zero, "secrets in logs or exceptions");
            Assert.That(logger.Lines, Is.Not.Empty, "the requests were logged");
        });
        if (publishFails)
        {
            Assert.That(results.Single(r => r.Workflow == "publish").Error, Is.InstanceOf<StrategyOperationFailedException>());
        }

        if (runFails)
        {
            var run = results.Single(r => r.Workflow == "run now").Error;
            Assert.That(run, Is.InstanceOf<StrategyOperationFailedException>().With.Property(nameof(StrategyOperationFailedException.StateName)).EqualTo("fail"));
        }

        if (timeLimit is { } hung)
        {
            // The read of the last run before the send hangs: nothing was started, so the server did not answer (not a wait that gave up).
            Assert.That(results.Single(r => r.Workflow == "run now").Error, Is.InstanceOf<StrategyUnreachableException>().With.Property(nameof(StrategyUnreachableException.TimeLimit)).EqualTo(hung));
            // The status reads are held for 30 s each: a wait that outlasted its limit on one would have read an answer.
            Assert.That(results.Where(r => r.Error is StrategyWaitTimeoutException or StrategyUnreachableException).Select(r => r.Error switch
            {
                StrategyWaitTimeoutException timedOut => timedOut.Timeout,
                StrategyUnreachableException unreachable => unreachable.TimeLimit,
                _ => null,
            }), Has.All.EqualTo(hung), "every wait ended at its limit, none on the hung call");
        }

        if (taskFails)
        {
            Assert.That(results.Single(r => r.Workflow == "reload").Error, Is.InstanceOf<StrategyOperationFailedException>());
        }

        if (fault == "create-subscription answer lost")
        {
            Assert.That(results.Single(r => r.Workflow == "subscription").Error, Is.InstanceOf<StrategyApiException>());
            Assert.That(stored.Count(s => s.Name.StartsWith(fault, StringComparison.Ordinal)), Is.EqualTo(1), "the server acted once; the client did not repeat the POST");
        }

        if (parallel > 1)
        {
            Assert.That(connection.Session.LoginCount, Is.EqualTo(2), "one shared re-login after the session expired, not one per request");
            Assert.That(row.Completed, Is.GreaterThan(0));
        }

        if (fault.StartsWith("503 on writes", StringComparison.Ordinal))
        {
            Assert.That(results.Select(r => r.Error), Has.All.InstanceOf<StrategyApiException>().With.Property(nameof(StrategyApiException.StatusCode)).EqualTo(503));
        }

        if (allComplete)
        {
            Assert.That(row.Completed, Is.EqualTo(row.Runs), () => string.Join("\n", results.Select(r => r.Error?.Message)));
        }
    }

    [Test]
    public async Task An_event_with_two_subscriptions_of_which_one_fails()
    {
        const string Fault = "event starts two runs, one fails";
        await using var emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { Password = Password, PublishDuration = TimeSpan.FromMilliseconds(300) });
        var logger = new CapturingLogger();
        await using var connection = StrategyConnection.Create(emulator.BaseUrl, StrategyCredentials.Standard("administrator", Password), Seeds.ProjectId, Retries, logger);
        var subscriptions = connection.CreateClient<SubscriptionsClient>();
        var seeded = emulator.SubscriptionCount;
        foreach (var name in new[] { "first on the event", "second on the event" })
        {
            await subscriptions.CreateSubscriptionAsync(DataModelRefreshSubscription.Create(
                name, Seeds.DataModelId, [new TableRefresh { Id = Seeds.SampleTableId, RefreshPolicy = RefreshPolicy.Upsert }], [Seeds.PersonalViewScheduleId]));
        }

        emulator.FailNextSubscriptionRun();
        var error = await Outcomes.CatchAsync(() => connection.CreateClient<EventsClient>().TriggerEventAndWaitAsync(Seeds.PersonalViewEventId, Waits));
        await connection.DisposeAsync();

        var runs = (error as StrategySubscriptionRunsFailedException)?.Runs ?? [];
        var text = string.Join("\n", logger.Lines) + error;

        // Each failed run is typed when the whole is; an error of another type counts as one untyped failure.
        var typed = error is null || FaultMatrixReport.IsTyped(error);
        var row = new FaultMatrixRow(
            Fault,
            runs.Count,
            runs.Count(r => r.Outcome == StrategyOutcome.Succeeded),
            typed ? runs.Count(r => r.Outcome == StrategyOutcome.Failed) : 0,
            typed ? 0 : 1,
            emulator.OpenInstanceCount,
            emulator.SessionCount,
            emulator.SubscriptionCount - seeded - 2,
            FaultMatrixReport.SecretsIn(text, emulator.IssuedSecrets.Append(Password)));
        FaultMatrixReport.WriteAfter(row, typeof(FaultMatrixTests).Assembly, () =>
        {
            Assert.That(error, Is.InstanceOf<StrategySubscriptionRunsFailedException>());
            Assert.That((row.Runs, row.Completed, row.TypedFailures), Is.EqualTo((2, 1, 1)));
            Assert.That(error!.Message, Does.Contain("first on the event").And.Contain("fail (state 2)"));
            Assert.That(row.UntypedFailures, Is.Zero, () => error?.ToString() ?? "no failure");
            Assert.That(row.LeakedSessions, Is.Zero);
            Assert.That(row.DuplicatedSubscriptions, Is.Zero, "the event ran each subscription; it created none");
            Assert.That(row.SecretsInLogs, Is.Zero);
        });
    }


    private static async Task<List<(string Workflow, Exception? Error)>> RunWorkflowsAsync(
        StrategyConnection connection, string name, StrategyWaitOptions waits, bool runNow, CancellationToken cancellationToken)
    {
        var results = new List<(string, Exception?)>();
        results.Add(("reload", await Outcomes.CatchAsync(() => connection.CreateClient<SchemaClient>().ReloadSchemaAndWaitAsync(
            new SchemaReloadRequest { UpdateTypes = [SchemaUpdateType.TableKey] }, waits, null, cancellationToken))));
        results.Add(("publish", await Outcomes.CatchAsync(() => connection.CreateClient<DataModelsClient>().PublishAndWaitAsync(
            Seeds.DataModelId, new PublishRequest { Tables = [new TableRefresh { Id = Seeds.SampleTableId, RefreshPolicy = RefreshPolicy.Replace }] },
            waits, null, cancellationToken))));
        var subscriptions = connection.CreateClient<SubscriptionsClient>();
        Subscription? created = null;
        results.Add(("subscription", await Outcomes.CatchAsync(async () => created = await subscriptions.CreateSubscriptionAsync(
            DataModelRefreshSubscription.Create(name, Seeds.DataModelId, [new TableRefresh { Id = Seeds.SampleTableId, RefreshPolicy = RefreshPolicy.Upsert }], [Seeds.AllTheTimeScheduleId]),
            cancellationToken))));
        if (runNow && created is not null)
        {
            // Runs the scheduled refresh now: a send, then a wait for that run.
            results.Add(("run now", await Outcomes.CatchAsync(() => subscriptions.SendSubscriptionAndWaitAsync(created.Id, waits, null, cancellationToken))));
        }

        return results;
    }
}
