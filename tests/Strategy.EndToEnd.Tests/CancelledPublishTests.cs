using Strategy.Emulator;
using Strategy.Generated;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// A cube publish cancelled by someone else, whose job then leaves the monitor, is never read as a
/// success: the cube is as it was (ready, its cache last written by an earlier job), which is what a
/// success looks like unless the record is tied to the job. In process, resumed from a token, and in a batch.
/// </summary>
public sealed class CancelledPublishTests : EmulatorTest
{
    // Publishes that run long enough to be cancelled; cancelled jobs leave the monitor at once.
    protected override StrategyEmulatorOptions EmulatorOptions => base.EmulatorOptions with { PublishDuration = TimeSpan.FromSeconds(20), JobLinger = TimeSpan.FromMilliseconds(50) };

    [Test]
    public async Task A_wait_on_a_publish_cancelled_elsewhere_that_left_the_monitor_is_a_failure()
    {
        var started = (StrategyWork<MonitorJob>)await Connection.CreateClient<CubesClient>().StartPublishCubeAsync(Seeds.SalesCubeId);
        await CancelAndWaitUntilGoneAsync(started.Id!);

        var error = Assert.ThrowsAsync<StrategyOperationFailedException>(() => started.WaitForCompletionAsync(FastWaits));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain(Seeds.SalesCubeId).And.Contain("did not update it"));
            Assert.That(Emulator.CancelledJobCount, Is.EqualTo(1), "the job was cancelled, so the rule under test was reached");
        });
    }

    [Test]
    public async Task The_same_publish_resumed_from_its_token_in_another_connection_is_a_failure()
    {
        // The customer cube's cache is on the node the emulator gives the first job, so its record is read there.
        var started = await Connection.CreateClient<CubesClient>().StartPublishCubeAsync(Seeds.CustomerCubeId);
        var token = started.GetResumeToken();
        await CancelAndWaitUntilGoneAsync(started.Id!);

        await using var elsewhere = NewConnection();
        var resumed = (StrategyWork<MonitorJob>)await elsewhere.ResumeAsync(token);
        var error = Assert.ThrowsAsync<StrategyOperationFailedException>(() => resumed.WaitForCompletionAsync(FastWaits));

        Assert.That(error!.Message, Does.Contain(Seeds.CustomerCubeId).And.Contain("did not update it"));
    }

    [Test]
    public async Task In_a_batch_the_cancelled_cube_fails_and_the_others_are_still_waited_for()
    {
        await RestartEmulatorAsync(options => options with { PublishDuration = TimeSpan.FromSeconds(2) });
        var cubes = Connection.CreateClient<CubesClient>();

        // Polled rarely, so the cancelled job has left the monitor before the batch looks again.
        var batch = cubes.PublishCubesAndWaitAsync(
            [Seeds.SalesCubeId, Seeds.InventoryCubeId],
            new CubePublishingOptions { MaxConcurrency = 2 },
            FastWaits with { MinimumDelay = TimeSpan.FromMilliseconds(900), MaximumDelay = TimeSpan.FromMilliseconds(900) });
        var jobs = Connection.CreateClient<JobsClient>();
        var sales = await JobOfAsync(jobs, Seeds.SalesCubeId);
        await CancelAndWaitUntilGoneAsync(sales);

        var error = Assert.ThrowsAsync<StrategyCubePublishesFailedException>(() => batch);

        Assert.Multiple(() =>
        {
            Assert.That(error!.Failed.Select(o => o.CubeId), Is.EqualTo(new[] { Seeds.SalesCubeId }));
            Assert.That(error.Outcomes.Single(o => o.CubeId == Seeds.InventoryCubeId).Succeeded, Is.True);
            Assert.That(Emulator.CancelledJobCount, Is.EqualTo(1));
        });
    }

    /// <summary>Cancels the job as another client would, then waits until the monitor no longer has it.</summary>
    private async Task CancelAndWaitUntilGoneAsync(string jobId)
    {
        await using var other = NewConnection();
        var jobs = other.CreateClient<JobsClient>();
        await jobs.CancelJobAsync(jobId);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                await jobs.GetJobAsync(jobId, cancellationToken: limit.Token);
            }
            catch (StrategyApiException ex) when (ex.StatusCode == 404)
            {
                return;
            }

            await Task.Delay(20, limit.Token);
        }
    }

    /// <summary>The job of <paramref name="cubeId"/>'s publish, once the batch has started it.</summary>
    private static async Task<string> JobOfAsync(JobsClient jobs, string cubeId)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            foreach (var node in Seeds.Nodes)
            {
                var found = (await jobs.ListJobsAsync(node, cancellationToken: limit.Token)).Jobs?.FirstOrDefault(j => j?.ObjectId == cubeId && j.Status == MonitorJobStatus.Executing);
                if (found?.Id is { } id)
                {
                    return id;
                }
            }

            await Task.Delay(20, limit.Token);
        }
    }
}
