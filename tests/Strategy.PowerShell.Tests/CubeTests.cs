using System.Management.Automation;
using Strategy.Emulator;
using Strategy.Tests.Shared;

namespace Strategy.PowerShell.Tests;

/// <summary>Get-StrategyCube, Update-StrategyCube, Get-StrategyJob and Stop-StrategyJob, in PowerShell against the emulator program.</summary>
public sealed class CubeTests : ServerFixture
{
    [SetUp]
    public void ConnectFirst() => Shell.Connect().Succeeded();

    [Test]
    public void Get_StrategyCube_lists_the_cubes_with_their_flags_and_gets_one_by_id()
    {
        var all = Shell.Run("Get-StrategyCube | ForEach-Object { \"$($_.Id) $($_.IsReady) $($_.Status)\" }").Succeeded().Output.Select(o => o.ToString()).ToList();
        var byName = Shell.Run("Get-StrategyCube -Name '*inventory*' | ForEach-Object Id").Succeeded().Output.Select(o => o.ToString());
        var missing = Shell.Run("Get-StrategyCube -Id 0000000000000000000000000000BEEF");

        Assert.Multiple(() =>
        {
            Assert.That(all, Has.Count.EqualTo(Seeds.Cubes.Count));
            Assert.That(all.Select(a => a.Split(' ')[0]), Is.EquivalentTo(Seeds.Cubes.Select(c => c.Id)));
            Assert.That(all, Has.Some.Contains(" True Active, Persisted, Loaded, Ready"), "a cube whose last publish ended well is ready");
            Assert.That(byName, Is.EqualTo(new[] { Seeds.InventoryCubeId }));
            Assert.That(missing.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.ObjectNotFound));
            Assert.That(missing.Error.ToString(), Does.StartWith("No such cube: 0000000000000000000000000000BEEF"), "the CLI's words, shown by PowerShell");
            Assert.That(missing.Error.Exception.GetType().FullName, Is.EqualTo("Strategy.Generated.StrategyApiException"), "the typed exception stays");
        });
    }

    [Test]
    public async Task Update_StrategyCube_publishes_the_cubes_from_the_pipeline_with_progress_and_an_outcome_each()
    {
        var before = (await Emulator.StateAsync()).CubePublishes;

        var result = Shell.Run("Get-StrategyCube | Update-StrategyCube -ThrottleLimit 2").Succeeded();

        var after = await Emulator.StateAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.Output.Select(o => o.Properties["CubeId"].Value.ToString()), Is.EquivalentTo(Seeds.Cubes.Select(c => c.Id)));
            Assert.That(result.Output.Select(o => o.Properties["Succeeded"].Value), Has.All.EqualTo(true));
            Assert.That(result.Progress.Select(p => p.StatusDescription), Has.Some.StartsWith("3 of 3 ended"));
            Assert.That(result.Progress.Where(p => p.ParentActivityId == 1).Select(p => p.Activity), Is.EquivalentTo(Seeds.Cubes.Select(c => "Cube " + c.Id)), "a progress record per cube");
            Assert.That(after.CubePublishes - before, Is.EqualTo(3));
            Assert.That(after.Sessions, Is.EqualTo(1), "only the module's own session");
        });
    }

    [Test]
    public async Task Update_StrategyCube_WhatIf_publishes_nothing()
    {
        var before = (await Emulator.StateAsync()).CubePublishes;

        var result = Shell.Run("Update-StrategyCube -Id $Id -WhatIf", ("Id", Seeds.SalesCubeId)).Succeeded();

        Assert.Multiple(async () =>
        {
            Assert.That(result.Output, Is.Empty);
            Assert.That((await Emulator.StateAsync()).CubePublishes, Is.EqualTo(before));
        });
    }

    [Test]
    public async Task A_failed_cube_is_a_non_terminating_error_naming_it_and_the_others_are_written()
    {
        await Emulator.ControlAsync("fail-next/cube-publish", "\"The warehouse table SALES_FACT does not exist.\"");

        var result = Shell.Run("Update-StrategyCube -Id $First, $Second -ThrottleLimit 1", ("First", Seeds.SalesCubeId), ("Second", Seeds.InventoryCubeId));

        Assert.Multiple(() =>
        {
            Assert.That(result.Terminated, Is.Null);
            Assert.That(result.Output.Select(o => o.Properties["CubeId"].Value.ToString()), Is.EqualTo(new[] { Seeds.InventoryCubeId }));
            Assert.That(result.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.InvalidResult));
            Assert.That(result.Error.Exception.Message, Does.Contain(Seeds.SalesCubeId).And.Contain("SALES_FACT"));
        });
    }
}

