using Strategy.Emulator;
using Strategy.Emulator.Faults;
using Strategy.Generated;
using Strategy.Tests.Shared;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// Three cubes refreshed at once under each fault, against the emulator over loopback (a project
/// limit of two jobs, so every row also meets the limit). Each cube ends published or with a typed
/// failure; no job of ours is left running; no cube is published twice; no secret reaches a log
/// line or an exception.
/// </summary>
[NonParallelizable]
public sealed class CubeFaultMatrixTests
{
    private const string Password = "s3cret-Cube-Passw0rd";

    private static readonly StrategyWaitOptions Waits = new()
    {
        MinimumDelay = TimeSpan.FromMilliseconds(20),
        MaximumDelay = TimeSpan.FromMilliseconds(60),
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static readonly CubePublishingOptions Publishing = new()
    {
        MaxConcurrency = 3,
        ResubmitDelay = TimeSpan.FromMilliseconds(50),
        MaxResubmitDelay = TimeSpan.FromMilliseconds(200),
    };

    public static IEnumerable<TestCaseData> Faults()
    {
        yield return Case("cubes: 500 burst on the job lists", e => e.Faults.Add(new FaultRule { Status = 500, Method = "GET", PathContains = "/monitors/jobs", Count = 3 }), allComplete: true);
        yield return Case("cubes: dropped connections on reads", e => e.Faults.Add(new FaultRule { DropConnection = true, Method = "GET", Count = 2 }), allComplete: true);
        yield return Case("cubes: session expires mid-refresh", e => e.ExpireSessions(), allComplete: true);
        yield return Case("cubes: a job leaves the monitor as it ends", e => e.VanishNextJob(), allComplete: true);
        yield return Case("cubes: a node's caches answer 503", e => e.SetNodeDown(Seeds.Nodes[1]), allComplete: true);
        yield return Case("cubes: a publish fails", e => e.FailNextCubePublish("The warehouse table SALES_FACT does not exist."), allComplete: false, failed: 1);
        yield return Case("cubes: a failed job leaves the monitor", e => { e.FailNextCubePublish("The warehouse table SALES_FACT does not exist."); e.VanishNextJob(); }, allComplete: false, failed: 1);
        yield return Case("cubes: publish answer lost (not submitted again)", e => e.Faults.Add(new FaultRule { Status = 504, AfterHandling = true, Method = "POST", PathContains = "/v2/cubes/", Count = 1 }), allComplete: false, failed: 1);
        yield return Case("cubes: cancellation mid-refresh", _ => { }, allComplete: false, cancelAfter: TimeSpan.FromMilliseconds(300), publishDuration: TimeSpan.FromMinutes(5));
        yield return Case("cubes: refresh past the time limit", _ => { }, allComplete: false, timeLimit: TimeSpan.FromSeconds(2), publishDuration: TimeSpan.FromMinutes(5));
    }

    private static TestCaseData Case(string fault, Action<StrategyEmulator> inject, bool allComplete, int failed = 0, TimeSpan? cancelAfter = null, TimeSpan? timeLimit = null, TimeSpan? publishDuration = null) =>
        new TestCaseData(fault, inject, allComplete, failed, cancelAfter, timeLimit, publishDuration).SetArgDisplayNames(fault);

    [TestCaseSource(nameof(Faults))]
    public async Task Cube_refreshes_hold_under_fault(string fault, Action<StrategyEmulator> inject, bool allComplete, int failed, TimeSpan? cancelAfter, TimeSpan? timeLimit, TimeSpan? publishDuration)
    {
        await using var emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions
        {
            Password = Password,
            PublishDuration = publishDuration ?? TimeSpan.FromMilliseconds(300),
            JobLimit = 2,
            JobLinger = TimeSpan.FromSeconds(30),
        });
        var logger = new CapturingLogger();
        await using var connection = StrategyConnection.Create(emulator.BaseUrl, StrategyCredentials.Standard("administrator", Password), Seeds.ProjectId, FaultMatrixTests.Retries, logger);
        await connection.LoginAsync();
        inject(emulator);
        using var cancellation = cancelAfter is { } delay ? new CancellationTokenSource(delay) : new CancellationTokenSource();
        var cubes = Seeds.Cubes.Select(c => c.Id).ToList();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<CubePublishOutcome> outcomes;
        Exception? whole = null;
        try
        {
            outcomes = await connection.CreateClient<CubesClient>().PublishCubesAndWaitAsync(cubes, Publishing, timeLimit is { } limit ? Waits with { Timeout = limit } : Waits, null, cancellation.Token);
        }
        catch (StrategyCubePublishesFailedException some)
        {
            outcomes = some.Outcomes;
        }
        catch (Exception ex)
        {
            // Cancelled or timed out: no cube's outcome is known, each counts as that failure.
            whole = ex;
            outcomes = cubes.Select(c => new CubePublishOutcome(c, null, null, null) { Error = ex }).ToList();
        }

        var took = clock.Elapsed;
        var leftRunning = emulator.RunningJobCount;
        await connection.DisposeAsync();
        var secrets = emulator.IssuedSecrets.Append(Password).ToList();
        var text = string.Join("\n", logger.Lines) + string.Join("\n", outcomes.Select(o => o.Error?.ToString()));
        var untyped = outcomes.Where(o => o.Error is not null && !FaultMatrixReport.IsTyped(o.Error, cancellation.IsCancellationRequested)).Select(o => o.Error!).Distinct().ToList();
        var row = new FaultMatrixRow(
            fault,
            outcomes.Count,
            outcomes.Count(o => o.Succeeded),
            outcomes.Count(o => o.Error is not null && FaultMatrixReport.IsTyped(o.Error, cancellation.IsCancellationRequested)),
            untyped.Count,
            leftRunning,
            emulator.SessionCount,
            Math.Max(0, emulator.CubePublishCount - cubes.Count),
            FaultMatrixReport.SecretsIn(text, secrets),
            timeLimit is { } bound ? $"ended after {took.TotalSeconds:0.0} s (limit {bound.TotalSeconds:0} s for all)" : "-");
        FaultMatrixReport.WriteAfter(row, typeof(CubeFaultMatrixTests).Assembly, () =>
        {
            Assert.That(untyped, Is.Empty, () => string.Join("\n\n", untyped));
            Assert.That(row.LeakedInstances, Is.Zero, "jobs of ours left running on the server");
            Assert.That(row.LeakedSessions, Is.Zero, "sessions left open on the server");
            Assert.That(row.DuplicatedSubscriptions, Is.Zero, "cubes published twice");
            Assert.That(row.SecretsInLogs, Is.Zero, "secrets in logs or exceptions");
            Assert.That(outcomes.Select(o => o.CubeId), Is.EqualTo(cubes), "one outcome per cube");
            if (allComplete)
            {
                Assert.That(outcomes.Where(o => !o.Succeeded).Select(o => o.Error?.Message), Is.Empty);
            }
            else if (failed > 0)
            {
                Assert.That(outcomes.Count(o => !o.Succeeded), Is.EqualTo(failed));
            }
            else
            {
                Assert.That(whole, cancelAfter is null ? Is.InstanceOf<StrategyWaitTimeoutException>() : Is.InstanceOf<StrategyWorkCancelledException>());
                Assert.That(emulator.CancelledJobCount, Is.EqualTo(2), "the two jobs the project limit let start were cancelled");
            }
        });
    }

}