/// <summary>Get-StrategyJob and Stop-StrategyJob against publishes that run long enough to be stopped.</summary>
public sealed class JobTests : ServerFixture
{
    private protected override string[] EmulatorSettings => ["--publish-duration", "600"];

    [SetUp]
    public void ConnectFirst() => Shell.Connect().Succeeded();

    [Test]
    public async Task Get_StrategyJob_lists_a_running_publish_and_Stop_StrategyJob_cancels_it_WhatIf_first()
    {
        // Counted from what the server holds now: the fixture's emulator outlives each test.
        var before = await Emulator.StateAsync();
        var job = new { Id = await Emulator.StartCubePublishAsync(Seeds.CustomerCubeId) };

        var listed = Shell.Run("Get-StrategyJob | Where-Object Id -eq $Id | ForEach-Object { $_.Status.ToString() }", ("Id", job.Id)).Succeeded().Output.Select(o => o.ToString());
        var whatIf = Shell.Run("Get-StrategyJob | Where-Object Id -eq $Id | Stop-StrategyJob -WhatIf", ("Id", job.Id)).Succeeded();
        var runningAfterWhatIf = (await Emulator.StateAsync()).RunningJobs;
        var stopped = Shell.Run("Get-StrategyJob | Where-Object Id -eq $Id | Stop-StrategyJob -Confirm:$false -PassThru", ("Id", job.Id)).Succeeded().Output.Select(o => o.ToString());
        var state = await Emulator.StateAsync();
        var gone = Shell.Run("Stop-StrategyJob -Id '1:bm93aGVyZQ==' -Confirm:$false");

        Assert.Multiple(() =>
        {
            Assert.That(listed, Is.EqualTo(new[] { "Executing" }));
            Assert.That(whatIf.Output, Is.Empty);
            Assert.That(runningAfterWhatIf, Is.EqualTo(before.RunningJobs + 1), "-WhatIf cancels nothing");
            Assert.That(stopped, Is.EqualTo(new[] { job.Id }));
            Assert.That(state.RunningJobs, Is.EqualTo(before.RunningJobs));
            Assert.That(state.CancelledJobs - before.CancelledJobs, Is.EqualTo(1));
            Assert.That(gone.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.ObjectNotFound));
        });
    }

    [Test]
    public async Task Wait_StrategyOperation_shows_progress_and_at_TimeoutSec_stops_waiting_while_the_job_goes_on()
    {
        var before = await Emulator.StateAsync();
        var token = Shell.Run("(Update-StrategyCube -Id $Id -NoWait).Token", ("Id", Seeds.InventoryCubeId)).Succeeded().Output.Single().ToString();

        var result = Shell.Run("Wait-StrategyOperation -Token $Token -TimeoutSec 2", ("Token", token));
        var after = await Emulator.StateAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Progress.Select(p => p.StatusDescription), Has.Some.StartsWith("executing"));
            Assert.That(result.Error.CategoryInfo.Category, Is.EqualTo(ErrorCategory.OperationTimeout));
            Assert.That(after.RunningJobs, Is.EqualTo(before.RunningJobs + 1), "the wait stopped, not the work: the token resumes it again");
        });
        Shell.Run("Get-StrategyJob | Where-Object ObjectId -eq $Id | Stop-StrategyJob -Confirm:$false", ("Id", Seeds.InventoryCubeId));
    }

    [Test]
    public async Task Ctrl_C_during_Update_StrategyCube_cancels_its_jobs_on_the_server()
    {
        var before = await Emulator.StateAsync();
        var (shell, running) = Shell.Start($"Update-StrategyCube -Id '{Seeds.SalesCubeId}', '{Seeds.InventoryCubeId}'");
        await Eventually.HoldsAsync(async () => (await Emulator.StateAsync()).RunningJobs >= before.RunningJobs + 2, "both publish jobs run");

        shell.Stop();
        var ended = running.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60));
        var stoppedState = shell.InvocationStateInfo.State;
        shell.Dispose();
        var after = await Emulator.StateAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ended, Is.True, "the pipeline ended");
            Assert.That(stoppedState, Is.EqualTo(PSInvocationState.Stopped));
            Assert.That(after.RunningJobs, Is.EqualTo(before.RunningJobs), "the jobs it started are cancelled before the cmdlet returned");
            Assert.That(after.CancelledJobs - before.CancelledJobs, Is.EqualTo(2));
        });
    }
}
